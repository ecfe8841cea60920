"""Image steps: each takes an image (and options) and returns an image.

Steps never encode and never touch storage; ``pipeline.process`` composes them.
A step returns its input unchanged when it has nothing to do, so callers must
not mutate what they get back without copying (``watermark`` copies).
"""

from __future__ import annotations

import functools
import io
import math
from typing import TYPE_CHECKING

from PIL import Image

if TYPE_CHECKING:
    from PIL import ImageCms

# Modes the later steps understand. LAB is converted by ``to_srgb``.
_WORKING_MODES = {"RGB", "RGBA", "L", "LA", "CMYK", "LAB"}

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def normalise_mode(image: Image.Image) -> Image.Image:
    """8 bits per channel in a mode that resizes well; alpha and CMYK kept for later."""
    mode = image.mode
    if mode in _WORKING_MODES:
        return image
    if mode == "I" or mode.startswith("I;16"):
        return _to_8bit(image)
    if mode in {"P", "PA"}:
        # the palette's transparency (tRNS, GIF) becomes a real alpha channel
        return image.convert("RGBA" if image.has_transparency_data else "RGB")
    if mode == "RGBa":
        return image.convert("RGBA")
    if mode == "La":
        return image.convert("LA")
    if mode in {"1", "F"}:
        return image.convert("L")
    return image.convert("RGB")  # YCbCr, HSV, RGBX


def _to_8bit(image: Image.Image) -> Image.Image:
    # convert("L") would clip 16-bit values at 255 (a white image); scale instead.
    if image.mode != "I":
        image = image.convert("I")
    return image.point(lambda value: value * (1 / 257)).convert("L")


def fit(
    image: Image.Image,
    *,
    size: int,
    slack: float = 0.0,
    resample: Image.Resampling = Image.Resampling.BICUBIC,
    reducing_gap: float | None = 2.0,
) -> Image.Image:
    """Scale down so the long edge is at most ``size``; never up.

    ``slack``: the long edge may come out up to this fraction smaller when an
    integer box reduction (``Image.reduce``, a few ms) lands there, instead of
    a resample to exactly ``size``: 4000 px -> 2000 px rather than 2048.
    Bicubic otherwise: Pillow widens the filter when shrinking, so it is
    antialiased, and for the remaining factors here (< 2 after a JPEG draft)
    it is close to Lanczos at two thirds of the cost.
    ``reducing_gap``: an integer box reduction first when shrinking by more
    than twice the gap (Pillow's thumbnail default).
    """
    width, height = image.size
    long_edge = max(width, height)
    if long_edge <= size:
        return image
    factor = reduction(long_edge, size=size, slack=slack)
    if factor > 1 and math.ceil(long_edge / factor) <= size:
        return image.reduce(factor)
    scale = size / long_edge
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    return image.resize(target, resample, reducing_gap=reducing_gap)


def reduction(
    long_edge: int, *, size: int, slack: float, factors: tuple[int, ...] | None = None
) -> int:
    """The largest integer factor (of ``factors``, or any) that keeps a long edge of at
    least ``size * (1 - slack)``: how far a box reduction or a JPEG draft may go."""
    floor = size * (1 - slack)
    candidates = factors or range(max(1, long_edge // max(1, math.floor(floor))), 0, -1)
    for factor in sorted(candidates, reverse=True):
        if math.ceil(long_edge / factor) >= floor:
            return factor
    return 1


def flatten(image: Image.Image, *, background: str = "white") -> Image.Image:
    """Composite transparent images onto a solid background (proofs are JPEGs)."""
    if image.mode not in {"RGBA", "LA"}:
        return image
    flat = Image.new(image.mode[:-1], image.size, background)
    flat.paste(image, mask=image.getchannel("A"))
    return flat


def to_srgb(image: Image.Image, *, icc_profile: bytes | None = None) -> Image.Image:
    """RGB in sRGB: from the embedded ICC profile when there is one."""
    if image.mode == "LAB":
        source: bytes | str | None = "LAB"
    else:
        source = icc_profile
    if source:
        # LittleCMS loads with the first image that has a profile, not with every instance.
        from PIL import ImageCms

        try:
            return _transform(source, image.mode).apply(image)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or mismatched profile: fall back to Pillow's conversion
    return image if image.mode == "RGB" else image.convert("RGB")


@functools.lru_cache(maxsize=16)
def _transform(source: bytes | str, mode: str) -> ImageCms.ImageCmsTransform:
    # Cached: camera profiles repeat, and building a transform costs milliseconds.
    from PIL import ImageCms

    if source == "LAB":
        profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB"))
    else:
        assert isinstance(source, bytes)
        profile = ImageCms.ImageCmsProfile(io.BytesIO(source))
    return ImageCms.buildTransform(
        profile,
        _srgb(),
        mode,
        "RGB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


@functools.cache
def _srgb() -> ImageCms.ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def orient(image: Image.Image, *, orientation: int) -> Image.Image:
    """Apply an EXIF orientation (1-8) so the image is upright."""
    method = _TRANSPOSE.get(orientation)
    return image.transpose(method) if method is not None else image
