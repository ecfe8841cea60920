"""Bytes -> a decoded Pillow image, refusing what we cannot or must not decode.

The format comes from the bytes (Pillow's sniffing, limited to the formats we
support), never from a file name. Size limits are checked on the header,
before any pixel is decoded.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import math
import re
import struct
import warnings

from PIL import ExifTags, Image, ImageFile, features

from .errors import ImageRejected

SUPPORTED_FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "GIF", "BMP", "HEIF", "AVIF")
# HEIF and AVIF are ISO base media files; anything else is never tried as one (Image.open
# fails with a KeyError on a format whose opener is not registered).
ISO_MEDIA_FORMATS = ("HEIF", "AVIF")
_OTHER_FORMATS = tuple(name for name in SUPPORTED_FORMATS if name not in ISO_MEDIA_FORMATS)
# The JPEG opener returns "MPO" for camera JPEGs that carry a second (preview) image.
_FORMAT_NAMES = {"MPO": "JPEG"}

# Errors Pillow raises on damaged or hostile data while reading headers or pixels.
# Anything else is a bug of ours: it propagates, and the Lambda retries, then
# hands the event to the dead-letter queue.
_DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    struct.error,
    ZeroDivisionError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)

# Signatures of files people upload by mistake, for a more helpful reason.
_KNOWN_NOT_IMAGES = {
    b"%PDF": "a PDF document",
    b"8BPS": "a Photoshop document; please export it as JPEG or TIFF",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "a compressed (gzip) file",
}


@dataclasses.dataclass(frozen=True)
class SourceInfo:
    """What we learnt about the original; holds no pixels."""

    format: str
    mode: str
    width: int  # as stored, before EXIF orientation
    height: int
    orientation: int
    icc_profile: bytes | None
    exif: Image.Exif


def decode(
    data: bytes, *, max_bytes: int, max_pixels: int, min_size: int, slack: float = 0.0
) -> tuple[Image.Image, SourceInfo]:
    """Decode ``data``; JPEGs are decoded straight at the smallest DCT scale (1/8, 1/4,
    3/8, 1/2: libjpeg's scaled IDCT) that still gives at least ``min_size`` px on the
    long edge, less ``slack`` (a fraction of it)."""
    if not data:
        raise ImageRejected("The file is empty.")
    check_size(len(data), max_bytes)
    # Pillow's limit is process-wide; make its bomb warning fire exactly at ours,
    # and turn the warning into an error (Pillow alone would only warn).
    Image.MAX_IMAGE_PIXELS = max_pixels
    register_plugins()
    formats = _OTHER_FORMATS
    if _is_iso_media(data):
        register_heif_opener()
        formats = SUPPORTED_FORMATS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=formats)
            check_pixels(image.width, image.height, max_pixels)
            info = _source_info(image)
            _draft(image, min_size, slack)
            image.load()
    except Image.UnidentifiedImageError:
        raise ImageRejected(_unidentified_reason(data)) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected(_bomb_reason(str(exc), max_pixels)) from None
    except _DECODE_ERRORS as exc:
        raise ImageRejected(_damaged_reason(exc)) from None
    return image, info


def _is_iso_media(data: bytes) -> bool:
    """An ISO base media file (HEIF, HEIC, AVIF; MP4 too): its first box is `ftyp`."""
    return data[4:8] == b"ftyp"


@functools.cache
def register_plugins() -> None:
    """Pillow's openers for the formats we decode (but HEIF and AVIF), once per process.

    Image.open tries only the formats it is given, but as soon as one of them has no opener
    registered yet it imports every plugin Pillow has (Image.init(): some forty modules,
    about 60 ms of CPU in a new instance); its own preinit() registers JPEG, PNG, GIF, BMP
    and PPM only. With these imported first it never needs to."""
    from PIL import (  # noqa: F401 (imported to register their openers)
        BmpImagePlugin,
        GifImagePlugin,
        JpegImagePlugin,
        PngImagePlugin,
        TiffImagePlugin,
        WebPImagePlugin,
    )


@functools.cache
def register_heif_opener() -> None:
    """Adds HEIF/HEIC (iPhones) and AVIF to Image.open, once per process, when the first
    such file comes: pillow-heif and its libheif would otherwise load in every new
    instance, for the few uploads that need them. AVIF is Pillow's own plugin."""
    import pillow_heif
    from PIL import AvifImagePlugin  # noqa: F401 (imported to register its opener)

    pillow_heif.register_heif_opener()


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ImageRejected(
            f"The file is {_megabytes(size)}, more than the {_megabytes(max_bytes)} we accept."
        )


def check_pixels(width: int, height: int, max_pixels: int) -> None:
    if width * height > max_pixels:
        raise ImageRejected(
            f"The image is {width} × {height} pixels ({_megapixels(width * height)} "
            f"megapixels); the limit is {_megapixels(max_pixels)} megapixels."
        )


def _source_info(image: Image.Image) -> SourceInfo:
    exif = image.getexif()
    orientation = exif.get(ExifTags.Base.Orientation, 1)
    return SourceInfo(
        format=_FORMAT_NAMES.get(image.format or "", image.format or "unknown"),
        mode=image.mode,
        width=image.width,
        height=image.height,
        orientation=orientation if orientation in range(1, 9) else 1,
        icc_profile=image.info.get("icc_profile") or None,
        exif=exif,
    )


# The reduced scales a JPEG decodes at, in eighths of its size. libjpeg-turbo's IDCT scales
# by M/8 for any M; Pillow's ``draft`` asks for 1/8, 1/4 or 1/2 only (a scale of 1/d, which
# libjpeg rounds up to the next eighth); 3/8 (1/3 rounded up) is what a 24 MP camera photo
# needs: 6000 px gives 2250, a short resample from there, where 1/2 gives 3000.
_EIGHTHS = (1, 2, 3, 4)


def _draft(image: Image.Image, min_size: int, slack: float) -> None:
    if image.format not in ("JPEG", "MPO"):
        return
    floor = min_size * (1 - slack)
    eighths = next((m for m in _EIGHTHS if math.ceil(max(image.size) * m / 8) >= floor), None)
    if eighths == 3 and _decode_at_three_eighths(image):
        return
    if eighths in (1, 2, 4):
        scale = 8 // eighths
        # Pillow picks the largest DCT scale whose result is at least the size asked
        # for; libjpeg rounds up, so the image comes out ceil(size / scale).
        image.draft(image.mode, (image.width // scale, image.height // scale))


def _decode_at_three_eighths(image: Image.Image) -> bool:
    """What ``draft`` does for 1/2, for 3/8: the same three attributes, set the same way.

    The decoder hands libjpeg ``scale_denom=3`` and writes each decoded row into an image
    of the size set here, so that size must be libjpeg's, ceil(size * 3 / 8): only
    libjpeg-turbo is known to scale so (libjpeg 6b would give 1/4). Anything unexpected
    about the file (several tiles, a crop, a draft already set) leaves it to ``draft``.
    """
    if not _SCALED_IDCT or image.decoderconfig or len(image.tile) != 1:
        return False
    decoder, extent, offset, args = image.tile[0]
    if decoder != "jpeg" or extent != (0, 0, *image.size):
        return False
    size = (math.ceil(image.width * 3 / 8), math.ceil(image.height * 3 / 8))
    image.tile = [ImageFile._Tile(decoder, (0, 0, *size), offset, args)]
    image._size = size
    image.decoderconfig = (3, 0)  # (scale_denom, draft: 0 keeps the accurate IDCT)
    return True


_SCALED_IDCT = bool(features.check_feature("libjpeg_turbo"))


def _unidentified_reason(data: bytes) -> str:
    head = data[:1024]
    for signature, what in _KNOWN_NOT_IMAGES.items():
        if head.startswith(signature):
            return f"This file is not an image we can read (it looks like {what})."
    if _looks_like_text(head):
        if b"<svg" in head.lower():
            return "This file is not an image we can read (it looks like an SVG drawing)."
        return "This file is not an image we can read (it looks like plain text)."
    return (
        "This file is not an image we can read. We accept JPEG, PNG, WebP, TIFF, GIF, BMP and HEIC."
    )


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # a multi-byte character cut at the 1 KiB boundary is still text
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * max(len(text), 1)


def _bomb_reason(message: str, max_pixels: int) -> str:
    found = re.search(r"\((\d+) pixels\)", message)
    size = f"{_megapixels(int(found[1]))} megapixels" if found else "too many pixels"
    return f"The image declares {size}; the limit is {_megapixels(max_pixels)} megapixels."


def _damaged_reason(exc: BaseException) -> str:
    message = str(exc).lower()
    if "truncated" in message or isinstance(exc, EOFError):
        return "The file is incomplete; the upload may have been cut off. Please upload it again."
    return "The image data is damaged and cannot be read. Please export the photo again."


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB" if size >= 1_000_000 else f"{size / 1000:.0f} kB"


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.0f}" if pixels >= 10_000_000 else f"{pixels / 1_000_000:.1f}"
