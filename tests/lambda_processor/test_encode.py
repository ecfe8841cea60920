"""Encoding: progressive JPEG without metadata; the placeholder."""

import base64

from PIL import Image

from lambda_processor.encode import encode_jpeg, placeholder_uri

from .images import decode, exif_with_gps


def test_jpeg_drops_metadata_even_when_the_image_carries_it():
    image = Image.new("RGB", (64, 48), "teal")
    image.info.update(exif=exif_with_gps().tobytes(), icc_profile=b"x" * 100)
    encoded = decode(encode_jpeg(image, quality=82))
    assert encoded.info.get("progressive") == 1
    assert "exif" not in encoded.info and "icc_profile" not in encoded.info


def test_placeholder_stays_small_for_any_shape():
    for size in ((600, 400), (400, 600), (600, 60), (10, 10)):
        image = Image.effect_noise(size, 64).convert("RGB")  # worst case: no smooth areas
        uri = placeholder_uri(image)
        assert len(uri) <= 600, (size, len(uri))
        tiny = decode(base64.b64decode(uri.split(",", 1)[1]))
        assert max(tiny.size) == min(16, max(size)) and tiny.format == "WEBP"
