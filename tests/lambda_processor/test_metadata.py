"""EXIF facts for clients: capture time, camera, lens, exposure; never GPS."""

from PIL import ExifTags, Image

from lambda_processor.metadata import exif_summary
from lambda_processor.pipeline import process

from .images import decode, encode, exif_with_gps


def test_camera_jpeg_exif_is_summarised_without_gps(camera_jpeg):
    assert decode(camera_jpeg).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # it has GPS
    exif = process(camera_jpeg).record["exif"]
    assert exif == {
        "captured_at": "2024-05-04T16:20:31+02:00",
        "camera": "Canon EOS R5",
        "lens": "RF85mm F1.2 L USM",
        "exposure": {"exposure_time": 0.004, "f_number": 2.8, "iso": 400, "focal_length": 85.0},
    }
    assert "gps" not in repr(exif).lower() and "48" not in repr(exif)


def test_missing_and_odd_values_become_none():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "NIKON CORPORATION"
    exif[ExifTags.Base.Model] = "NIKON Z 8\x00\x00"
    exif[ExifTags.Base.DateTime] = "0000:00:00 00:00:00"  # camera clock never set
    summary = exif_summary(exif)
    assert summary["camera"] == "NIKON Z 8"
    assert summary["captured_at"] is None
    assert summary["lens"] is None
    assert set(summary["exposure"].values()) == {None}


def test_datetime_is_used_when_there_is_no_original_time():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Apple"
    exif[ExifTags.Base.Model] = "iPhone 15 Pro"
    exif[ExifTags.Base.DateTime] = "2024:01:02 03:04:05"
    summary = process(encode(Image.new("RGB", (40, 30)), "JPEG", exif=exif)).record["exif"]
    assert summary["captured_at"] == "2024-01-02T03:04:05"
    assert summary["camera"] == "Apple iPhone 15 Pro"


def test_an_image_without_exif_has_an_empty_summary(reference):
    assert reference.record["exif"] == {
        "captured_at": None,
        "camera": None,
        "lens": None,
        "exposure": {"exposure_time": None, "f_number": None, "iso": None, "focal_length": None},
    }


def test_gps_is_in_the_fixture_but_in_no_rendition(camera_jpeg):
    assert exif_with_gps().get_ifd(ExifTags.IFD.GPSInfo)
    for rendition in process(camera_jpeg).renditions.values():
        image = decode(rendition.data)
        assert not image.getexif() and b"Exif" not in rendition.data[:4096]
