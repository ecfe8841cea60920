"""Issue 12 in Chromium, on one processed gallery: every tile sharp on a 3x phone and none
of the largest on a 1x laptop (must-show 2); after a watermark change the same page,
reloaded in the same browser, shows the new proof (must-show 3). The delivery after
release: test_client_studio.py."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from gallery import selectors as gallery_selectors
from gallery import services as gallery_services
from gallery.worker import LocalWorker
from sharing import selectors as sharing_selectors
from sharing import services
from tests.lambda_processor.images import changed_fraction, decode
from tests.photos import import_photos

from .conftest import PHONE, watched_context
from .test_client_gallery import shoot
from .viewer import cached_digest, digest, open_viewer, shown_image, stored

pytestmark = pytest.mark.e2e

# Each tile in the viewport: its displayed width, the srcset candidate it shows (by the
# candidate's width descriptor) and the widest it could have chosen.
VISIBLE_TILES = """() => [...document.querySelectorAll('#grid .shot')].filter(tile => {
    const r = tile.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight && r.width > 0;
  }).map(tile => {
    const img = tile.querySelector('img');
    const holder = tile.querySelector('source') || img;
    const widths = Object.fromEntries(holder.srcset.split(',').map(part => {
      const [url, width] = part.trim().split(/\\s+/);
      return [new URL(url, document.baseURI).href, parseInt(width, 10)];
    }));
    return {id: tile.dataset.id, shown: img.getBoundingClientRect().width,
            complete: img.complete, src: img.currentSrc, described: widths[img.currentSrc] || 0,
            widest: Math.max(...Object.values(widths))};
  })"""
# Every visible tile loaded, as wide as its displayed width x the density or its widest.
SHARP = f"""() => ({VISIBLE_TILES})().every(t => t.complete && t.described > 0 &&
    t.described >= Math.min(Math.ceil(t.shown * devicePixelRatio), t.widest))"""
# An image file's own width in pixels, decoded apart from any srcset (whose chosen
# density scales the tile image's naturalWidth).
FILE_WIDTH = """async src => {
  const image = new Image(); image.src = src; await image.decode(); return image.naturalWidth;
}"""
# Every image the page has requested, by URL.
REQUESTED = "() => performance.getEntriesByType('resource').map(entry => entry.name)"


@pytest.fixture
def gallery_and_token(photographer, sample_paths, tmp_path):
    """Six photos of four shapes (landscape, portrait, square, panorama), processed."""
    gallery = gallery_services.gallery_create(owner=photographer, title="Harbour wedding")
    paths = shoot(tmp_path, sample_paths[:3])
    import_photos(gallery, paths, [f"IMG_{n:04d}.jpg" for n in range(101, 101 + len(paths))])
    LocalWorker().run_pending()
    link = services.share_link_create(gallery=gallery, label="Couple")
    return gallery, sharing_selectors.share_link_token(link=link)


def open_gallery(page, token) -> None:
    page.goto(f"/p/{token}/")
    page.fill("#id_name", "Ada")
    page.fill("#id_email", "ada@example.com")
    page.click("button:has-text('View the photos')")
    expect(page.locator("#grid .shot")).to_have_count(6)
    page.locator("#grid").scroll_into_view_if_needed()


def sharp_tiles(page) -> list[dict]:
    """Waits until every visible tile is sharp; the tiles, each with its file's width."""
    page.wait_for_function(SHARP)
    tiles = page.evaluate(VISIBLE_TILES)
    for tile in tiles:
        tile["file_width"] = page.evaluate(FILE_WIDTH, tile["src"])
    return tiles


def revision(url: str) -> tuple[str, str]:
    """A signed image URL's path and render revision (its expiry moves with the clock)."""
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query)["v"][0]


def test_tiles_are_sharp_at_3x_light_at_1x_and_a_new_watermark_shows_on_reload(
    browser, live_server, gallery_and_token
):
    gallery, token = gallery_and_token
    phone = watched_context(browser, **PHONE, base_url=live_server.url)
    laptop = watched_context(
        browser, viewport={"width": 1280, "height": 800}, base_url=live_server.url
    )
    try:
        # Must-show 2, at 1x: sharp tiles, and not one image of the largest width loaded.
        page = laptop.new_page()
        open_gallery(page, token)
        tiles = sharp_tiles(page)
        assert len(tiles) == 6
        for tile in tiles:
            assert tile["file_width"] == tile["described"] >= round(tile["shown"]) - 1, tile
        requested = [url for url in page.evaluate(REQUESTED) if "/renditions/" in url]
        assert requested and not [url for url in requested if "thumb-1200" in url], requested

        # At 3x: each visible tile's image is at least its displayed width x 3 pixels wide
        # (up to the largest rendition); the phone does need the larger widths.
        page = phone.new_page()
        open_gallery(page, token)
        tiles = sharp_tiles(page)
        assert len(tiles) >= 4
        for tile in tiles:
            needed = min(round(tile["shown"] * 3) - 1, tile["widest"])
            assert tile["file_width"] == tile["described"] >= needed, tile
        assert {"thumb-800", "thumb-1200"} <= {t["src"].split("/")[-1].split(".")[0] for t in tiles}

        # Must-show 3: the phone's viewer shows the proof; the photographer changes the
        # watermark and the proofs are re-rendered; the same page, reloaded, shows the new
        # proof under a new revision (the old URL would still come from the cache).
        first = gallery_selectors.photo_list(gallery=gallery)[0]
        proof_key = first.rendition("proof")["key"]
        open_viewer(page, first.photo.pk)
        old_src, shown = shown_image(page)
        old_proof = stored(proof_key)
        assert shown == digest(old_proof) and revision(old_src)[1] == "1"
        page.keyboard.press("Escape")
        expect(page.locator(".pswp")).to_have_count(0)

        gallery_services.gallery_update(gallery=gallery, watermark_text="MAYA & TOM")
        LocalWorker().run_pending()
        new_proof = stored(proof_key)
        page.reload()
        open_viewer(page, first.photo.pk)
        new_src, shown = shown_image(page)
        assert revision(new_src) == (urlsplit(old_src).path, "2")
        assert shown == digest(new_proof)
        assert cached_digest(page, old_src) == digest(old_proof)  # still there, not shown
        # The watermark's pixels changed (about a tenth of the photo), the rest did not.
        assert 0.01 < changed_fraction(decode(new_proof), decode(old_proof)) < 0.3
    finally:
        phone.close()
        laptop.close()
    assert phone.csp_violations == laptop.csp_violations == []
