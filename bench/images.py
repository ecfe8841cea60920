"""The bench's inputs, made deterministically: the same bytes on every run and machine.

A real photo (the shared orientation sample) upscaled to each size, with seeded
grain for sensor-like texture, encoded the way the device in question writes it.
Without the shared samples a synthetic scene stands in, so a clean clone still runs.
"""

from __future__ import annotations

import dataclasses
import io
import random
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, ImageDraw

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / ".." / "shared" / "samples" / "orientation" / "Landscape_1.jpg"
# A real LUT-based CMYK press profile: Debian's libgs-common (ghostscript's profiles),
# installed by `make bench` when missing.
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
SEED = 20240504


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    filename: str
    size: tuple[int, int]  # as stored
    kind: str  # camera, phone, cmyk, png
    camera: bool = False  # counts towards the camera-JPEG target and the throughput run


CASES = [
    Case("24 MP camera JPEG", "camera-24mp.jpg", (6000, 4000), "camera", camera=True),
    Case("45 MP camera JPEG", "camera-45mp.jpg", (8192, 5464), "camera", camera=True),
    Case("12 MP phone JPEG", "phone-12mp.jpg", (4032, 3024), "phone"),
    Case("8 MP phone JPEG", "phone-8mp.jpg", (3264, 2448), "phone"),
    Case("12 MP CMYK+ICC JPEG", "print-cmyk.jpg", (4000, 3000), "cmyk"),
    Case("12 MP RGBA PNG", "export-rgba.png", (4000, 3000), "png"),
]


def made(*, camera_only: bool = False) -> list[tuple[Case, bytes]]:
    """The cases (or only the camera JPEGs) made, each with its own seed."""
    return [
        (case, make(case, SEED + index))
        for index, case in enumerate(CASES)
        if case.camera or not camera_only
    ]


def make(case: Case, seed: int) -> bytes:
    photo = _photo(case.size, seed, grain=8 if case.kind == "png" else 20)
    buffer = io.BytesIO()
    exif = Image.Exif()
    if case.kind == "camera":
        exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "Canon", "Canon EOS R5"
        photo.save(buffer, "JPEG", quality=92, exif=exif)
    elif case.kind == "phone":
        # phones store the sensor's landscape pixels and say "turn me" in EXIF
        exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "Apple", "iPhone"
        exif[ExifTags.Base.Orientation] = 6
        photo.save(buffer, "JPEG", quality=90, exif=exif)
    elif case.kind == "cmyk":
        profile = cmyk_profile()
        to_cmyk = ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"),
            ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            "RGB",
            "CMYK",
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
        )
        ImageCms.applyTransform(photo, to_cmyk).save(
            buffer, "JPEG", quality=90, icc_profile=profile
        )
    else:
        _with_alpha(photo).save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def cmyk_profile() -> bytes:
    if not CMYK_PROFILE.exists():
        raise SystemExit(
            f"{CMYK_PROFILE} is missing: `make bench` installs it (Debian package libgs-common)."
        )
    return CMYK_PROFILE.read_bytes()


def _photo(size: tuple[int, int], seed: int, *, grain: int) -> Image.Image:
    if SAMPLE.exists():
        base = Image.open(SAMPLE).convert("RGB")
    else:
        base = Image.merge(
            "RGB",
            [Image.linear_gradient("L"), Image.radial_gradient("L"), Image.linear_gradient("L")],
        ).rotate(30)
    photo = base.resize(size, Image.Resampling.BICUBIC)
    noise = Image.frombytes("L", size, random.Random(seed).randbytes(size[0] * size[1]))
    return Image.blend(photo, Image.merge("RGB", [noise] * 3), grain / 255)


def _with_alpha(photo: Image.Image) -> Image.Image:
    """A cut-out: opaque in the middle, a soft fade, transparent corners and a clear band."""
    width, height = photo.size
    alpha = Image.radial_gradient("L").resize(photo.size, Image.Resampling.BILINEAR)
    alpha = alpha.point(lambda value: max(0, min(255, (200 - value) * 3)))
    ImageDraw.Draw(alpha).rectangle((0, height * 2 // 5, width // 10, height * 3 // 5), fill=0)
    photo = photo.copy()
    photo.putalpha(alpha)
    return photo
