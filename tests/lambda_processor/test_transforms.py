"""The image steps one by one."""

import pytest
from PIL import Image, ImageOps

from lambda_processor import transforms

from .images import mean_difference


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("RGB", "RGB"),
        ("RGBA", "RGBA"),
        ("L", "L"),
        ("LA", "LA"),
        ("CMYK", "CMYK"),
        ("1", "L"),
        ("I", "L"),
        ("I;16", "L"),
        ("F", "L"),
        ("P", "RGB"),
        ("PA", "RGBA"),
        ("YCbCr", "RGB"),
        ("HSV", "RGB"),
    ],
)
def test_normalise_mode_gives_8_bit_working_modes(mode, expected):
    assert transforms.normalise_mode(Image.new(mode, (4, 4))).mode == expected


def test_32_bit_integers_are_scaled_not_clipped():
    image = Image.new("I", (4, 4), 32896)  # 128 × 257
    assert transforms.normalise_mode(image).getpixel((0, 0)) == 128


def test_fit_scales_the_long_edge_down_and_never_up():
    assert transforms.fit(Image.new("RGB", (3000, 2000)), size=600).size == (600, 400)
    assert transforms.fit(Image.new("RGB", (2000, 3000)), size=600).size == (400, 600)
    small = Image.new("RGB", (300, 200))
    assert transforms.fit(small, size=600) is small
    assert transforms.fit(Image.new("RGB", (5000, 3)), size=600).size == (600, 1)


def test_flatten_puts_transparency_on_white():
    image = Image.new("RGBA", (2, 1), (0, 0, 0, 0))
    image.putpixel((1, 0), (10, 20, 30, 255))
    flat = transforms.flatten(image)
    assert flat.mode == "RGB"
    assert [flat.getpixel((x, 0)) for x in range(2)] == [(255, 255, 255), (10, 20, 30)]
    assert transforms.flatten(Image.new("LA", (1, 1), (0, 0))).getpixel((0, 0)) == 255


def test_to_srgb_ignores_a_broken_profile():
    image = Image.new("RGB", (2, 2), (200, 10, 10))
    converted = transforms.to_srgb(image, icc_profile=b"not an ICC profile")
    assert converted.getpixel((0, 0)) == (200, 10, 10)


def test_lab_images_are_converted():
    lab = Image.new("LAB", (2, 2), (255, 128, 128))  # L* = 100: white
    assert all(value >= 253 for value in transforms.to_srgb(lab).getpixel((0, 0)))


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orient_matches_pillows_exif_transpose(orientation):
    image = Image.linear_gradient("L").resize((60, 40)).convert("RGB")
    image.putpixel((0, 0), (255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.info["exif"] = exif.tobytes()
    expected = ImageOps.exif_transpose(image)
    assert mean_difference(transforms.orient(image, orientation=orientation), expected) == 0


@pytest.mark.parametrize(
    ("size", "slack", "fitted"),
    [
        ((4000, 3000), 0.03, (2000, 1500)),  # reduce(2): 2.3% short of 2048
        ((6000, 4000), 0.03, (2000, 1334)),  # reduce(3)
        ((4000, 3000), 0.0, (2048, 1536)),
        ((3800, 2850), 0.03, (2048, 1536)),  # 1900 px would be 7% short: resampled
        ((2040, 1530), 0.03, (2040, 1530)),  # already fits: untouched
    ],
)
def test_fit_takes_an_integer_reduction_within_the_slack(size, slack, fitted):
    assert transforms.fit(Image.new("RGB", size), size=2048, slack=slack).size == fitted


def test_reduction_is_the_largest_factor_that_keeps_enough_pixels():
    assert transforms.reduction(4032, size=2048, slack=0.03, factors=(8, 4, 2)) == 2
    assert transforms.reduction(4032, size=2048, slack=0.0, factors=(8, 4, 2)) == 1
    assert transforms.reduction(8192, size=2048, slack=0.0, factors=(8, 4, 2)) == 4
    assert transforms.reduction(6000, size=2048, slack=0.03) == 3
    assert transforms.reduction(1000, size=2048, slack=0.03) == 1
