"""The studio's logo as a watermark: from the gallery's settings to the processor's proof."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from gallery import branding, selectors, services
from gallery.storage import record_table
from tests.conftest import make_logo_png


def _proof(photo) -> Image.Image:
    key = selectors.photo_view(photo=photo).rendition("proof")["key"]
    with default_storage.open(key) as stream:
        return Image.open(io.BytesIO(stream.read())).convert("RGB")


def test_a_logo_position_needs_a_logo(gallery, studio):
    with pytest.raises(ValidationError, match="Settings → Studio"):
        services.gallery_update(gallery=gallery, watermark_logo_position="centre")


def test_the_logo_watermark_reaches_the_proof(processed_photo, studio_with_logo, run_jobs):
    gallery = processed_photo.gallery
    services.gallery_update(gallery=gallery, watermark_text="")
    run_jobs()
    plain = _proof(processed_photo)

    services.gallery_update(
        gallery=gallery,
        watermark_logo_position="centre",
        watermark_logo_scale=0.5,
        watermark_opacity=1.0,
    )
    settings_item = record_table().get_gallery_settings(gallery.pk)
    assert settings_item["watermark_logo_key"] == studio_with_logo.logo_key
    run_jobs()

    marked = _proof(processed_photo)
    centre = (marked.width // 2, marked.height // 2)
    red, green, blue = marked.getpixel(centre)
    assert red > 170 and green < 80 and blue < 80  # the logo's red ellipse (200, 40, 30)
    assert plain.getpixel(centre) != marked.getpixel(centre)
    corner = (5, 5)  # outside the logo: the photo as it was
    assert (
        max(
            abs(a - b) for a, b in zip(plain.getpixel(corner), marked.getpixel(corner), strict=True)
        )
        < 8
    )


def test_a_new_logo_re_renders_the_galleries_that_use_it(gallery, studio_with_logo):
    services.gallery_update(gallery=gallery, watermark_logo_position="bottom-right")
    revision = gallery.render_revision

    studio = branding.studio_logo_set(owner=gallery.owner, data=make_logo_png(size=(100, 100)))

    gallery.refresh_from_db()
    assert gallery.render_revision == revision + 1
    assert record_table().get_gallery_settings(gallery.pk)["watermark_logo_key"] == studio.logo_key
    branding.studio_logo_remove(studio=studio)
    gallery.refresh_from_db()
    assert gallery.watermark_logo_position == ""
    assert record_table().get_gallery_settings(gallery.pk)["watermark_logo_key"] == ""
