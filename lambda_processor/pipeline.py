"""Original bytes + options -> renditions + the image part of the record. No I/O.

The order of steps is chosen for speed and memory on camera originals:
JPEGs decode at a reduced DCT scale (``draft``), the proof is resized from that,
and the thumbnail from the proof, never from the original; colour conversion
and orientation run on the already small proof.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PIL import Image

from . import transforms
from .decode import decode
from .encode import JPEG_CONTENT_TYPE, encode_jpeg, placeholder_uri
from .metadata import exif_summary
from .options import Options
from .watermark import watermark


@dataclasses.dataclass(frozen=True)
class Rendition:
    data: bytes
    width: int
    height: int
    format: str = "JPEG"
    content_type: str = JPEG_CONTENT_TYPE


@dataclasses.dataclass(frozen=True)
class ProcessResult:
    renditions: dict[str, Rendition]  # "thumb", "proof"
    record: dict[str, Any]  # original, exif, placeholder, size_reduction


def process(data: bytes, options: Options | None = None) -> ProcessResult:
    """Render ``data``; raises ``ImageRejected`` for anything we cannot render."""
    options = options or Options()
    image, source = decode(
        data,
        max_bytes=options.max_bytes,
        max_pixels=options.max_pixels,
        min_size=options.proof_size,
    )
    image = transforms.normalise_mode(image)
    image = transforms.fit(image, size=options.proof_size)
    image = transforms.flatten(image)
    image = transforms.to_srgb(image, icc_profile=source.icc_profile)
    base = transforms.orient(image, orientation=source.orientation)

    # from the proof, never the original; a coarser reducing gap is invisible at 600 px
    thumb = transforms.fit(base, size=options.thumb_size, reducing_gap=1.5)
    placeholder = placeholder_uri(thumb)
    if options.watermark_thumbs:
        thumb = watermark(thumb, text=options.watermark_text, opacity=options.watermark_opacity)
    proof = watermark(base, text=options.watermark_text, opacity=options.watermark_opacity)

    renditions = {
        "thumb": _rendition(thumb, options.jpeg_quality),
        "proof": _rendition(proof, options.jpeg_quality),
    }
    upright = (
        (source.height, source.width) if source.orientation >= 5 else (source.width, source.height)
    )
    record = {
        "original": {
            "bytes": len(data),
            "width": upright[0],
            "height": upright[1],
            "format": source.format,
            "mode": source.mode,
        },
        "exif": exif_summary(source.exif),
        "placeholder": placeholder,
        "size_reduction": round(1 - len(renditions["proof"].data) / len(data), 4),
    }
    return ProcessResult(renditions=renditions, record=record)


def _rendition(image: Image.Image, quality: int) -> Rendition:
    return Rendition(
        data=encode_jpeg(image, quality=quality), width=image.width, height=image.height
    )
