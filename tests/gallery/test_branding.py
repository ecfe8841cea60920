import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from gallery import branding
from gallery.storage import storage
from tests.conftest import make_logo_png


def _stored(studio) -> Image.Image:
    return Image.open(io.BytesIO(branding.studio_logo_bytes(studio=studio)))


def test_a_logo_is_stored_re_encoded_as_png_keeping_its_transparency(studio, logo_png):
    studio = branding.studio_logo_set(owner=studio.owner, data=logo_png)

    stored = branding.studio_logo_bytes(studio=studio)
    image = Image.open(io.BytesIO(stored))
    assert studio.logo_key.startswith(f"studio/{studio.owner.pk}/")
    assert image.format == "PNG" and image.mode == "RGBA"
    assert (studio.logo_width, studio.logo_height) == image.size == (240, 80)
    assert image.getpixel((0, 0))[3] == 0  # the corner stays transparent
    assert image.getpixel((120, 40)) == (200, 40, 30, 255)


def test_a_jpeg_logo_loses_its_metadata_and_a_large_one_is_scaled_down(studio):
    source = Image.new("RGB", (3000, 1000), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Secret camera maker"  # Make
    buffer = io.BytesIO()
    source.save(buffer, format="JPEG", exif=exif.tobytes(), comment=b"uploaded as is")

    studio = branding.studio_logo_set(owner=studio.owner, data=buffer.getvalue())

    stored = branding.studio_logo_bytes(studio=studio)
    assert b"Secret camera maker" not in stored and b"uploaded as is" not in stored
    assert _stored(studio).size == (branding.LOGO_MAX_EDGE, 400)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7 not a logo", "PDF"),
        (b"", "empty"),
        (make_logo_png()[:60], "incomplete"),
    ],
    ids=["pdf", "empty", "cut-off-png"],
)
def test_what_is_not_an_image_is_refused_with_a_reason_and_the_old_logo_kept(
    studio_with_logo, data, reason
):
    old_key = studio_with_logo.logo_key

    with pytest.raises(ValidationError) as error:
        branding.studio_logo_set(owner=studio_with_logo.owner, data=data)

    assert reason.lower() in " ".join(error.value.messages).lower()
    studio_with_logo.refresh_from_db()
    assert studio_with_logo.logo_key == old_key and storage().exists(old_key)


def test_a_logo_over_the_size_limit_is_refused(studio, monkeypatch):
    monkeypatch.setattr(branding, "LOGO_MAX_BYTES", 100)

    with pytest.raises(ValidationError, match="more than"):
        branding.studio_logo_set(owner=studio.owner, data=make_logo_png())


def test_a_new_logo_replaces_the_old_one_in_storage(studio_with_logo):
    old_key = studio_with_logo.logo_key

    studio = branding.studio_logo_set(
        owner=studio_with_logo.owner, data=make_logo_png(colour=(0, 0, 255, 255))
    )

    assert studio.logo_key != old_key
    assert not storage().exists(old_key) and storage().exists(studio.logo_key)
    assert _stored(studio).getpixel((120, 40)) == (0, 0, 255, 255)
    studio = branding.studio_logo_remove(studio=studio)
    assert studio.logo_key == "" and storage().list_keys("studio") == []


def test_the_logo_is_served_only_through_a_signed_url(client, studio_with_logo):
    brand = branding.brand_for(studio=studio_with_logo)

    response = client.get(brand.logo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == branding.studio_logo_bytes(
        studio=studio_with_logo
    )
    assert client.get(brand.logo_url.split("?")[0]).status_code == 403


@pytest.mark.parametrize(
    ("accent", "ink"), [("#2f5d50", "#ffffff"), ("#ffd400", "#000000"), ("#000000", "#ffffff")]
)
def test_text_on_the_accent_is_black_or_white_whichever_reads_better(studio, accent, ink):
    studio.accent_colour = accent
    assert branding.brand_for(studio=studio).accent_ink == ink
