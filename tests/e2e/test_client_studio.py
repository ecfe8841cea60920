"""Issue 12, must-show 1 (the studio's part and the delivery): the photographer e-mails the
link from the Share page; on a phone, the link in that e-mail opens the gallery under the
studio's logo, with the cover hero; once the photographer releases the originals, the
viewer shows the clean photo and both download sizes work (sets and publishing:
test_sets_and_publishing.py). Screenshots: test-output/client-hero-phone.png,
client-viewer-released-phone.png."""

import datetime as dt
import re

import pytest
from django.core import mail
from PIL import ImageOps
from playwright.sync_api import expect

from gallery import branding
from gallery import selectors as gallery_selectors
from gallery import services as gallery_services
from gallery.models import Gallery
from gallery.worker import LocalWorker
from sharing import services
from tests.factories import StudioFactory
from tests.lambda_processor.images import changed_fraction, decode
from tests.photos import import_photos

from .viewer import digest, open_viewer, shown_image, stored

pytestmark = pytest.mark.e2e

LOADED = "img => img.complete && img.naturalWidth > 0"
SHOWN_TILES = "#grid .shot:visible"


@pytest.fixture
def branded_gallery(photographer, sample_paths, logo_png):
    StudioFactory(owner=photographer, name="Harbour Light Studio")
    branding.studio_logo_set(owner=photographer, data=logo_png)
    gallery = gallery_services.gallery_create(
        owner=photographer,
        title="Maya & Tom",
        client_email="maya@example.com",
        event_date=dt.date(2026, 6, 20),
        download_policy=Gallery.DownloadPolicy.ORIGINALS,
    )
    photos = import_photos(gallery, sample_paths[:3])
    LocalWorker().run_pending()
    gallery_services.gallery_set_cover(gallery=gallery, photo=photos[2])
    for name, members in (("Getting ready", photos[:2]), ("Ceremony", photos[2:])):
        gallery_services.photos_move_to_set(
            gallery=gallery,
            photo_ids=[photo.pk for photo in members],
            photo_set=gallery_services.set_create(gallery=gallery, name=name),
        )
    link = services.share_link_create(gallery=gallery, label="Couple")
    return gallery, link, photos


def test_the_invitation_opens_the_branded_gallery_on_a_phone(
    page, phone_page, branded_gallery, photographer, sign_in, output_dir, live_server, sample_paths
):
    gallery, link, photos = branded_gallery

    # The photographer e-mails the link from the Share page, to the client by default.
    sign_in(page, photographer)
    page.goto(f"/p/manage/{gallery.pk}/")
    page.click(f"[data-link='{link.pk}'] >> text=E-mail it")
    expect(page.locator("#id_recipients")).to_have_value("maya@example.com")
    page.fill("#id_message", "Here are your photos. Enjoy!")
    page.click("button:has-text('Send')")
    expect(page.locator(f"[data-link='{link.pk}'] .link-emails")).to_contain_text(
        "E-mails sent (1)"
    )

    # The e-mail, as the live server sent it (the test's locmem outbox).
    (invitation,) = mail.outbox
    assert invitation.to == ["maya@example.com"]
    url = re.search(rf"{re.escape(live_server.url)}/p/\S+/", invitation.body).group(0)
    html, _type = invitation.alternatives[0]
    assert f'href="{url}"' in html and 'src="cid:cover"' in html

    # On the phone, the link opens the gallery: a name first, then the photos.
    phone = phone_page
    phone.goto(url)
    expect(phone.locator(".studio-logo")).to_be_visible()
    phone.fill("#id_name", "Maya")
    phone.fill("#id_email", "maya@example.com")
    phone.click("button:has-text('View the photos')")

    logo = phone.locator(".studio-bar img.studio-logo")
    expect(logo).to_have_attribute("alt", "Harbour Light Studio")
    phone.wait_for_function(f"() => ({LOADED})(document.querySelector('.studio-logo'))")
    hero = phone.locator(".hero.has-cover")
    expect(hero.locator("h1")).to_have_text("Maya & Tom")
    expect(hero.locator(".eyebrow")).to_have_text("20 June 2026")
    cover_key = f"renditions/{gallery.pk}/{photos[2].pk}/proof"
    assert cover_key in hero.locator("img.hero-image").get_attribute("src")
    phone.wait_for_function(f"() => ({LOADED})(document.querySelector('.hero-image'))")
    # The hero spans the phone's width, and its title sits over the photo.
    box, title = hero.bounding_box(), hero.locator("h1").bounding_box()
    assert box["width"] == pytest.approx(390, abs=1) and box["height"] >= 300
    assert box["y"] < title["y"] < box["y"] + box["height"]
    # The studio's accent colours the buttons (a custom property, no style attribute).
    accent = phone.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()"
    )
    assert accent == "#8a3b12"
    expect(phone.locator(".studio-footer")).to_contain_text("Harbour Light Studio")
    hero.screenshot(path=output_dir / "client-hero-phone.png")

    # The sets bar, one set at a time.
    bar = phone.locator("#sets-bar")
    expect(bar.locator("a")).to_have_text(["Getting ready 2", "Ceremony 1"])
    expect(phone.locator(SHOWN_TILES)).to_have_count(2)
    bar.screenshot(path=output_dir / "client-invitation-sets-bar-phone.png")

    # A photo added later is held back until the photographer publishes it; then it shows.
    ceremony = gallery.sets.get(name="Ceremony")
    (late,) = import_photos(gallery, sample_paths[3:4], publish=False)
    gallery_services.photos_move_to_set(gallery=gallery, photo_ids=[late.pk], photo_set=ceremony)
    LocalWorker().run_pending()
    phone.reload()
    expect(bar.locator("a")).to_have_text(["Getting ready 2", "Ceremony 1"])
    page.goto(f"/galleries/{gallery.pk}/")
    page.click("#publish-button")
    expect(page.locator("#publish-bar")).to_be_hidden()
    phone.reload()
    expect(bar.locator("a")).to_have_text(["Getting ready 2", "Ceremony 2"])
    bar.locator("a", has_text="Ceremony").click()
    expect(phone.locator(f"{SHOWN_TILES}[data-id='{late.pk}']")).to_have_count(1)
    bar.locator("a", has_text="Getting ready").click()
    page.goto(f"/p/manage/{gallery.pk}/")

    # The photographer releases the whole gallery from the Share page; the release goes
    # through the render queue (run here as `make run`'s worker would) for the clean images.
    page.check("input[name=scope][value=all]")
    page.click("button:has-text('Save release')")
    expect(page.locator("#release-title + p")).to_contain_text("Released for the whole gallery")
    LocalWorker().run_pending()
    released = gallery_selectors.photo_view(photo=photos[0])
    web_key, proof_key = released.rendition("web")["key"], released.rendition("proof")["key"]

    # The client's viewer now shows the clean web-size image: the proof's pixels without
    # its watermark, the photo's own pixels.
    phone.reload()
    open_viewer(phone, photos[0].pk)
    src, shown = shown_image(phone)
    assert f"/{web_key}?" in src and shown == digest(stored(web_key))
    clean, proof = decode(stored(web_key)), decode(stored(proof_key))
    assert clean.size == proof.size
    assert changed_fraction(clean, proof) > 0.02  # the watermark (about a tenth) is gone
    original = ImageOps.exif_transpose(decode(stored(photos[0].original_key)))
    assert changed_fraction(clean, original.resize(clean.size)) < 0.001  # the photo as shot
    expect(phone.locator(".viewer-action[data-action=download-web]")).to_be_visible()
    phone.screenshot(path=output_dir / "client-viewer-released-phone.png")

    # Both sizes download: the web-size rendition and the original, byte for byte.
    for action, key in (("download-web", web_key), ("download", photos[0].original_key)):
        with phone.expect_download() as download:
            phone.locator(f".viewer-action[data-action={action}]").click()
        assert download.value.path().read_bytes() == stored(key), action
