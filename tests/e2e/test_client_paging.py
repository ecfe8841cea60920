"""Issue 10: the client page draws and signs only the first screen's tiles; the others are
drawn from the state and signed as the client reaches them, and what counts or walks
through every photo (the viewer, favourites, the filters) still sees every photo."""

import re

import pytest
from playwright.sync_api import expect

from sharing import selectors

from .test_client_gallery import IMAGES_LOADED, PASSWORD, client_gallery  # noqa: F401

pytestmark = pytest.mark.e2e


def test_tiles_past_the_first_screen_are_drawn_and_signed_as_the_client_reaches_them(
    phone_page,
    client_gallery,  # noqa: F811 (the fixture imported above)
    settings,
):
    settings.PROOFSHEET_CLIENT_FIRST_TILES = 3
    gallery, token = client_gallery
    photos = selectors.client_photos(gallery=gallery)
    ids = [view.photo.pk for view in photos]
    phone = phone_page
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    asked = []
    phone.on("request", lambda r: asked.append(r.url) if "/api/state/" in r.url else None)
    phone.goto(f"/p/{token}/")
    phone.fill("#id_password", PASSWORD)
    phone.click("button:has-text('Open the gallery')")
    phone.fill("#id_name", "Ada")
    phone.fill("#id_email", "ada@example.com")
    phone.click("button:has-text('View the photos')")

    # The server drew three tiles; the script drew the other nine, in the gallery's order.
    tiles = phone.locator("#grid .shot")
    expect(tiles).to_have_count(12)
    assert tiles.evaluate_all("ts => ts.map(t => t.dataset.id)") == ids
    expect(phone.locator(".shot").nth(7).locator(".open")).to_have_attribute(
        "aria-label", "Open photo 8 of 12"
    )
    phone.wait_for_function(IMAGES_LOADED, arg=ids[:3])

    # Scrolled to, the last tile gets its signed image, in the srcset's format.
    tiles.last.scroll_into_view_if_needed()
    phone.wait_for_function(IMAGES_LOADED, arg=[ids[-1]])
    last_image = tiles.last.locator("img")
    assert "/thumb" in last_image.evaluate("img => img.currentSrc")
    assert "&s=" in last_image.evaluate("img => img.currentSrc")
    assert asked and all("?ids=" in url for url in asked)  # never the whole state

    # A heart on a tile the script drew counts, and the favourites filter shows it.
    tiles.nth(10).locator(".fav").click()
    expect(phone.locator("#counter")).to_contain_text("1 chosen")
    expect(tiles.nth(10)).to_have_class(re.compile(r"\bis-fav\b"))
    phone.click("[data-filter=favourites]")
    expect(phone.locator("#grid .shot:visible")).to_have_count(1)
    phone.click("[data-filter=all]")
    expect(phone.locator("#grid .shot:visible")).to_have_count(12)

    # The viewer goes through every photo, those signed late included.
    phone.evaluate("window.scrollTo(0, 0)")
    tiles.first.locator(".open").click()
    expect(phone.locator(".pswp__counter")).to_have_text("1 / 12")
    expect(phone.locator(".pswp.is-ready")).to_be_visible()  # the opening zoom is over
    # A drawn tile's proof comes from its HTML (the state's entry carries no address).
    phone.wait_for_function(
        """key => [...document.querySelectorAll('img.pswp__img')]
            .some(img => img.src.includes(key) && img.complete && img.naturalWidth > 0)""",
        arg=photos[0].rendition("proof")["key"],
    )
    for number in range(2, 13):
        phone.keyboard.press("ArrowRight")
        expect(phone.locator(".pswp__counter")).to_have_text(f"{number} / 12")
    proof_key = photos[-1].rendition("proof")["key"]
    phone.wait_for_function(
        """key => [...document.querySelectorAll('img.pswp__img')]
            .some(img => img.src.includes(key) && img.complete && img.naturalWidth > 0)""",
        arg=proof_key,
    )
    assert errors == []
