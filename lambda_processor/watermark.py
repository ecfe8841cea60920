"""A tiled, rotated, semi-transparent text watermark across the whole image.

The text repeats along parallel diagonal lines from edge to edge, each line
shifted by half a step, so no crop of a useful size is clean; white letters
with a dark outline stay visible on skies and in shadows.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator

from PIL import Image, ImageDraw, ImageFont

ANGLE = 30  # degrees, counter-clockwise
ALONG = 1.3  # distance between texts on a line, in text widths
ACROSS = 2.0  # distance between lines, in text heights


def watermark(image: Image.Image, *, text: str, opacity: float) -> Image.Image:
    """A watermarked copy of an RGB ``image``; the image itself when ``text`` is empty."""
    text = text.strip()
    if not text or opacity <= 0:
        return image
    image = image.copy()
    width, height = image.size
    # Text height follows the image: ~1/16 of the long edge, but never taller
    # than a quarter of the short edge (panoramas).
    font_size = max(10, round(min(max(width, height) / 16, min(width, height) / 4)))
    # long texts ("(c) Jane Doe Photography") shrink to ~60% of the long edge
    text_width = _font(font_size).getlength(text)
    if text_width > 0.6 * max(width, height):
        font_size = max(10, int(font_size * 0.6 * max(width, height) / text_width))
    pieces, tile_size, (text_width, text_height) = _tile(text, font_size, round(opacity * 100))
    for x, y in _centres(image.size, tile_size, text_width * ALONG, text_height * ACROSS):
        left, top = round(x - tile_size[0] / 2), round(y - tile_size[1] / 2)
        for (dx, dy), colour, alpha in pieces:
            image.paste(colour, (left + dx, top + dy), alpha)
    return image


def _centres(
    size: tuple[int, int], tile: tuple[int, int], along: float, across: float
) -> Iterator[tuple[float, float]]:
    """Tile centres on a lattice turned by ANGLE, covering the image."""
    width, height = size
    angle = math.radians(ANGLE)
    # directions in image coordinates (y points down): along the text, and across lines
    ux, uy = math.cos(angle), -math.sin(angle)
    vx, vy = math.sin(angle), math.cos(angle)
    reach = math.hypot(width, height) / 2 + max(tile)
    lines, steps = math.ceil(reach / across), math.ceil(reach / along) + 1
    for line in range(-lines, lines + 1):
        shift = along / 2 if line % 2 else 0.0
        for step in range(-steps, steps + 1):
            s, t = step * along + shift, line * across
            x, y = width / 2 + s * ux + t * vx, height / 2 + s * uy + t * vy
            if -tile[0] / 2 < x < width + tile[0] / 2 and -tile[1] / 2 < y < height + tile[1] / 2:
                yield x, y


Piece = tuple[tuple[int, int], Image.Image, Image.Image]  # offset, RGB, alpha


@functools.lru_cache(maxsize=32)
def _tile(
    text: str, font_size: int, percent: int
) -> tuple[list[Piece], tuple[int, int], tuple[int, int]]:
    """The rotated text, opacity applied, as pieces to paste; the rotated tile's
    size; the unrotated text's size."""
    font = _font(font_size)
    stroke = max(1, font_size // 20)
    left, top, right, bottom = font.getbbox(text, stroke_width=stroke)
    pad = stroke * 2
    size = (right - left + 2 * pad, bottom - top + 2 * pad)
    origin = (pad - left, pad - top)
    outline = Image.new("L", size, 0)
    ImageDraw.Draw(outline).text(
        origin, text, font=font, fill=255, stroke_width=stroke, stroke_fill=255
    )
    fill = Image.new("L", size, 0)
    ImageDraw.Draw(fill).text(origin, text, font=font, fill=255)
    # A dark outline under white letters, composed once so that tiling is one
    # paste per piece.
    opacity = percent / 100
    tile = Image.new("RGBA", size, (0, 0, 0, 0))
    for colour, mask, strength in (
        ((0, 0, 0), outline, 0.6 * opacity),
        ((255,) * 3, fill, opacity),
    ):
        layer = Image.new("RGBA", size, colour)
        layer.putalpha(mask.point(lambda value, s=strength: round(value * s)))
        tile.alpha_composite(layer)
    tile = tile.rotate(ANGLE, resample=Image.Resampling.BICUBIC, expand=True)
    # Rotated text fills a diagonal band of its box: cut the box into horizontal
    # strips trimmed to their content, so pasting skips the empty corners.
    rgb, alpha = tile.convert("RGB"), tile.getchannel("A")
    pieces = []
    strip = max(1, tile.height // 8)
    for y in range(0, tile.height, strip):
        box = alpha.crop((0, y, tile.width, min(y + strip, tile.height))).getbbox()
        if box:
            x0, y0, x1, y1 = box
            region = (x0, y + y0, x1, y + y1)
            pieces.append(((x0, y + y0), rgb.crop(region), alpha.crop(region)))
    return pieces, tile.size, size


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow ships a FreeType font (Aileron) for load_default(size=...): no font
    # file to package with the Lambda.
    return ImageFont.load_default(size=size)


# Where a logo watermark goes: the centre, or a corner inset by a margin.
LOGO_POSITIONS = ("centre", "bottom-right", "bottom-left", "top-right", "top-left")
LOGO_MARGIN = 0.04  # of the short edge


def watermark_logo(
    image: Image.Image, *, logo: Image.Image | None, position: str, scale: float, opacity: float
) -> Image.Image:
    """A copy of an RGB ``image`` with ``logo`` (RGBA: its transparency kept) placed at
    ``position``, ``scale`` times the image's width wide; the image itself without a logo."""
    if logo is None or position not in LOGO_POSITIONS or scale <= 0 or opacity <= 0:
        return image
    width = max(1, round(image.width * min(scale, 1.0)))
    height = max(1, round(logo.height * width / logo.width))
    if height > image.height:  # a tall logo on a panorama: fit the height instead
        width, height = max(1, round(width * image.height / height)), image.height
    mark = logo.convert("RGBA").resize((width, height), Image.Resampling.LANCZOS)
    alpha = mark.getchannel("A").point(lambda value: round(value * opacity))
    margin = round(min(image.size) * LOGO_MARGIN)
    if position == "centre":
        left, top = (image.width - width) // 2, (image.height - height) // 2
    else:
        vertical, horizontal = position.split("-")
        left = margin if horizontal == "left" else image.width - width - margin
        top = margin if vertical == "top" else image.height - height - margin
    image = image.copy()
    image.paste(mark.convert("RGB"), (max(0, left), max(0, top)), alpha)
    return image
