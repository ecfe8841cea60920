"""Original bytes + options -> renditions + the image part of the record. No I/O.

The order of steps is chosen for speed and memory on camera originals:
JPEGs decode at a reduced DCT scale (``draft``), the proof is resized from that
(or not at all when the draft already lands within ``proof_slack`` of the proof
size), and the thumbnail from the proof, never from the original; transparency
is flattened before resizing (no premultiplied-alpha resize), colour conversion
and orientation run on the already small proof. The proof's watermark and
encoding run beside the thumbnail's where there is more than one CPU: Pillow
releases the GIL while it resizes, pastes and encodes.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import os
from typing import Any

from PIL import Image

from . import transforms
from .decode import decode
from .encode import JPEG_CONTENT_TYPE, encode_jpeg, placeholder_uri
from .metadata import exif_summary
from .options import Options
from .watermark import watermark, watermark_logo


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


def process(
    data: bytes, options: Options | None = None, *, logo: Image.Image | None = None
) -> ProcessResult:
    """Render ``data``; raises ``ImageRejected`` for anything we cannot render. ``logo``
    (RGBA) is the studio's logo when the options place one on the proofs."""
    options = options or Options()
    image, source = decode(
        data,
        max_bytes=options.max_bytes,
        max_pixels=options.max_pixels,
        min_size=options.proof_size,
        slack=options.proof_slack,
    )
    image = transforms.normalise_mode(image)
    image = transforms.flatten(image)
    image = transforms.fit(image, size=options.proof_size, slack=options.proof_slack)
    image = transforms.to_srgb(image, icc_profile=source.icc_profile)
    base = transforms.orient(image, orientation=source.orientation)

    proof_job = _beside(_proof, base, options, logo)
    thumb, placeholder = _thumb(base, options, logo)
    renditions = {"thumb": thumb, "proof": proof_job.result()}
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


def _watermarks(image: Image.Image, options: Options, logo: Image.Image | None) -> Image.Image:
    image = watermark(image, text=options.watermark_text, opacity=options.watermark_opacity)
    return watermark_logo(
        image,
        logo=logo,
        position=options.watermark_logo_position,
        scale=options.watermark_logo_scale,
        opacity=options.watermark_opacity,
    )


def _proof(base: Image.Image, options: Options, logo: Image.Image | None) -> Rendition:
    return _rendition(_watermarks(base, options, logo), options.jpeg_quality)


def _thumb(base: Image.Image, options: Options, logo: Image.Image | None) -> tuple[Rendition, str]:
    # from the proof, never the original; a coarser reducing gap is invisible at 600 px
    thumb = transforms.fit(base, size=options.thumb_size, reducing_gap=1.5)
    placeholder = placeholder_uri(thumb)
    if options.watermark_thumbs:
        thumb = _watermarks(thumb, options, logo)
    return _rendition(thumb, options.jpeg_quality), placeholder


def _beside(function, *args) -> concurrent.futures.Future:
    """Run ``function`` on the second CPU if there is one, else right away."""
    pool = _pool()
    if pool is not None:
        return pool.submit(function, *args)
    done: concurrent.futures.Future = concurrent.futures.Future()
    done.set_result(function(*args))
    return done


@functools.cache
def _pool() -> concurrent.futures.ThreadPoolExecutor | None:
    # Lambda gives about one vCPU per 1,769 MB; the affinity mask says what we may use.
    if len(os.sched_getaffinity(0)) < 2:
        return None
    return concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="proofsheet-encode")


# A forked child (local-mode workers) inherits the pool but not its thread.
os.register_at_fork(after_in_child=_pool.cache_clear)


def _rendition(image: Image.Image, quality: int) -> Rendition:
    return Rendition(
        data=encode_jpeg(image, quality=quality), width=image.width, height=image.height
    )
