"""Test images made with Pillow (and by hand where Pillow cannot write them)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image, ImageChops, ImageStat

from lambda_processor.decode import register_heif_opener

register_heif_opener()  # the tests write HEIF and AVIF files before any is decoded


def encode(image: Image.Image, image_format: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **params)
    return buffer.getvalue()


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def mean_difference(a: Image.Image, b: Image.Image, *, ignore: tuple | None = None) -> float:
    """Mean absolute difference per channel (0-255); ``ignore``: a box left out."""
    assert a.size == b.size, (a.size, b.size)
    difference = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    mask = Image.new("L", a.size, 255)
    if ignore:
        mask.paste(0, ignore)
    return sum(ImageStat.Stat(difference, mask).mean) / 3


def changed_fraction(a: Image.Image, b: Image.Image, *, threshold: int = 24) -> float:
    """Share of pixels where some channel differs by more than ``threshold``."""
    difference = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    strongest = ImageChops.lighter(
        ImageChops.lighter(difference.getchannel(0), difference.getchannel(1)),
        difference.getchannel(2),
    )
    histogram = strongest.histogram()
    return sum(histogram[threshold + 1 :]) / (a.width * a.height)


def quadrant_boxes(size: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    width, height = size
    return [
        (0, 0, width // 2, height // 2),
        (width // 2, 0, width, height // 2),
        (0, height // 2, width // 2, height),
        (width // 2, height // 2, width, height),
    ]


def exif_with_gps() -> Image.Exif:
    """Camera EXIF with a capture time, exposure and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "Canon EOS R5"
    details = exif.get_ifd(ExifTags.IFD.Exif)
    details[ExifTags.Base.DateTimeOriginal] = "2024:05:04 16:20:31"
    details[ExifTags.Base.OffsetTimeOriginal] = "+02:00"
    details[ExifTags.Base.ExposureTime] = 1 / 250
    details[ExifTags.Base.FNumber] = 2.8
    details[ExifTags.Base.ISOSpeedRatings] = 400
    details[ExifTags.Base.FocalLength] = 85.0
    details[ExifTags.Base.LensModel] = "RF85mm F1.2 L USM"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (48.0, 51.0, 29.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (2.0, 17.0, 40.0)
    return exif


def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A PNG of one colour whose header declares width × height pixels.

    1-bit grey, so 400 megapixels compress to about 50 kB; written chunk by
    chunk because Pillow would have to hold the whole image to save it.
    """
    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte + packed black pixels
    compressor = zlib.compressobj(9)
    rows_per_block = 1000
    data = b"".join(
        compressor.compress(row * min(rows_per_block, height - start))
        for start in range(0, height, rows_per_block)
    )
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


# sRGB's primaries adapted to D50, as ICC profiles store them.
SRGB_RED = (0.4360747, 0.2225045, 0.0139322)
SRGB_GREEN = (0.3850649, 0.7168786, 0.0971045)
SRGB_BLUE = (0.1430804, 0.0606169, 0.7141733)
D50 = (0.9642, 1.0, 0.8249)


def rgb_icc_profile(
    *, red: tuple, green: tuple, blue: tuple, gamma: float = 2.2, name: str = "Test RGB"
) -> bytes:
    """A minimal ICC v2 RGB matrix/TRC display profile (what Adobe RGB is, too).

    Pillow's ImageCms can read profiles but only build sRGB, LAB and XYZ ones.
    """
    ascii_name = name.encode("ascii") + b"\x00"
    desc = (
        b"desc\x00\x00\x00\x00"
        + struct.pack(">I", len(ascii_name))
        + ascii_name
        + b"\x00" * 8  # no Unicode description
        + b"\x00" * 3  # no ScriptCode description
        + b"\x00" * 67
    )
    curve = b"curv\x00\x00\x00\x00" + struct.pack(">IH", 1, round(gamma * 256))
    tags = [
        (b"desc", desc),
        (b"cprt", b"text\x00\x00\x00\x00" + b"No copyright, test data\x00"),
        (b"wtpt", _xyz(D50)),
        (b"rXYZ", _xyz(red)),
        (b"gXYZ", _xyz(green)),
        (b"bXYZ", _xyz(blue)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\x00" * (-len(data) % 4)  # tags start on 4-byte boundaries
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (
        struct.pack(">I", size)
        + b"lcms"
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2024, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"\x00" * 24  # platform, flags, manufacturer, model, attributes
        + struct.pack(">I", 0)  # perceptual intent
        + b"".join(struct.pack(">i", round(v * 65536)) for v in D50)
        + b"\x00" * 48  # creator, profile id, reserved
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


def _xyz(values: tuple) -> bytes:
    return b"XYZ \x00\x00\x00\x00" + b"".join(struct.pack(">i", round(v * 65536)) for v in values)
