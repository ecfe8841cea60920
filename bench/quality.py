"""Quality beside speed: each proof against a full-resolution reference.

Reference: the original fully decoded (no reduced-scale decode), upright, through
its embedded ICC profile to sRGB (relative colorimetric with black-point
compensation, Photoshop's default conversion), transparency composited on white
at full resolution, then resized with LANCZOS straight to the proof's own size.
PSNR over the RGB channels; ΔE is CIEDE2000, the mean over all pixels. The
ceiling is what the reference itself scores once saved as a quality-82 JPEG:
the best any proof at that quality can do.
"""

from __future__ import annotations

import io
import math

import pyvips
from methods import upright_on_white
from PIL import Image, ImageCms


class Reference:
    def __init__(self, data: bytes):
        image = Image.open(io.BytesIO(data))
        profile = image.info.get("icc_profile")
        image = upright_on_white(image)
        if profile:
            image = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                outputMode="RGB",
                flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
            )
        self.full = image.convert("RGB")
        self._resized: dict[tuple[int, int], Image.Image] = {}

    def at(self, size: tuple[int, int]) -> Image.Image:
        if size not in self._resized:
            self._resized[size] = self.full.resize(size, Image.Resampling.LANCZOS)
        return self._resized[size]

    def score(self, jpeg: bytes) -> tuple[float, float]:
        """(PSNR dB, mean ΔE00) of a proof against the reference at the proof's size."""
        proof = Image.open(io.BytesIO(jpeg)).convert("RGB")
        return compare(proof, self.at(proof.size))

    def ceiling(self, size: tuple[int, int]) -> tuple[float, float]:
        buffer = io.BytesIO()
        self.at(size).save(buffer, "JPEG", quality=82, progressive=True)
        return self.score(buffer.getvalue())


def compare(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    va, vb = _vips(a), _vips(b)
    difference = va.cast("float") - vb.cast("float")
    mse = (difference * difference).avg()
    psnr = math.inf if mse == 0 else 10 * math.log10(255**2 / mse)
    delta_e = va.colourspace("lab").dE00(vb.colourspace("lab")).avg()
    return psnr, delta_e


def _vips(image: Image.Image) -> pyvips.Image:
    return pyvips.Image.new_from_memory(
        image.tobytes(), image.width, image.height, 3, "uchar"
    ).copy(interpretation="srgb")
