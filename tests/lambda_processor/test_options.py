"""Options: defaults, the environment, a gallery's settings."""

import pytest

from lambda_processor.options import Options


def test_defaults():
    options = Options()
    assert (options.thumb_size, options.proof_size) == (600, 2048)
    assert options.watermark_text == "PROOF" and not options.watermark_thumbs
    assert options.max_pixels == 150_000_000
    assert options.max_bytes == 200 * 1024 * 1024


def test_from_env_reads_every_variable():
    options = Options.from_env(
        {
            "PROOFSHEET_THUMB_SIZE": "400",
            "PROOFSHEET_PROOF_SIZE": "1600",
            "PROOFSHEET_JPEG_QUALITY": "75",
            "PROOFSHEET_WATERMARK_TEXT": "© Jane Doe",
            "PROOFSHEET_WATERMARK_OPACITY": "0.5",
            "PROOFSHEET_WATERMARK_THUMBS": "yes",
            "PROOFSHEET_MAX_PIXELS": "50000000",
            "PROOFSHEET_MAX_UPLOAD_BYTES": "1048576",
            "PROOFSHEET_THUMB_WIDTHS": "900, 300,300",
        }
    )
    assert options == Options(
        thumb_size=400,
        proof_size=1600,
        jpeg_quality=75,
        watermark_text="© Jane Doe",
        watermark_opacity=0.5,
        watermark_thumbs=True,
        max_pixels=50_000_000,
        max_bytes=1_048_576,
        thumb_widths=(300, 900),
    )


def test_from_env_ignores_unset_and_empty_variables():
    assert Options.from_env({"PROOFSHEET_PROOF_SIZE": "", "UNRELATED": "1"}) == Options()


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PROOFSHEET_THUMB_SIZE", "big"),
        ("PROOFSHEET_JPEG_QUALITY", "100"),
        ("PROOFSHEET_WATERMARK_OPACITY", "1.5"),
        ("PROOFSHEET_WATERMARK_THUMBS", "maybe"),
        ("PROOFSHEET_THUMB_SIZE", "4000"),  # larger than the proof it is made from
    ],
)
def test_bad_values_fail_loudly(variable, value):
    with pytest.raises(ValueError):
        Options.from_env({variable: value})


def test_gallery_settings_overlay_the_watermark_only():
    base = Options(proof_size=1600)
    settings = {
        "watermark_text": "Smith wedding",
        "watermark_opacity": 0.2,
        "watermark_thumbs": True,
        "revision": 4,
    }
    options = base.with_gallery_settings(settings)
    assert (options.watermark_text, options.watermark_opacity) == ("Smith wedding", 0.2)
    assert options.watermark_thumbs and options.proof_size == 1600
    assert base.with_gallery_settings(None) == base
    assert base.with_gallery_settings({"watermark_text": ""}).watermark_text == ""
    assert base.with_gallery_settings({"watermark_opacity": None}) == base
