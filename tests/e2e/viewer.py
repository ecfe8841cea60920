"""The client's viewer in Chromium: open a photo, and tell which file its image shows."""

import hashlib

from playwright.sync_api import expect

from gallery.storage import storage

from .conftest import client_ready

# The open viewer's image (PhotoSwipe's placeholder, the tile's thumbnail, aside).
IMAGE = ".pswp__item[aria-hidden=false] .pswp__img:not(.pswp__img--placeholder)"
IMAGE_LOADED = """selector => {
  const img = document.querySelector(selector);
  return img && img.complete && img.naturalWidth > 0;
}"""
# The SHA-256 of the browser's copy of a URL (`force-cache`: the HTTP cache's entry,
# whatever its age, and a request only if the cache has none; a digest rather than the
# bytes, which are large). Chromium may keep an image it has just shown only in its
# memory cache, so `only-if-cached` alone would miss it.
CACHED_DIGEST = """async url => {
  const response = await fetch(url, {cache: 'force-cache'});
  const digest = await crypto.subtle.digest('SHA-256', await response.arrayBuffer());
  return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('');
}"""


def open_viewer(page, photo_id: str) -> None:
    """Opens the viewer on this photo's tile and waits until its image has loaded."""
    client_ready(page)
    page.locator(f'.shot[data-id="{photo_id}"] .open').click()
    expect(page.locator(".pswp.is-ready")).to_be_visible()  # the opening zoom is over
    page.wait_for_function(IMAGE_LOADED, arg=IMAGE)


def cached_digest(page, url: str) -> str:
    return page.evaluate(CACHED_DIGEST, url)


def shown_image(page) -> tuple[str, str]:
    """The open viewer's image: its URL, and the digest of the bytes the browser holds."""
    src = page.locator(IMAGE).evaluate("img => img.currentSrc")
    return src, cached_digest(page, src)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored(key: str) -> bytes:
    with storage().open(key) as handle:
        return handle.read()
