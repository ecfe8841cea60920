"""Issue 4, must-show 1: a client on a phone opens a password link, browses, favourites,
comments and submits; the photographer then sees the selection and its Lightroom export."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from gallery import services as gallery_services
from gallery.worker import LocalWorker
from sharing import selectors, services
from sharing.models import Comment, Visitor
from tests.photos import import_photos

pytestmark = pytest.mark.e2e

PASSWORD = "harbour-2024"
IMAGES_LOADED = """ids => ids.every(id => {
  const img = document.querySelector(`.shot[data-id="${id}"] img`);
  return img && img.complete && img.naturalWidth > 0;
})"""


def shoot(tmp_path, sample_paths):
    """Twelve real photos of several shapes: the samples, plus crops of one of them."""
    files = list(sample_paths)
    with Image.open(sample_paths[0]) as photo:
        crops = {
            "portrait": (500, 0, 1300, 1200),
            "square": (300, 100, 1300, 1100),
            "panorama": (0, 300, 1800, 900),
        }
        for name, box in crops.items():
            path = tmp_path / f"{name}.jpg"
            photo.crop(box).save(path, quality=88)
            files.append(path)
    return files


@pytest.fixture
def client_gallery(photographer, sample_paths, tmp_path):
    gallery = gallery_services.gallery_create(
        owner=photographer, title="Harbour wedding", min_favourites=3, max_favourites=8
    )
    paths = shoot(tmp_path, sample_paths)
    import_photos(
        gallery, paths, [f"IMG_{number:04d}.jpg" for number in range(101, 101 + len(paths))]
    )
    LocalWorker().run_pending()
    link = services.share_link_create(gallery=gallery, label="Couple", password=PASSWORD)
    return gallery, selectors.share_link_token(link=link)


def viewer_counter(page):
    return page.locator(".pswp__counter")


def test_client_picks_favourites_on_a_phone_and_the_photographer_gets_them(
    phone_page, page, client_gallery, photographer, sign_in, output_dir
):
    gallery, token = client_gallery
    phone = phone_page
    script_errors = []
    phone.on("pageerror", lambda error: script_errors.append(str(error)))
    photos = selectors.client_photos(gallery=gallery)
    assert len(photos) == 12

    # The link asks for the password, then a name.
    phone.goto(f"/p/{token}/")
    expect(phone.locator("h1")).to_have_text("Harbour wedding")
    phone.fill("#id_password", "not-the-password")
    phone.click("button:has-text('Open the gallery')")
    expect(phone.locator("#password-error")).to_contain_text("not right")
    phone.screenshot(path=output_dir / "client-password-phone.png")
    phone.fill("#id_password", PASSWORD)
    phone.click("button:has-text('Open the gallery')")
    expect(phone.locator("#id_name")).to_be_visible()
    phone.screenshot(path=output_dir / "client-join-phone.png")
    phone.fill("#id_name", "Ada")
    phone.fill("#id_email", "ada@example.com")
    phone.click("button:has-text('View the photos')")

    # The grid paints from placeholders, then thumbnails arrive; lazy ones as we scroll.
    tiles = phone.locator("#grid .shot")
    expect(tiles).to_have_count(12)
    first_ids = [view.photo.pk for view in photos[:4]]
    phone.wait_for_function(IMAGES_LOADED, arg=first_ids)
    ratios = tiles.evaluate_all(
        "ts => ts.map(t => { const r = t.getBoundingClientRect(); return r.width / r.height; })"
    )
    for ratio, view in zip(ratios, photos, strict=True):
        assert ratio == pytest.approx(view.width / view.height, rel=0.03)  # shapes kept
    last = tiles.last
    last.scroll_into_view_if_needed()
    phone.wait_for_function(IMAGES_LOADED, arg=[photos[-1].photo.pk])
    phone.evaluate("window.scrollTo(0, 0)")
    phone.wait_for_function(IMAGES_LOADED, arg=first_ids)
    phone.screenshot(path=output_dir / "client-grid-phone.png")

    # The viewer: the proof full screen; swipe and arrow keys move; the next is preloaded.
    tiles.first.locator(".open").click()
    expect(viewer_counter(phone)).to_have_text("1 / 12")
    expect(phone.locator(".pswp.is-ready")).to_be_visible()  # the opening zoom is over
    phone.mouse.move(330, 420)
    phone.mouse.down()
    phone.mouse.move(40, 420, steps=12)
    phone.mouse.up()
    expect(viewer_counter(phone)).to_have_text("2 / 12")
    phone.keyboard.press("ArrowRight")
    expect(viewer_counter(phone)).to_have_text("3 / 12")
    next_proof_key = photos[3].rendition("proof")["key"]
    phone.wait_for_function(
        """key => [...document.querySelectorAll('img.pswp__img')]
            .some(img => img.src.includes(key) && img.complete && img.naturalWidth > 0)""",
        arg=next_proof_key,
    )
    phone.keyboard.press("ArrowLeft")
    expect(viewer_counter(phone)).to_have_text("2 / 12")

    # Favourite and comment on the photo in the viewer.
    favourite = phone.locator(".viewer-action[data-action=favourite]")
    favourite.click()
    expect(favourite).to_have_attribute("aria-pressed", "true")
    phone.wait_for_function(
        """() => { const img = document.querySelector('.pswp__item[aria-hidden=false] .pswp__img');
                   return img && img.complete && img.naturalWidth > 0; }"""
    )
    phone.screenshot(path=output_dir / "client-viewer-phone.png")
    phone.locator(".viewer-action[data-action=comment]").click()
    phone.fill("#comment-body", "Could this one be a little warmer?")
    phone.click("#comment-form button")
    expect(phone.locator("#comment-list")).to_contain_text("a little warmer")
    phone.keyboard.press("Escape")  # closes the comment sheet first
    expect(phone.locator("#comment-sheet")).to_be_hidden()
    phone.keyboard.press("Escape")
    expect(phone.locator(".pswp")).to_have_count(0)

    # Two more favourites with one tap each in the grid; the counter follows the rules.
    expect(phone.locator("#counter")).to_contain_text("1 chosen")
    tiles.nth(4).locator(".fav").click()
    tiles.nth(7).locator(".fav").click()
    expect(phone.locator("#counter")).to_contain_text("3 chosen · choose 3–8")
    phone.click("[data-filter=favourites]")
    expect(phone.locator("#grid .shot:visible")).to_have_count(3)
    expect(phone.locator("#favourite-count")).to_have_text("3")

    # Send the selection: it locks.
    phone.click("#submit-button")
    expect(phone.locator("#submit-summary")).to_contain_text("3 favourites")
    phone.click("#submit-confirm")
    expect(phone.locator("#sent-notice")).to_be_visible()
    expect(phone.locator("#submit-button")).to_be_disabled()
    phone.screenshot(path=output_dir / "client-sent-phone.png")
    assert script_errors == []

    visitor = Visitor.objects.get(email="ada@example.com")
    assert visitor.is_locked
    assert Comment.objects.get(visitor=visitor).photo_id == photos[1].photo.pk
    chosen = [photos[n].photo.filename for n in (1, 4, 7)]

    # The photographer sees the selection and the file names for Lightroom.
    sign_in(page, photographer)
    page.goto(f"/galleries/{gallery.pk}/")
    expect(page.locator("a:has-text('Selections')")).to_contain_text("1 new")
    page.click("a:has-text('Selections')")
    card = page.locator(f".selection-card[data-visitor='{visitor.pk}']")
    expect(card).to_contain_text("Ada")
    expect(card).to_contain_text("Submitted")
    expect(card).to_contain_text("a little warmer")
    stems = ", ".join(name.rsplit(".", 1)[0] for name in chosen)
    expect(card.locator(".lightroom-text")).to_have_value(stems)
    assert re.fullmatch(r"IMG_\d{4}(, IMG_\d{4}){2}", stems)
    page.screenshot(path=output_dir / "photographer-selections.png", full_page=True)
