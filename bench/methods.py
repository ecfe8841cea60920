"""The three ways of doing the same job, timed side by side.

The job is everything the processor renders for an upload, with its settings read from
``lambda_processor`` so the three cannot drift apart: from an original, upright, in sRGB,
transparency on white, without metadata,

- the proof (2048 px long edge) and the thumbnail (600 px): progressive JPEGs at q82;
- the grid's srcset widths (400, 800, 1200 px): WebP at the project's quality and method;
- the placeholder: a 16 px WebP.

No watermark: libvips has no such step, so it is left out of all three (the project's
watermark is the same work on any input; see README, Benchmarks). Each function returns
``{rendition name: bytes}`` (the placeholder as ``placeholder``).
"""

from __future__ import annotations

import io

from lambda_processor import encode
from lambda_processor.options import Options
from lambda_processor.records import srcset_name

JOB = Options(watermark_text="")
THUMB, PROOF, QUALITY = JOB.thumb_size, JOB.proof_size, JOB.jpeg_quality
PLACEHOLDER = "placeholder"
# Every output below the proof, largest first: (long edge, rendition name, format).
SMALLER = sorted(
    [(width, srcset_name(width), JOB.srcset_format) for width in JOB.thumb_widths]
    + [(THUMB, "thumb", "JPEG"), (encode.PLACEHOLDER_SIZE, PLACEHOLDER, "WEBP")],
    reverse=True,
)
# Pillow's and libvips's names for the same encoder settings.
WEBP = {"quality": encode.WEBP_QUALITY, "method": encode.WEBP_METHOD}
WEBP_PLACEHOLDER = {"quality": encode.PLACEHOLDER_QUALITY, "method": encode.PLACEHOLDER_METHOD}


def project(data: bytes) -> dict[str, bytes]:
    from lambda_processor.pipeline import process

    result = process(data, JOB)
    outputs = {name: rendition.data for name, rendition in result.renditions.items()}
    outputs[PLACEHOLDER] = result.record["placeholder"].encode()
    return outputs


def upright_on_white(image):
    """The full-size image turned upright, transparency flattened on white: the start of
    the naive pipeline and of the quality reference."""
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    return image


def naive(data: bytes) -> dict[str, bytes]:
    """The usual tutorial: full decode, each output resized (LANCZOS) from the full image;
    the embedded profile is ignored."""
    from PIL import Image

    image = upright_on_white(Image.open(io.BytesIO(data))).convert("RGB")
    outputs = {}
    for long_edge, name, image_format in [(PROOF, "proof", "JPEG"), *SMALLER]:
        ratio = long_edge / max(image.size)
        size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
        resized = image.resize(size, Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        if image_format == "JPEG":
            resized.save(buffer, "JPEG", quality=QUALITY, progressive=True)
        else:
            settings = WEBP_PLACEHOLDER if name == PLACEHOLDER else WEBP
            resized.save(buffer, "WEBP", **settings)
        outputs[name] = buffer.getvalue()
    return outputs


def libvips(data: bytes) -> dict[str, bytes]:
    """libvips's one-decode pipeline: ``thumbnail`` (shrink-on-load, auto-rotate,
    colour management through the embedded profile) to the proof, held in memory, then
    each smaller output with ``thumbnail_image`` from the next larger one, held in memory
    too (as the project does; 2-8% less CPU than each from the proof on five of the six
    inputs, docs/benchmarks.md)."""
    import pyvips

    # Colour-managed when the original says how (an embedded profile) or must be
    # (CMYK), as the project does; an export profile on an untagged sRGB photo would
    # add an sRGB-to-sRGB transform the project never does.
    header = pyvips.Image.new_from_buffer(data, "")
    managed = header.get_typeof("icc-profile-data") != 0 or header.interpretation == "cmyk"
    options = {"export_profile": "srgb"} if managed else {}
    proof = pyvips.Image.thumbnail_buffer(data, PROOF, height=PROOF, size="down", **options)
    if proof.hasalpha():
        proof = proof.flatten(background=[255, 255, 255])
    proof = proof.copy_memory()  # one decode: the smaller outputs read these pixels
    outputs = {"proof": _vips_jpeg(proof)}
    source = proof
    for long_edge, name, image_format in SMALLER:
        source = source.thumbnail_image(long_edge, height=long_edge, size="down").copy_memory()
        if image_format == "JPEG":
            outputs[name] = _vips_jpeg(source)
        else:
            settings = WEBP_PLACEHOLDER if name == PLACEHOLDER else WEBP
            outputs[name] = source.webpsave_buffer(
                Q=settings["quality"], effort=settings["method"], keep="none"
            )
    return outputs


def _vips_jpeg(image) -> bytes:
    return image.jpegsave_buffer(Q=QUALITY, interlace=True, keep="none")


METHODS = {"project": project, "naive": naive, "libvips": libvips}


def warm_up(method: str) -> None:
    """Imports, fonts and colour engines load once per Lambda container, not per photo."""
    from PIL import Image

    if method == "libvips":
        import pyvips

        pyvips.cache_set_max(0)  # every call does the work, as a fresh container would
    tiny = io.BytesIO()
    Image.new("RGB", (64, 48), "grey").save(tiny, "JPEG")
    METHODS[method](tiny.getvalue())
