"""Issue 12, sets and what clients see when: on a phone the client moves between the
gallery's sets from the bar at the top; the photographer adds a set, uploads into it, the
new photos are held back until "Publish", and after a reload the client sees them."""

import pytest
from playwright.sync_api import expect

from gallery import services as gallery_services
from sharing import selectors, services
from tests.photos import import_photos

pytestmark = pytest.mark.e2e

VISIBLE_TILES = "#grid .shot:visible"
SHOWN_IMAGES_LOADED = """() => [...document.querySelectorAll('#grid .shot')]
  .filter(tile => tile.offsetParent !== null)
  .every(tile => tile.querySelector('img').complete && tile.querySelector('img').naturalWidth)"""


@pytest.fixture
def gallery_with_sets(photographer, sample_paths):
    gallery = gallery_services.gallery_create(owner=photographer, title="Harbour wedding")
    ready = gallery_services.set_create(gallery=gallery, name="Getting ready")
    ceremony = gallery_services.set_create(gallery=gallery, name="Ceremony")
    photos = import_photos(gallery, sample_paths[:4], publish=False)
    gallery_services.photos_move_to_set(
        gallery=gallery, photo_ids=[p.pk for p in photos[:2]], photo_set=ready
    )
    gallery_services.photos_move_to_set(
        gallery=gallery, photo_ids=[p.pk for p in photos[2:]], photo_set=ceremony
    )
    link = services.share_link_create(gallery=gallery, label="Couple")
    return gallery, selectors.share_link_token(link=link), photos


def test_client_moves_between_sets_and_sees_new_photos_once_published(
    phone_page, page, live_server, local_worker, gallery_with_sets, photographer, sign_in,
    sample_paths, output_dir, wait_for,
):  # fmt: skip
    gallery, token, photos = gallery_with_sets
    phone = phone_page
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    assert selectors.client_photos(gallery=gallery) == []  # a draft shows clients nothing

    # A draft: the link says "not ready yet", and names nothing.
    phone.goto(f"/p/{token}/")
    expect(phone.locator("h1")).to_have_text("This gallery is not ready yet")
    expect(phone.locator("body")).not_to_contain_text("Harbour wedding")

    # The photographer publishes the draft from the workspace.
    sign_in(page, photographer)
    page.goto(f"/galleries/{gallery.pk}/")
    expect(page.locator("#publish-bar")).to_contain_text("This gallery is a draft")
    expect(page.locator("#publish-button")).to_have_text("Publish the gallery (4 photos)")
    page.click("#publish-button")
    expect(page.locator("#publish-bar")).to_be_hidden()
    gallery.refresh_from_db()
    assert not gallery.is_draft
    wait_for(lambda: len(selectors.client_photos(gallery=gallery)) == 4)  # processed

    # The client: the sets bar at the top, one set at a time.
    phone.reload()
    phone.fill("#id_name", "Ada")
    phone.fill("#id_email", "ada@example.com")
    phone.click("button:has-text('View the photos')")
    bar = phone.locator("#sets-bar")
    expect(bar.locator("a")).to_have_text(["Getting ready 2", "Ceremony 2"])
    expect(bar.locator("a[aria-current=true]")).to_have_text("Getting ready 2")
    expect(phone.locator(VISIBLE_TILES)).to_have_count(2)
    shown = lambda: phone.locator(VISIBLE_TILES).evaluate_all(  # noqa: E731
        "tiles => tiles.map(t => t.dataset.id)"
    )
    assert shown() == [photos[0].pk, photos[1].pk]
    bar.locator("a", has_text="Ceremony").click()
    expect(bar.locator("a[aria-current=true]")).to_have_text("Ceremony 2")
    expect(phone.locator(VISIBLE_TILES)).to_have_count(2)
    assert shown() == [photos[2].pk, photos[3].pk]
    assert phone.evaluate("location.hash") == f"#set-{gallery.sets.get(name='Ceremony').pk}"
    phone.wait_for_function(SHOWN_IMAGES_LOADED)
    phone.screenshot(path=output_dir / "client-sets-bar-phone.png")
    # The viewer goes through this set only.
    phone.locator(VISIBLE_TILES).first.locator(".open").click()
    expect(phone.locator(".pswp__counter")).to_have_text("1 / 2")
    expect(phone.locator(".pswp.is-ready")).to_be_visible()  # the opening zoom is over
    phone.keyboard.press("Escape")
    expect(phone.locator(".pswp")).to_have_count(0)

    # The photographer adds a set and uploads two photos into it: held back.
    page.fill("#set-name", "Reception")
    page.click("button:has-text('Add set')")
    expect(page.locator("#set-tabs [aria-pressed=true]")).to_contain_text("Reception")
    expect(page.locator("#upload-into")).to_have_text("Photos you add go into “Reception”.")
    page.set_input_files("#file-input", [str(path) for path in sample_paths[4:6]])
    expect(page.locator("#upload-counts")).to_have_text("2 of 2 uploaded", timeout=60_000)
    expect(page.locator("#grid .tile.processed")).to_have_count(2, timeout=90_000)
    expect(page.locator("#grid .tile .held-badge")).to_have_count(2)
    expect(page.locator("#publish-button")).to_have_text("Publish 2 new photos")
    assert {p.photo_set.name for p in gallery.photos.filter(published=False)} == {"Reception"}
    page.screenshot(path=output_dir / "workspace-sets-publish.png")

    # Not published yet: the client sees what they saw.
    phone.reload()
    expect(bar.locator("a")).to_have_text(["Getting ready 2", "Ceremony 2"])
    expect(phone.locator("#grid .shot")).to_have_count(4)

    page.click("#publish-button")
    expect(page.locator("#publish-bar")).to_be_hidden()
    expect(page.locator("#grid .tile .held-badge")).to_have_count(0)

    phone.reload()
    expect(bar.locator("a")).to_have_text(["Getting ready 2", "Ceremony 2", "Reception 2"])
    expect(phone.locator("#grid .shot")).to_have_count(6)
    bar.locator("a", has_text="Reception").click()
    expect(phone.locator(VISIBLE_TILES)).to_have_count(2)
    reception = gallery.photos.filter(photo_set__name="Reception").values_list("pk", flat=True)
    assert set(shown()) == set(reception)
    assert errors == []
