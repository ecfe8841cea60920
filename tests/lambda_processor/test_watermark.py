"""The watermark step on its own."""

from PIL import Image, ImageFont

from lambda_processor import watermark as module
from lambda_processor.watermark import watermark

from .images import changed_fraction


def test_empty_text_or_opacity_leaves_the_image_alone():
    image = Image.new("RGB", (400, 300), "grey")
    assert watermark(image, text="  ", opacity=0.5) is image
    assert watermark(image, text="PROOF", opacity=0) is image


def test_the_input_is_not_modified():
    image = Image.new("RGB", (400, 300), "grey")
    marked = watermark(image, text="PROOF", opacity=0.5)
    assert marked is not image
    assert image.getextrema() == ((128, 128),) * 3
    assert changed_fraction(image, marked) > 0.05


def test_white_letters_and_dark_outline_show_on_any_background():
    for background in ("white", "black", "grey"):
        image = Image.new("RGB", (800, 600), background)
        assert changed_fraction(image, watermark(image, text="PROOF", opacity=0.35)) > 0.02


def test_long_texts_shrink_to_fit_and_still_repeat():
    image = Image.new("RGB", (600, 400), "grey")
    marked = watermark(image, text="© Jane Doe Photography — proofs only", opacity=0.5)
    for box in ((0, 0, 300, 200), (300, 0, 600, 200), (0, 200, 300, 400), (300, 200, 600, 400)):
        assert changed_fraction(image.crop(box), marked.crop(box)) > 0.02


def test_tiny_and_extreme_images_do_not_break():
    for size in ((8, 8), (2048, 3), (3, 2048)):
        image = Image.new("RGB", size, "grey")
        assert watermark(image, text="PROOF", opacity=0.5).size == size


def test_the_font_is_a_scalable_truetype_font():
    # Pillow's bundled FreeType font, not the 11 px bitmap fallback
    font = module._font(120)
    assert isinstance(font, ImageFont.FreeTypeFont)
    left, top, right, bottom = font.getbbox("PROOF")
    assert bottom - top > 80
