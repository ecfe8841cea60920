"""The storage keys and the DynamoDB item: the contract shared with the web side.

The web side reads items (never writes photo items) and writes one gallery
settings item per gallery (sort key ``#settings``). Everything here is pure.

Photo item (a plain JSON-compatible dict; numbers become ``Decimal`` only inside
the table adapter, see ``item_to_dynamo``/``item_from_dynamo``)::

    gallery_id, photo_id        table keys (strings)
    status                      "processed" | "failed"
    error                       a sentence for the photographer when failed, else None
    original                    {key, filename, bytes, width, height, format, mode, etag}
                                width/height as displayed (EXIF orientation applied);
                                the last four are None when the file could not be read
    renditions                  {thumb: {key, width, height, bytes, format, content_type},
                                 proof: {...}, "thumb-400": {...}, "thumb-800": {...},
                                 "thumb-1200": {...}}; {} when failed. The
                                 ``thumb-<width>`` entries (``srcset_name``) are the grid's
                                 srcset, named by the long edge asked for (a small image
                                 has fewer, at its own size); items written before them
                                 have only ``thumb`` and ``proof``
    size_reduction              1 - proof bytes / original bytes (0.9 = the proof is
                                10% of the original); None when failed
    exif                        {captured_at, camera, lens, exposure: {exposure_time (s),
                                 f_number, iso, focal_length (mm)}}; never GPS; None
                                when failed
    placeholder                 "data:image/webp;base64,..." (a ~16 px image), or None
    created_at, updated_at, processed_at   ISO 8601 UTC ("2024-05-01T12:00:00.123456Z")
    event                       {name, time, etag, sequencer, order}: the event that
                                produced the item; ``order`` is what ``event_order`` made
    processor_version           PROCESSOR_VERSION
    render_revision             the gallery settings revision the proof was rendered with

    web                         (in renditions) only for a released photo: the clean
                                rendition, the proof's size without watermark

Gallery settings item: ``{gallery_id, photo_id: "#settings", watermark_text,
watermark_opacity, watermark_thumbs, watermark_logo_key, watermark_logo_position,
watermark_logo_scale, clean, revision}``; ``revision`` (int) must grow on every change so
that re-renders win over older renders. ``clean``: the photos whose originals are
released, ``"*"`` (all) or a list of photo ids; each gets a ``web`` rendition and
unwatermarked thumbnails.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, NamedTuple

PROCESSOR_VERSION = "1.0.0"

STATUS_PROCESSING = "processing"  # for the web side's own bookkeeping; never written here
STATUS_PROCESSED = "processed"
STATUS_FAILED = "failed"

GALLERY_SETTINGS_SORT_KEY = "#settings"  # cannot collide: photo ids never contain '#'

ORIGINALS_PREFIX = "originals/"
RENDITIONS_PREFIX = "renditions/"

# The queue messages between the web side and the processor, beside the items they concern:
#   render request (web -> processor's render queue): {"proofsheet": "render", "keys": [...]}
#   outcome (processor -> web's outcome queue): {"proofsheet": "outcome", "gallery_id",
#       "photo_id", "status", "error"}
MESSAGE_KIND_FIELD = "proofsheet"
RENDER_MESSAGE = "render"
OUTCOME_MESSAGE = "outcome"
RENDER_BATCH = 50  # keys per render message: a Lambda invocation renders them in turn


CLEAN_FIELD = "clean"
CLEAN_ALL = "*"

SRCSET_PREFIX = "thumb-"


def srcset_name(width: int) -> str:
    """The rendition name of the srcset thumbnail asked for at this long edge."""
    return f"{SRCSET_PREFIX}{int(width)}"


def srcset_entries(renditions: dict[str, Any] | None) -> list[dict[str, Any]]:
    """An item's srcset renditions, narrowest first; [] for items written before them."""
    entries = [
        entry for name, entry in (renditions or {}).items() if _is_srcset_written(name, entry)
    ]
    return sorted(entries, key=lambda entry: int(entry.get("width") or 0))


def srcset_content_type(renditions: dict[str, Any] | None) -> str:
    """The content type of an item's srcset renditions ("" for items written before them):
    one render writes them all in one format, so any one of them says it."""
    for name, entry in (renditions or {}).items():
        if _is_srcset_written(name, entry):
            return entry.get("content_type") or "image/jpeg"
    return ""


def _is_srcset_written(name: str, entry: dict[str, Any] | None) -> bool:
    return name.startswith(SRCSET_PREFIX) and bool(entry) and bool(entry.get("key"))


def render_messages(keys: list[str]) -> list[dict[str, Any]]:
    """The render requests for these originals, `RENDER_BATCH` keys a message."""
    return [
        {MESSAGE_KIND_FIELD: RENDER_MESSAGE, "keys": list(keys[start : start + RENDER_BATCH])}
        for start in range(0, len(keys), RENDER_BATCH)
    ]


def outcome_message(
    *, gallery_id: str, photo_id: str, status: str, error: str | None
) -> dict[str, Any]:
    return {
        MESSAGE_KIND_FIELD: OUTCOME_MESSAGE,
        "gallery_id": gallery_id,
        "photo_id": photo_id,
        "status": status,
        "error": error,
    }


def read_outcome_message(body: Any) -> dict[str, Any] | None:
    """The fields of an outcome message, or None for anything else."""
    if not isinstance(body, dict) or body.get(MESSAGE_KIND_FIELD) != OUTCOME_MESSAGE:
        return None
    return {
        "gallery_id": str(body.get("gallery_id", "")),
        "photo_id": str(body.get("photo_id", "")),
        "status": str(body.get("status", "")),
        "error": body.get("error"),
    }


TABLE_KEY_SCHEMA = [
    {"AttributeName": "gallery_id", "KeyType": "HASH"},
    {"AttributeName": "photo_id", "KeyType": "RANGE"},
]
TABLE_ATTRIBUTE_DEFINITIONS = [
    {"AttributeName": "gallery_id", "AttributeType": "S"},
    {"AttributeName": "photo_id", "AttributeType": "S"},
]
TABLE_BILLING_MODE = "PAY_PER_REQUEST"

_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_RENDITION_PART = re.compile(r"[a-z0-9_-]{1,32}")
MAX_FILENAME_LENGTH = 120


class OriginalKey(NamedTuple):
    gallery_id: str
    photo_id: str
    filename: str


def parse_original_key(key: str) -> OriginalKey | None:
    """``originals/<gallery_id>/<photo_id>/<name>`` -> its parts; anything else -> None."""
    parts = key.split("/")
    if len(parts) != 4 or parts[0] + "/" != ORIGINALS_PREFIX:
        return None
    _, gallery_id, photo_id, filename = parts
    if not (_ID.fullmatch(gallery_id) and _ID.fullmatch(photo_id)):
        return None
    if filename in {"", ".", ".."}:
        return None
    return OriginalKey(gallery_id, photo_id, filename)


def original_key(gallery_id: str, photo_id: str, filename: str) -> str:
    """The key of an original; the file name is sanitised here, so any name is safe."""
    _check_ids(gallery_id, photo_id)
    return f"{ORIGINALS_PREFIX}{gallery_id}/{photo_id}/{sanitize_filename(filename)}"


def rendition_key(gallery_id: str, photo_id: str, name: str, ext: str) -> str:
    _check_ids(gallery_id, photo_id)
    if not (_RENDITION_PART.fullmatch(name) and _RENDITION_PART.fullmatch(ext)):
        raise ValueError(f"bad rendition name or extension: {name!r}, {ext!r}")
    return f"{RENDITIONS_PREFIX}{gallery_id}/{photo_id}/{name}.{ext}"


def _check_ids(*ids: str) -> None:
    for value in ids:
        if not isinstance(value, str) or not _ID.fullmatch(value):
            raise ValueError(f"not a valid id: {value!r}")


# Characters S3 advises against in keys, plus path and shell troublemakers.
_UNSAFE = re.compile(r'[\\/{}^%`\[\]"<>~#|:*?]')


def sanitize_filename(name: str) -> str:
    """A readable, safe file name: no path, no control characters, bounded, never empty."""
    name = unicodedata.normalize("NFC", str(name))
    name = re.split(r"[\\/]", name)[-1]  # strip any client-side path (C:\\..., ../)
    name = re.sub(r"\s+", " ", name)  # tabs and newlines are spaces to a reader
    # Cc: control characters; Cf: invisible format ones such as the right-to-left
    # override that can disguise an extension ("photo\u202egpj.exe").
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf"})
    name = _UNSAFE.sub("_", name)
    name = re.sub(" +", " ", name).strip(" .")  # no hidden files, no trailing dots
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > 10:
        stem, ext = name, ""
    ext = ext.lower()
    room = MAX_FILENAME_LENGTH - (len(ext) + 1 if ext else 0)
    stem = stem[:room].rstrip(" .") or "photo"
    return f"{stem}.{ext}" if ext else stem


def utc_now() -> datetime:
    return datetime.now(UTC)


def isoformat(moment: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``: sorts as text, parses everywhere."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# Event ordering -----------------------------------------------------------------
#
# S3 delivers events at least once and in any order. The item remembers the
# order of the event it came from (``event.order``) and the gallery settings
# revision it was rendered with (``render_revision``); a write only replaces an
# item whose (order, revision) is lower. Orders are strings that sort as text:
#   "s:<sequencer>"    S3's sequencer, left-padded with zeros (AWS's advice:
#                      sequencers of one key compare only at equal length);
#   "t:<time>:<etag>"  when there is no sequencer (moto, the web side's local
#                      mode): event time, then eTag to break ties;
#   "<base>|r:<time>"  a re-render request: the stored item's order (or "0" when
#                      there is none) plus the time of the request, so it beats
#                      the upload it re-renders and earlier re-renders, while a
#                      newer upload still beats it ("s:...0B" > "s:...0A|r:...").
# Events of one key come from one source, so "s:" and "t:" are not mixed in practice.

SEQUENCER_WIDTH = 32
NO_ORDER = "0"  # sorts before every real order


class Ordering(NamedTuple):
    event_order: str
    render_revision: int


def event_order(*, sequencer: str | None, time: str | None, etag: str | None) -> str:
    if sequencer:
        return "s:" + sequencer.upper().rjust(SEQUENCER_WIDTH, "0")
    if time:
        return f"t:{_normalise_time(time)}:{etag or ''}"
    return NO_ORDER


def render_order(stored_order: str | None, time: str) -> str:
    base = (stored_order or NO_ORDER).split("|", 1)[0]  # re-renders do not nest
    return f"{base}|r:{_normalise_time(time)}"


def _normalise_time(value: str) -> str:
    try:
        return isoformat(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return value


def item_ordering(item: dict[str, Any] | None) -> Ordering | None:
    """The ordering an item was written with; None when it has none (always replaceable)."""
    if not item:
        return None
    order = (item.get("event") or {}).get("order")
    if not order:
        return None
    revision = item.get("render_revision")
    # an item without a revision loses to any revision (DynamoDB: attribute_not_exists)
    return Ordering(str(order), int(revision) if revision is not None else -1)


def is_newer(candidate: Ordering | dict[str, Any], stored_item: dict[str, Any] | None) -> bool:
    """Whether a write with ``candidate`` (an Ordering, or the item to write) may
    replace ``stored_item``. An item without ordering never replaces one with it."""
    if isinstance(candidate, dict):
        candidate = item_ordering(candidate) or Ordering("", -1)
    stored = item_ordering(stored_item)
    return stored is None or candidate > stored


# DynamoDB number conversion ---------------------------------------------------------


def item_to_dynamo(value: Any) -> Any:
    """Floats -> Decimal (DynamoDB refuses floats); NaN/inf -> None. Recursive."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: item_to_dynamo(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [item_to_dynamo(v) for v in value]
    return value


def item_from_dynamo(value: Any) -> Any:
    """Decimal -> int when integral, else float. Recursive.

    DynamoDB normalises numbers, so 2.0 may come back as the int 2.
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: item_from_dynamo(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [item_from_dynamo(v) for v in value]
    return value
