"""Image -> bytes. Kept apart from the transforms: formats and their settings live here."""

from __future__ import annotations

import base64
import importlib
import io

from PIL import Image

from .transforms import fit

JPEG_CONTENT_TYPE = "image/jpeg"
WEBP_CONTENT_TYPE = "image/webp"
AVIF_CONTENT_TYPE = "image/avif"
# Settings that look alike to JPEG's quality 82 (bench/bench_formats.py prints sizes, times
# and PSNR side by side).
# WebP's method 2 is half method 4's CPU for 2-3% more bytes (bench/bench_formats.py).
WEBP_QUALITY, WEBP_METHOD = 80, 2
AVIF_QUALITY, AVIF_SPEED = 60, 8
PLACEHOLDER_SIZE = 16  # px, long edge: blurred up by the browser, it is only a hint
PLACEHOLDER_QUALITY, PLACEHOLDER_METHOD = 40, 6  # 16 px: the slowest method costs nothing


def encode_jpeg(image: Image.Image, *, quality: int) -> bytes:
    """Progressive JPEG with no metadata at all: no EXIF (GPS!), no ICC.

    Pixels are sRGB by now, which is what browsers assume for untagged images,
    so embedding the 3 kB sRGB profile would buy nothing.
    """
    buffer = io.BytesIO()
    image.save(
        buffer,
        "JPEG",
        quality=quality,
        progressive=True,  # libjpeg optimises Huffman tables for progressive output
        exif=b"",
        icc_profile=None,
    )
    return buffer.getvalue()


def encode_webp(
    image: Image.Image, *, quality: int = WEBP_QUALITY, method: int = WEBP_METHOD
) -> bytes:
    """Lossy WebP, no metadata."""
    _register_saver("WEBP")
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=quality, method=method, exif=b"", icc_profile="")
    return buffer.getvalue()


def encode_avif(image: Image.Image, *, quality: int = AVIF_QUALITY, max_threads: int = 1) -> bytes:
    """AVIF (AV1 still), no metadata; one thread, as a one-vCPU Lambda has."""
    _register_saver("AVIF")
    buffer = io.BytesIO()
    image.save(
        buffer,
        "AVIF",
        quality=quality,
        speed=AVIF_SPEED,
        max_threads=max_threads,
        exif=b"",
        icc_profile=b"",
    )
    return buffer.getvalue()


def placeholder_uri(image: Image.Image) -> str:
    """A ``data:`` URI of a tiny WebP, a couple of hundred bytes, for instant paint."""
    small = fit(image, size=PLACEHOLDER_SIZE)
    data = encode_webp(small, quality=PLACEHOLDER_QUALITY, method=PLACEHOLDER_METHOD)
    return "data:image/webp;base64," + base64.b64encode(data).decode("ascii")


# Pillow's plugin that saves each format Image.preinit() does not register (it has JPEG).
_SAVERS = {"WEBP": "PIL.WebPImagePlugin", "AVIF": "PIL.AvifImagePlugin"}


def _register_saver(image_format: str) -> None:
    """Imports the plugin that saves ``image_format`` before Image.save looks for it: Image.save
    imports every plugin Pillow has (Image.init()) for a format not registered yet."""
    importlib.import_module(_SAVERS[image_format])
