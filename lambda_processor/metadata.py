"""The EXIF facts a photographer's client may see. GPS is never read."""

from __future__ import annotations

import math
import re
from typing import Any

from PIL import ExifTags, Image

_Base = ExifTags.Base


def exif_summary(exif: Image.Exif) -> dict[str, Any]:
    """``{captured_at, camera, lens, exposure: {...}}`` with None for what is missing."""
    details = exif.get_ifd(ExifTags.IFD.Exif)
    return {
        "captured_at": _captured_at(details, exif),
        "camera": _camera(_text(exif.get(_Base.Make)), _text(exif.get(_Base.Model))),
        "lens": _text(details.get(_Base.LensModel)),
        "exposure": {
            "exposure_time": _number(details.get(_Base.ExposureTime)),  # seconds
            "f_number": _number(details.get(_Base.FNumber), digits=1),
            "iso": _iso(details.get(_Base.ISOSpeedRatings)),
            "focal_length": _number(details.get(_Base.FocalLength), digits=1),  # mm
        },
    }


def _captured_at(details: dict[int, Any], exif: Image.Exif) -> str | None:
    raw = _text(details.get(_Base.DateTimeOriginal)) or _text(exif.get(_Base.DateTime))
    found = re.fullmatch(r"(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})", raw or "")
    if not found or found[1] == "0000":
        return None  # cameras with an unset clock write "0000:00:00 00:00:00"
    stamp = "{}-{}-{}T{}:{}:{}".format(*found.groups())
    offset = _text(details.get(_Base.OffsetTimeOriginal))
    return stamp + offset if offset and re.fullmatch(r"[+-]\d{2}:\d{2}", offset) else stamp


def _camera(make: str | None, model: str | None) -> str | None:
    if make and model and model.lower().startswith(make.split()[0].lower()):
        return model  # "Canon" + "Canon EOS R5" -> "Canon EOS R5"
    return " ".join(part for part in (make, model) if part) or None


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    value = value.replace("\x00", "").strip()
    return value[:200] or None


def _number(value: Any, *, digits: int | None = None) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not math.isfinite(number) or number <= 0:
        return None
    return round(number, digits) if digits is not None else number


def _iso(value: Any) -> int | None:
    if isinstance(value, tuple | list):
        value = value[0] if value else None
    try:
        iso = int(value)
    except (TypeError, ValueError):
        return None
    return iso if iso > 0 else None
