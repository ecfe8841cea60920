"""process(): real Pillow on real and made-up images; pixels compared, not only sizes."""

from __future__ import annotations

import base64
import io
import math
import multiprocessing

import pytest
from PIL import ExifTags, Image, ImageChops, ImageCms, ImageDraw, ImageFile, ImageOps

from lambda_processor import pipeline
from lambda_processor.errors import ImageRejected
from lambda_processor.options import Options
from lambda_processor.pipeline import process

from .images import (
    SRGB_BLUE,
    SRGB_GREEN,
    SRGB_RED,
    bomb_png,
    changed_fraction,
    decode,
    encode,
    mean_difference,
    quadrant_boxes,
    rgb_icc_profile,
)

# Landscape_N differ from Landscape_1 by re-encoding noise and by the digit N
# printed in the middle; leave the digit out and allow the noise.
TOLERANCE = 4.0


def label_box(size):
    width, height = size
    return (int(width * 0.4), int(height * 0.35), int(width * 0.6), int(height * 0.65))


def test_the_tolerance_would_catch_a_wrong_orientation(reference):
    thumb = decode(reference.renditions["thumb"].data)
    for method in (Image.Transpose.FLIP_LEFT_RIGHT, Image.Transpose.ROTATE_180):
        wrong = thumb.transpose(method)
        assert mean_difference(wrong, thumb, ignore=label_box(thumb.size)) > 10 * TOLERANCE


@pytest.mark.parametrize("orientation", range(9))
def test_every_orientation_comes_out_upright_and_like_landscape_1(
    orientation, landscape, plain_options, reference, reference_watermarked
):
    thumb = decode(process(landscape[orientation], plain_options).renditions["thumb"].data)
    proof = decode(process(landscape[orientation]).renditions["proof"].data)
    expected_thumb = decode(reference.renditions["thumb"].data)
    expected_proof = decode(reference_watermarked.renditions["proof"].data)

    assert thumb.size == expected_thumb.size == (600, 400)
    assert proof.size == expected_proof.size == (1800, 1200)  # never upscaled to 2048
    assert mean_difference(thumb, expected_thumb, ignore=label_box(thumb.size)) < TOLERANCE
    assert mean_difference(proof, expected_proof, ignore=label_box(proof.size)) < TOLERANCE


def test_long_edges_follow_the_options(camera_jpeg):
    result = process(camera_jpeg)
    assert (result.renditions["proof"].width, result.renditions["proof"].height) == (2048, 1365)
    assert (result.renditions["thumb"].width, result.renditions["thumb"].height) == (600, 400)
    for rendition in result.renditions.values():
        assert decode(rendition.data).size == (rendition.width, rendition.height)

    small = process(camera_jpeg, Options(thumb_size=200, proof_size=1000))
    assert max(small.renditions["thumb"].width, small.renditions["thumb"].height) == 200
    assert max(small.renditions["proof"].width, small.renditions["proof"].height) == 1000


def test_record_describes_the_original(camera_jpeg):
    record = process(camera_jpeg).record
    assert record["original"] == {
        "bytes": len(camera_jpeg),
        "width": 3000,
        "height": 2000,
        "format": "JPEG",
        "mode": "RGB",
    }
    proof_bytes = len(process(camera_jpeg).renditions["proof"].data)
    assert record["size_reduction"] == pytest.approx(1 - proof_bytes / len(camera_jpeg), abs=1e-4)


def test_original_dimensions_are_as_displayed(landscape):
    # Landscape_6 is stored 1200 × 1800 and turned by its EXIF orientation
    assert decode(landscape[6]).size == (1200, 1800)
    original = process(landscape[6]).record["original"]
    assert (original["width"], original["height"]) == (1800, 1200)


def test_renditions_are_progressive_jpegs_without_metadata(camera_jpeg):
    renditions = process(camera_jpeg, clean=True).renditions
    assert set(renditions) >= {"thumb", "proof", "web"}
    for name, rendition in renditions.items():
        if name.startswith("thumb-"):
            continue  # the srcset's WebP: test_srcset_widths_are_webp_without_metadata
        image = decode(rendition.data)
        assert (rendition.format, rendition.content_type) == ("JPEG", "image/jpeg")
        assert image.format == "JPEG" and image.mode == "RGB"
        assert image.info.get("progressive") == 1
        assert "exif" not in image.info and not image.getexif()  # GPS above all
        assert "icc_profile" not in image.info


def test_placeholder_is_a_tiny_data_uri_of_the_photo(reference):
    placeholder = reference.record["placeholder"]
    prefix = "data:image/webp;base64,"
    assert placeholder.startswith(prefix)
    assert len(placeholder) <= 400  # a few hundred bytes, in the item and in the page

    tiny = decode(base64.b64decode(placeholder[len(prefix) :]))
    assert tiny.size == (16, 11)
    thumb = decode(reference.renditions["thumb"].data).resize(tiny.size, Image.Resampling.BOX)
    assert mean_difference(tiny, thumb) < 12  # a blurred version of the same picture


def test_proof_is_watermarked_across_the_whole_image(camera_jpeg, plain_options):
    plain = decode(process(camera_jpeg, plain_options).renditions["proof"].data)
    marked = decode(process(camera_jpeg).renditions["proof"].data)
    # every quadrant, and every cell of an 8 × 8 grid: no crop of a useful size
    # (an eighth of each side, 256 × 170 px) escapes the watermark
    for box in quadrant_boxes(plain.size):
        assert changed_fraction(plain.crop(box), marked.crop(box)) > 0.05
    columns = rows = 8
    width, height = plain.size
    for row in range(rows):
        for column in range(columns):
            box = (
                column * width // columns,
                row * height // rows,
                (column + 1) * width // columns,
                (row + 1) * height // rows,
            )
            assert changed_fraction(plain.crop(box), marked.crop(box)) > 0.005, box
    # translucent: the photo still shows through
    assert mean_difference(plain, marked) < 20


def test_thumbs_are_watermarked_only_when_asked(camera_jpeg, plain_options):
    plain = decode(process(camera_jpeg, plain_options).renditions["thumb"].data)
    default = decode(process(camera_jpeg).renditions["thumb"].data)
    asked = decode(process(camera_jpeg, Options(watermark_thumbs=True)).renditions["thumb"].data)
    assert mean_difference(plain, default) < 0.5
    assert mean_difference(plain, asked) > 3


def test_watermark_text_and_opacity_change_the_proof(camera_jpeg):
    proofs = {
        options: decode(process(camera_jpeg, options).renditions["proof"].data)
        for options in (
            Options(),
            Options(watermark_text="SAMPLE"),
            Options(watermark_opacity=0.8),
        )
    }
    default, other_text, stronger = proofs.values()
    assert mean_difference(default, other_text) > 3
    assert mean_difference(default, stronger) > 3


# Formats and modes ------------------------------------------------------------------


def patch_colour(data: bytes, options: Options, xy=(8, 8)) -> tuple[int, int, int]:
    return decode(process(data, options).renditions["proof"].data).getpixel(xy)


def close_to(actual, expected, tolerance=6):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def two_colour_image(mode, left, right, size=(64, 48)):
    image = Image.new(mode, size, left)
    ImageDraw.Draw(image).rectangle((size[0] // 2, 0, size[0], size[1]), fill=right)
    return image


def test_cmyk_jpeg_keeps_its_colours(plain_options):
    red_and_black = two_colour_image("CMYK", (0, 255, 255, 0), (0, 0, 0, 255))
    data = encode(red_and_black, "JPEG", quality=95)
    result = process(data, plain_options)
    proof = decode(result.renditions["proof"].data)
    assert close_to(proof.getpixel((8, 24)), (255, 0, 0))
    assert close_to(proof.getpixel((56, 24)), (0, 0, 0))
    assert result.record["original"]["mode"] == "CMYK"


def test_16_bit_png_keeps_its_tones(plain_options):
    # a horizontal ramp over the whole 16-bit range
    width = 256
    ramp = b"".join((x * 257).to_bytes(2, "little") for x in range(width))
    image = Image.frombytes("I;16", (width, 32), ramp * 32)
    data = encode(image, "PNG")
    assert decode(data).mode == "I;16"
    proof = decode(process(data, plain_options).renditions["proof"].data)
    for x in (16, 64, 128, 192, 240):
        value = proof.getpixel((x, 16))
        assert close_to(value, (x, x, x), tolerance=3), (x, value)


def test_palette_transparency_is_flattened_on_white(plain_options):
    image = Image.new("P", (64, 48), 0)
    image.putpalette([200, 0, 0, 0, 0, 200])
    image.paste(1, (32, 0, 64, 48))
    data = encode(image, "PNG", transparency=1)  # palette entry 1 is transparent
    proof = decode(process(data, plain_options).renditions["proof"].data)
    assert close_to(proof.getpixel((8, 24)), (200, 0, 0))
    assert close_to(proof.getpixel((56, 24)), (255, 255, 255))


def test_alpha_png_is_flattened_on_white(plain_options):
    image = two_colour_image("RGBA", (0, 0, 200, 255), (0, 0, 0, 0))
    proof = decode(process(encode(image, "PNG"), plain_options).renditions["proof"].data)
    assert close_to(proof.getpixel((8, 24)), (0, 0, 200))
    assert close_to(proof.getpixel((56, 24)), (255, 255, 255))


def test_animated_gif_uses_its_first_frame(plain_options):
    frames = [Image.new("RGB", (64, 48), colour) for colour in ((220, 0, 0), (0, 0, 220))]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    assert Image.open(io.BytesIO(data)).n_frames == 2
    result = process(data, plain_options)
    assert close_to(patch_colour(data, plain_options), (220, 0, 0), tolerance=10)
    assert result.record["original"]["format"] == "GIF"


@pytest.mark.parametrize(
    ("image_format", "params", "expected_format"),
    [
        ("WEBP", {"quality": 95}, "WEBP"),
        ("HEIF", {"quality": 95}, "HEIF"),  # what iPhones upload (.heic)
        ("TIFF", {}, "TIFF"),
        ("BMP", {}, "BMP"),
        ("PNG", {}, "PNG"),
    ],
)
def test_other_formats_are_read_from_their_bytes(
    image_format, params, expected_format, plain_options
):
    image = two_colour_image("RGB", (30, 160, 60), (250, 200, 20))
    data = encode(image, image_format, **params)
    result = process(data, plain_options)
    proof = decode(result.renditions["proof"].data)
    assert result.record["original"]["format"] == expected_format
    assert close_to(proof.getpixel((8, 24)), (30, 160, 60), tolerance=10)
    assert close_to(proof.getpixel((56, 24)), (250, 200, 20), tolerance=10)


def test_heic_rotation_is_applied_once(landscape, reference):
    # iPhones store turned photos; pillow-heif applies the turn and resets the
    # EXIF orientation, so the pipeline must not turn them a second time.
    sideways = decode(landscape[6])
    exif = sideways.getexif().tobytes()
    sideways = sideways.resize((400, 600), Image.Resampling.LANCZOS)  # HEVC encoding is slow
    heic = encode(sideways, "HEIF", exif=exif, quality=90)
    thumb = decode(process(heic, Options(watermark_text="")).renditions["thumb"].data)
    expected = decode(reference.renditions["thumb"].data)
    assert mean_difference(thumb, expected, ignore=label_box(thumb.size)) < TOLERANCE


def test_embedded_icc_profile_is_converted_to_srgb(plain_options):
    # A profile whose red and green primaries are sRGB's green and red: a pixel
    # (255, 0, 0) in it is pure green once converted. Ignoring the profile
    # would leave it red.
    swapped = rgb_icc_profile(red=SRGB_GREEN, green=SRGB_RED, blue=SRGB_BLUE, name="Swapped")
    assert ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(swapped)))
    red = Image.new("RGB", (64, 48), (255, 0, 0))
    for image_format in ("JPEG", "PNG"):
        tagged = encode(
            red,
            image_format,
            icc_profile=swapped,
            **({"quality": 95} if image_format == "JPEG" else {}),
        )
        assert close_to(patch_colour(tagged, plain_options), (0, 255, 0))
    assert close_to(patch_colour(encode(red, "PNG"), plain_options), (255, 0, 0))


def test_linear_profile_brightens_mid_grey(plain_options):
    # Adobe RGB-like matrix profile with gamma 1.0: linear 50% grey is sRGB ~188.
    linear = rgb_icc_profile(red=SRGB_RED, green=SRGB_GREEN, blue=SRGB_BLUE, gamma=1.0)
    data = encode(Image.new("RGB", (64, 48), (128, 128, 128)), "PNG", icc_profile=linear)
    assert close_to(patch_colour(data, plain_options), (188, 188, 188), tolerance=4)


# Refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "The file is empty."),
        (b"Dear client,\nhere are the photos.\n", "it looks like plain text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "it looks like a PDF document"),
        (b"\x00\x01\x02\x03garbage" * 50, "not an image we can read"),
    ],
)
def test_what_is_not_an_image_is_refused_with_a_reason(data, reason):
    with pytest.raises(ImageRejected) as refused:
        process(data)
    assert reason in refused.value.reason


def test_truncated_jpeg_is_refused(landscape):
    with pytest.raises(ImageRejected) as refused:
        process(landscape[1][: len(landscape[1]) // 2])
    assert "incomplete" in refused.value.reason


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return bomb_png(20_000, 20_000)


def test_decompression_bomb_is_refused_before_decoding(bomb, monkeypatch):
    assert len(bomb) < 100_000  # small file, 400 megapixels declared

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ImageRejected) as refused:
        process(bomb)
    assert refused.value.reason == (
        "The image declares 400 megapixels; the limit is 150 megapixels."
    )


def test_pixel_limit_is_an_option(camera_jpeg, monkeypatch):
    # 3000 × 2000 = 6 MP: refused under a 5 MP limit, from the header alone
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    with pytest.raises(ImageRejected) as refused:
        process(camera_jpeg, Options(max_pixels=5_000_000))
    assert "5.0 megapixels" in refused.value.reason


def test_too_many_bytes_are_refused(landscape):
    with pytest.raises(ImageRejected) as refused:
        process(landscape[1], Options(max_bytes=100_000))
    assert "we accept" in refused.value.reason


# Speed-ups that must not change the picture -------------------------------------------


def full_decode_reference(data: bytes, size: tuple[int, int]) -> Image.Image:
    """The slow, obviously right way: full decode, upright, flattened on white, LANCZOS."""
    image = ImageOps.exif_transpose(decode(data))
    if image.mode == "RGBA":
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    return image.convert("RGB").resize(size, Image.Resampling.LANCZOS)


@pytest.fixture(scope="module")
def phone_jpeg(landscape) -> bytes:
    """4032 × 3024 as a phone stores it, turned upright by EXIF orientation 6."""
    photo = decode(landscape[1]).resize((4032, 3024), Image.Resampling.BILINEAR)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    return encode(photo, "JPEG", quality=90, exif=exif)


def test_phone_proof_is_up_to_2048_from_a_half_scale_decode(phone_jpeg, plain_options):
    # 4032 / 2 = 2016 px, 1.6% short of 2048: taken as it is, no full decode, no resample
    result = process(phone_jpeg, plain_options)
    proof = decode(result.renditions["proof"].data)
    assert proof.size == (1512, 2016)
    assert decode(result.renditions["thumb"].data).size == (450, 600)
    original = result.record["original"]
    assert (original["width"], original["height"]) == (3024, 4032)
    reference = full_decode_reference(phone_jpeg, proof.size)
    # as close as the reference itself once saved as a JPEG of the same quality, nearly
    jpeg_only = mean_difference(decode(encode(reference, "JPEG", quality=82)), reference)
    assert mean_difference(proof, reference) < jpeg_only + 0.75
    assert mean_difference(proof, reference.transpose(Image.Transpose.ROTATE_180)) > 10


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_orientation_is_upright_through_a_three_eighths_decode(landscape, orientation):
    # 1800 px at 3/8 is 675 px, then resized to 640: the path of 24 MP camera photos
    data = landscape[orientation]
    options = Options(proof_size=640, thumb_size=200, thumb_widths=(), watermark_text="")
    proof = decode(process(data, options).renditions["proof"].data)
    assert proof.size == (640, 427)
    reference = full_decode_reference(data, proof.size)
    assert mean_difference(proof, reference) < TOLERANCE
    assert mean_difference(proof, reference.transpose(Image.Transpose.FLIP_LEFT_RIGHT)) > 10


def test_without_slack_the_proof_is_exactly_the_proof_size(phone_jpeg, plain_options):
    proof = process(phone_jpeg, plain_options.replace(proof_slack=0.0)).renditions["proof"]
    assert (proof.width, proof.height) == (1536, 2048)


@pytest.mark.parametrize(
    ("proof_size", "expected"),
    [(200, (200, 150)), (150, (150, 112))],  # a box reduction by 2; a resample
)
def test_transparency_is_flattened_before_resizing(proof_size, expected):
    # Opaque red beside transparent pixels whose hidden colour is green, and a
    # half-transparent blue band: no green may bleed in, the band is half white.
    image = Image.new("RGBA", (400, 300), (0, 255, 0, 0))
    image.paste((200, 0, 0, 255), (0, 0, 200, 300))
    image.paste((0, 0, 255, 128), (0, 200, 400, 260))
    data = encode(image, "PNG")
    options = Options(proof_size=proof_size, thumb_size=100, watermark_text="")
    proof = decode(process(data, options).renditions["proof"].data)
    assert proof.size == expected
    above_band = proof.crop((0, 0, expected[0], expected[1] * 190 // 300))
    _, green, blue = above_band.split()
    # red fading to white has green == blue, but for JPEG ringing at the sharp edge
    assert ImageChops.difference(green, blue).getextrema()[1] <= 30
    assert close_to(proof.getpixel((expected[0] * 3 // 4, expected[1] * 23 // 30)), (127, 127, 255))
    assert mean_difference(proof, full_decode_reference(data, proof.size)) < 2


def test_16_bit_png_keeps_its_tones_when_reduced(plain_options):
    ramp = b"".join((x * 128).to_bytes(2, "little") for x in range(512))
    data = encode(Image.frombytes("I;16", (512, 64), ramp * 64), "PNG")
    result = process(data, plain_options.replace(proof_size=256, thumb_size=100))
    proof = decode(result.renditions["proof"].data)
    assert proof.size == (256, 32)
    for x in (16, 64, 128, 192, 240):
        value = proof.getpixel((x, 16))
        assert close_to(value, (x, x, x), tolerance=3), (x, value)


@pytest.mark.parametrize("proof_size", [200, 150])  # 1/2 and 3/8
def test_cmyk_jpeg_keeps_its_colours_through_a_reduced_scale_decode(plain_options, proof_size):
    red_and_black = two_colour_image("CMYK", (0, 255, 255, 0), (0, 0, 0, 255), size=(400, 300))
    data = encode(red_and_black, "JPEG", quality=95)
    result = process(data, plain_options.replace(proof_size=proof_size, thumb_size=100))
    proof = decode(result.renditions["proof"].data)
    assert proof.size == (proof_size, math.ceil(proof_size * 3 / 4))  # libjpeg rounds up
    assert close_to(proof.getpixel((proof_size // 5, proof_size * 3 // 8)), (255, 0, 0))
    assert close_to(proof.getpixel((proof_size * 4 // 5, proof_size * 3 // 8)), (0, 0, 0))
    assert result.record["original"]["mode"] == "CMYK"


def test_renditions_do_not_depend_on_the_number_of_cpus(camera_jpeg, monkeypatch):
    def rendered(cpus):
        monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda pid: set(range(cpus)))
        pipeline._pool.cache_clear()
        assert (pipeline._pool() is None) == (cpus == 1)
        result = process(camera_jpeg)
        return {name: rendition.data for name, rendition in result.renditions.items()}

    try:
        assert rendered(1) == rendered(2)
    finally:
        monkeypatch.undo()
        pipeline._pool.cache_clear()


def _proof_size_in_child(data: bytes) -> tuple[int, int]:
    proof = process(data).renditions["proof"]
    return proof.width, proof.height


# Forking a process that has threads is the very case under test.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_worker_processes_after_its_parent_did(camera_jpeg):
    # The parent's encoding thread does not survive fork(); the child must start its own.
    process(camera_jpeg)
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply_async(_proof_size_in_child, (camera_jpeg,)).get(timeout=60) == (
            2048,
            1365,
        )


def test_srcset_widths_are_each_resized_from_the_proof_down(camera_jpeg, plain_options):
    result = process(camera_jpeg, plain_options)
    sizes = {
        name: (rendition.width, rendition.height)
        for name, rendition in result.renditions.items()
        if name.startswith("thumb-")
    }
    assert sizes == {"thumb-400": (400, 267), "thumb-800": (800, 533), "thumb-1200": (1200, 800)}
    proof = decode(result.renditions["proof"].data)
    for name, size in sizes.items():
        thumb = decode(result.renditions[name].data)
        assert thumb.size == size
        # the same picture as the proof at that size: no crop, no shift
        assert mean_difference(thumb, proof.resize(size, Image.Resampling.LANCZOS)) < TOLERANCE


def test_a_small_image_gets_each_width_it_can_reach_once(plain_options):
    data = encode(Image.new("RGB", (500, 300), "teal"), "JPEG")
    renditions = process(data, plain_options).renditions
    widths = {name: r.width for name, r in renditions.items() if name.startswith("thumb-")}
    assert widths == {"thumb-1200": 500, "thumb-400": 400}  # never upscaled, never twice
    assert renditions["thumb"].width == 500


def test_watermarked_thumbs_carry_it_at_every_width(camera_jpeg, plain_options):
    marked = process(
        camera_jpeg, plain_options.replace(watermark_text="PROOF", watermark_thumbs=True)
    )
    clean = process(camera_jpeg, plain_options)
    for name in ("thumb-400", "thumb-800", "thumb-1200"):
        difference = changed_fraction(
            decode(marked.renditions[name].data), decode(clean.renditions[name].data)
        )
        assert difference > 0.05, name


@pytest.mark.parametrize("image_format", ["WEBP", "AVIF", "JPEG"])
def test_srcset_widths_come_in_the_chosen_format_without_metadata(camera_jpeg, image_format):
    renditions = process(camera_jpeg, Options(srcset_format=image_format)).renditions
    content_type = f"image/{image_format.lower()}"
    for name in ("thumb-400", "thumb-800", "thumb-1200"):
        rendition = renditions[name]
        image = decode(rendition.data)
        assert image.format == rendition.format == image_format
        assert rendition.content_type == content_type
        assert "exif" not in image.info and not image.getexif()
        assert not image.info.get("icc_profile")


def test_a_released_photo_gets_a_clean_web_rendition_and_clean_thumbs(camera_jpeg):
    options = Options(watermark_text="PROOF", watermark_thumbs=True)
    released = process(camera_jpeg, options, clean=True).renditions
    proofing = process(camera_jpeg, options).renditions
    plain = process(camera_jpeg, options.replace(watermark_text="")).renditions
    assert "web" not in proofing
    web, proof = decode(released["web"].data), decode(released["proof"].data)
    assert web.size == proof.size == (2048, 1365)
    assert changed_fraction(web, decode(plain["proof"].data)) < 0.01  # no watermark
    assert changed_fraction(web, proof) > 0.05  # the proof keeps its watermark
    for name in ("thumb", "thumb-800"):
        clean_thumb, marked = decode(released[name].data), decode(proofing[name].data)
        assert changed_fraction(clean_thumb, decode(plain[name].data)) < 0.01
        assert changed_fraction(clean_thumb, marked) > 0.05
