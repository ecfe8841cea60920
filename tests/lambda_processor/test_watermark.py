"""The watermark step on its own."""

from PIL import Image, ImageChops, ImageFont

from lambda_processor import watermark as module
from lambda_processor.watermark import watermark, watermark_logo

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


def _logo(size=(200, 100)) -> Image.Image:
    """Opaque red in the left half, fully transparent in the right half."""
    logo = Image.new("RGBA", size, (0, 0, 0, 0))
    logo.paste((255, 0, 0, 255), (0, 0, size[0] // 2, size[1]))
    return logo


def test_a_logo_is_placed_in_the_chosen_corner_at_the_chosen_width():
    image = Image.new("RGB", (1000, 600), (40, 80, 120))

    marked = watermark_logo(image, logo=_logo(), position="bottom-right", scale=0.2, opacity=1)

    # 200 px wide (0.2 of 1000), 100 px tall, inset by 4% of the short edge (24 px).
    changed = ImageChops.difference(image, marked).getbbox()
    assert changed == (1000 - 24 - 200, 600 - 24 - 100, 1000 - 24 - 100, 600 - 24)
    assert marked.getpixel((1000 - 24 - 150, 600 - 24 - 50)) == (255, 0, 0)
    # The logo's transparent half leaves the photo exactly as it was.
    assert marked.getpixel((1000 - 24 - 50, 600 - 24 - 50)) == (40, 80, 120)
    assert image.getpixel((1000 - 24 - 150, 600 - 24 - 50)) == (40, 80, 120)  # a copy


def test_the_logo_takes_the_watermark_opacity_and_each_position():
    image = Image.new("RGB", (1000, 600), (0, 0, 0))
    half = watermark_logo(image, logo=_logo(), position="centre", scale=0.2, opacity=0.5)
    assert ImageChops.difference(image, half).getbbox() == (400, 250, 500, 350)
    assert half.getpixel((450, 300)) == (128, 0, 0)
    for position, corner in (("top-left", (24, 24)), ("bottom-left", (24, 476))):
        marked = watermark_logo(image, logo=_logo(), position=position, scale=0.2, opacity=1)
        assert ImageChops.difference(image, marked).getbbox()[:2] == corner


def test_no_logo_or_no_position_leaves_the_image_alone():
    image = Image.new("RGB", (400, 300), "grey")
    assert watermark_logo(image, logo=None, position="centre", scale=0.2, opacity=1) is image
    assert watermark_logo(image, logo=_logo(), position="", scale=0.2, opacity=1) is image
