"""The three ways of doing the same job, timed side by side.

The job: from an original, a 600 px thumbnail and a 2048 px proof (long edge),
upright, in sRGB, transparency on white, progressive JPEGs at quality 82 without
metadata. No watermark: libvips has no such step, so it is left out of all three
(the project's watermark is the same work on any input; see README, Benchmarks).
Each function returns ``{"thumb": bytes, "proof": bytes}``.
"""

from __future__ import annotations

import io

THUMB, PROOF, QUALITY = 600, 2048, 82


def project(data: bytes) -> dict[str, bytes]:
    from lambda_processor.options import Options
    from lambda_processor.pipeline import process

    result = process(data, Options(watermark_text=""))
    return {name: rendition.data for name, rendition in result.renditions.items()}


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
    for name, long_edge in (("thumb", THUMB), ("proof", PROOF)):
        ratio = long_edge / max(image.size)
        size = (round(image.width * ratio), round(image.height * ratio))
        buffer = io.BytesIO()
        image.resize(size, Image.Resampling.LANCZOS).save(
            buffer, "JPEG", quality=QUALITY, progressive=True
        )
        outputs[name] = buffer.getvalue()
    return outputs


def libvips(data: bytes) -> dict[str, bytes]:
    """libvips's one-decode pipeline: ``thumbnail`` (shrink-on-load, auto-rotate,
    colour management through the embedded profile) to the proof, held in memory,
    and the thumbnail made from it."""
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
    proof = proof.copy_memory()  # one decode: the thumbnail reads these pixels
    thumb = proof.thumbnail_image(THUMB, height=THUMB, size="down")
    return {name: _vips_jpeg(image) for name, image in (("thumb", thumb), ("proof", proof))}


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
