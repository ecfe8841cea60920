"""Original bytes + options -> renditions + the image part of the record. No I/O.

The order of steps is chosen for speed and memory on camera originals:
JPEGs decode at a reduced DCT scale (1/8, 1/4, 3/8 or 1/2), the proof is resized from that
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
from .decode import SourceInfo, decode
from .encode import (
    AVIF_CONTENT_TYPE,
    JPEG_CONTENT_TYPE,
    WEBP_CONTENT_TYPE,
    encode_avif,
    encode_jpeg,
    encode_webp,
    placeholder_uri,
)
from .metadata import exif_summary
from .options import Options
from .records import srcset_name
from .watermark import watermark, watermark_logo

WEB = "web"  # the clean web-size rendition of a released photo


@dataclasses.dataclass(frozen=True)
class Rendition:
    data: bytes
    width: int
    height: int
    format: str = "JPEG"
    content_type: str = JPEG_CONTENT_TYPE

    @property
    def extension(self) -> str:
        return {"JPEG": "jpg"}.get(self.format, self.format.lower())


@dataclasses.dataclass(frozen=True)
class ProcessResult:
    renditions: dict[str, Rendition]  # "thumb", "proof", "thumb-<width>" (records.srcset_name)
    record: dict[str, Any]  # original, exif, placeholder, size_reduction


def process(
    data: bytes,
    options: Options | None = None,
    *,
    clean: bool = False,
    logo: Image.Image | None = None,
) -> ProcessResult:
    """Render ``data``; raises ``ImageRejected`` for anything we cannot render.

    ``clean``: the photo's originals are released. It gets a ``web`` rendition too (the
    proof's size, never watermarked), and its thumbnails are never watermarked.
    ``logo`` (RGBA) is the studio's logo when the options place one on the proofs.
    """
    options = options or Options()
    base, source = prepare(data, options)
    if clean:
        options = options.replace(watermark_thumbs=False)

    proof_job = _beside(_proof, base, options, logo)
    renditions, placeholder = _thumbs(base, options, logo)
    if clean:
        renditions[WEB] = _rendition(base, options.jpeg_quality)
    renditions["proof"] = proof_job.result()
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


def prepare(data: bytes, options: Options) -> tuple[Image.Image, SourceInfo]:
    """The upright sRGB image at the proof's size that every rendition is made from, and
    what the decoder learnt about the original."""
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
    return transforms.orient(image, orientation=source.orientation), source


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
    proof = _watermarks(base, options, logo)
    if proof is base:
        # No watermark: the base itself, which the thumbnails may be encoding on the other
        # thread (an image smaller than a srcset width is its own thumbnail). Image.save
        # keeps its settings on the image while it encodes, and a save beside it reads them:
        # a JPEG came out with the WebP's settings. Each thread saves its own object.
        proof = base.copy()
    return _rendition(proof, options.jpeg_quality)


def _thumbs(
    base: Image.Image, options: Options, logo: Image.Image | None
) -> tuple[dict[str, Rendition], str]:
    """The srcset's widths and the one ``thumb``, each resized from the next larger (never
    from the original; a coarser reducing gap is invisible at these sizes). A width the
    image cannot reach is left out rather than repeated: the browser gets distinct widths."""
    sizes = sorted({*options.thumb_widths, options.thumb_size}, reverse=True)
    images: dict[int, Image.Image] = {}
    source = base
    for size in sizes:
        source = transforms.fit(source, size=size, reducing_gap=1.5)
        images[size] = source
    placeholder = placeholder_uri(images[sizes[-1]])
    renditions: dict[str, Rendition] = {}
    seen: set[tuple[int, int]] = set()
    for size, image in images.items():
        srcset = size in options.thumb_widths and image.size not in seen
        thumb = size == options.thumb_size
        if not (srcset or thumb):
            continue
        seen.add(image.size)
        if options.watermark_thumbs:
            image = _watermarks(image, options, logo)
        name = srcset_name(size)
        if srcset:
            renditions[name] = _encoded(image, options.srcset_format, options)
        if thumb:
            if srcset and renditions[name].format == "JPEG":
                renditions["thumb"] = renditions[name]  # the same encoding: made once
            else:
                renditions["thumb"] = _rendition(image, options.jpeg_quality)
    return renditions, placeholder


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


_ENCODERS = {
    "WEBP": (encode_webp, WEBP_CONTENT_TYPE),
    "AVIF": (encode_avif, AVIF_CONTENT_TYPE),
}


def _encoded(image: Image.Image, image_format: str, options: Options) -> Rendition:
    if image_format not in _ENCODERS:
        return _rendition(image, options.jpeg_quality)
    encoder, content_type = _ENCODERS[image_format]
    return Rendition(
        data=encoder(image),
        width=image.width,
        height=image.height,
        format=image_format,
        content_type=content_type,
    )


def _rendition(image: Image.Image, quality: int) -> Rendition:
    return Rendition(
        data=encode_jpeg(image, quality=quality), width=image.width, height=image.height
    )
