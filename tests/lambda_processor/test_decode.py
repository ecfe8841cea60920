"""decode(): JPEGs decoded at a reduced scale, limits checked on the header."""

import pytest
from PIL import Image

from lambda_processor.decode import decode
from lambda_processor.errors import ImageRejected

from .images import decode as full_decode
from .images import encode, mean_difference

LIMITS = {"max_bytes": 50_000_000, "max_pixels": 150_000_000}


@pytest.fixture(scope="module")
def big_jpeg() -> bytes:
    return encode(Image.linear_gradient("L").resize((6000, 4000)).convert("RGB"), "JPEG")


@pytest.mark.parametrize(
    ("min_size", "decoded"),
    [
        (2048, (2250, 1500)),  # 3/8
        (2300, (3000, 2000)),  # 1/2
        (1500, (1500, 1000)),  # 1/4
        (700, (750, 500)),  # 1/8
        (6000, (6000, 4000)),
    ],
)
def test_jpegs_decode_at_the_smallest_scale_that_is_big_enough(big_jpeg, min_size, decoded):
    image, info = decode(big_jpeg, min_size=min_size, **LIMITS)
    assert image.size == decoded
    assert (info.width, info.height) == (6000, 4000)  # the original's, as stored


def test_other_formats_decode_at_full_size():
    png = encode(Image.new("RGB", (3000, 2000), "navy"), "PNG")
    image, _ = decode(png, min_size=600, **LIMITS)
    assert image.size == (3000, 2000)


def test_source_info_keeps_what_the_pipeline_needs(landscape):
    _, info = decode(landscape[6], min_size=2048, **LIMITS)
    assert (info.format, info.mode, info.orientation) == ("JPEG", "RGB", 6)
    assert (info.width, info.height) == (1200, 1800)
    assert info.icc_profile is None


def test_header_limits_refuse_before_decoding(big_jpeg):
    with pytest.raises(ImageRejected, match="24 megapixels; the limit is 20 megapixels"):
        decode(big_jpeg, min_size=2048, max_bytes=50_000_000, max_pixels=20_000_000)


@pytest.mark.parametrize(
    ("size", "slack", "decoded"),
    [
        # a 4032 px phone photo: 1/2 gives 2016 px, 1.6% short of 2048
        ((4032, 3024), 0.03, (2016, 1512)),
        ((4032, 3024), 0.0, (4032, 3024)),
        # 1632 px is 20% short: a full decode, resized later
        ((3264, 2448), 0.03, (3264, 2448)),
        # 1/4 lands exactly on the proof size
        ((8192, 5464), 0.03, (2048, 1366)),
    ],
)
def test_a_draft_may_land_within_the_slack_below_the_size(size, slack, decoded):
    jpeg = encode(Image.new("RGB", size, "olive"), "JPEG")
    image, _ = decode(jpeg, min_size=2048, slack=slack, **LIMITS)
    assert image.size == decoded


def smooth_photo(landscape, size, mode):
    """The sample photo without its finest detail, where any decoder scaling and a
    resample agree closely and a shifted or sheared picture stands out."""
    photo = full_decode(landscape[1]).resize((600, 400), Image.Resampling.BOX)
    return photo.resize(size, Image.Resampling.BICUBIC).convert(mode)


@pytest.mark.parametrize("mode", ["RGB", "L", "CMYK"])
def test_a_three_eighths_decode_is_the_same_picture(landscape, mode):
    jpeg = encode(smooth_photo(landscape, (1800, 1200), mode), "JPEG", quality=95)
    image, _ = decode(jpeg, min_size=640, **LIMITS)
    assert (image.size, image.mode) == ((675, 450), mode)
    expected = full_decode(jpeg).resize(image.size, Image.Resampling.LANCZOS)
    assert mean_difference(image, expected) < 1.0
    shifted = expected.transform(expected.size, Image.Transform.AFFINE, (1, 0, 1, 0, 1, 0))
    assert mean_difference(image, shifted) > 2 * mean_difference(image, expected)


def test_a_three_eighths_decode_rounds_odd_sizes_up_as_libjpeg_does(landscape):
    # The image must be exactly libjpeg's size, or every row would be read with the wrong
    # stride: a sheared picture. (The last column and row hold a partial block, so the
    # picture drifts by up to a third of a pixel towards them: compare the top left.)
    jpeg = encode(smooth_photo(landscape, (1799, 1201), "RGB"), "JPEG", quality=95)
    image, _ = decode(jpeg, min_size=640, **LIMITS)
    assert image.size == (675, 451)
    expected = full_decode(jpeg).resize(image.size, Image.Resampling.LANCZOS)
    corner = (0, 0, 300, 200)
    assert mean_difference(image.crop(corner), expected.crop(corner)) < 1.5
