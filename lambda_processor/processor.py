"""One original -> renditions + item, through the storage protocols.

Called by the Lambda handler (S3 and DynamoDB adapters) and by the web side's
local-mode worker (its own adapters). Permanent problems with the image are
recorded as a failed item; storage errors propagate so that the caller retries.
Originals are only ever read.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
from datetime import datetime
from typing import Any

from PIL import Image

from .decode import check_size
from .errors import ImageRejected
from .events import EventInfo
from .options import Options
from .pipeline import ProcessResult, process
from .ports import BlobStore, ObjectInfo, RecordTable
from .records import (
    CLEAN_ALL,
    CLEAN_FIELD,
    PROCESSOR_VERSION,
    STATUS_FAILED,
    STATUS_PROCESSED,
    Ordering,
    OriginalKey,
    is_newer,
    isoformat,
    item_ordering,
    parse_original_key,
    render_order,
    rendition_key,
    utc_now,
)

logger = logging.getLogger("proofsheet.processor")

RENDER_ATTEMPTS = 2  # a second render only when the watermark changed during the first

# Renditions are rewritten in place on re-render; browsers see them through
# signed URLs that change anyway, so a day of private caching is safe.
CACHE_CONTROL = "private, max-age=86400"

PROCESSED = STATUS_PROCESSED
FAILED = STATUS_FAILED
IGNORED = "ignored"  # not ours: no item, nothing written
SKIPPED = "skipped"  # the stored item is as new or newer: duplicate or late event
STALE = "stale"  # a newer item was written while we worked; ours was dropped
MISSING = "missing"  # the original was deleted after the event


@dataclasses.dataclass(frozen=True)
class Outcome:
    key: str | None
    status: str  # processed | failed | ignored | skipped | stale | missing
    reason: str | None = None
    bytes_in: int = 0
    bytes_out: int = 0
    item: dict[str, Any] | None = None

    def log_fields(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "outcome": self.status,
            "reason": self.reason,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
        }


def process_original(
    *,
    key: str,
    blobs: BlobStore,
    table: RecordTable,
    event: EventInfo | dict[str, Any],
    options: Options,
    now: datetime | None = None,
) -> Outcome:
    """Process the original at ``key`` for ``event``; see the module docstring."""
    event = EventInfo.coerce(event)
    parsed = parse_original_key(key)
    if parsed is None:
        return Outcome(key, IGNORED, "not an original's key")
    existing = table.get(parsed.gallery_id, parsed.photo_id)
    settings, gallery_options, revision = _gallery_options(table, parsed.gallery_id, options)
    info: ObjectInfo | None = None
    for attempt in range(1, RENDER_ATTEMPTS + 1):
        ordering = Ordering(_order(event, existing), revision)
        if not is_newer(ordering, existing):
            return Outcome(key, SKIPPED, "already processed for this or a newer event")
        info = info or blobs.head(key)
        if info is None:
            return Outcome(key, MISSING, "the original no longer exists")
        clean = _released(settings, parsed.photo_id)
        item, bytes_out = _render(parsed, key, info, blobs, gallery_options, clean=clean)
        if item["status"] == FAILED or attempt == RENDER_ATTEMPTS:
            break
        latest = _gallery_options(table, parsed.gallery_id, options)
        if latest[2] == revision:
            break
        # The watermark changed while we rendered, maybe after the web side's
        # re-render request ran: render again with the settings just read.
        settings, gallery_options, revision = latest
    item.update(_bookkeeping(event, ordering, existing, info, now))
    if not table.put(item, only_if_newer_than=ordering):
        return Outcome(key, STALE, "a newer version was stored meanwhile", info.size, bytes_out)
    return Outcome(key, item["status"], item["error"], info.size, bytes_out, item)


def _gallery_options(
    table: RecordTable, gallery_id: str, options: Options
) -> tuple[dict[str, Any], Options, int]:
    """The gallery's settings item, the options with its watermark, and its revision."""
    settings = table.get_gallery_settings(gallery_id) or {}
    try:
        revision = int(settings.get("revision") or 0)
        return settings, options.with_gallery_settings(settings), revision
    except (TypeError, ValueError):
        # A malformed settings item must not block every photo of the gallery
        # in retries: render with the defaults, and say so.
        logger.warning(json.dumps({"gallery_id": gallery_id, "bad_settings": repr(settings)}))
        return {}, options, 0


def _released(settings: dict[str, Any], photo_id: str) -> bool:
    """Whether the settings item's ``clean`` (``"*"`` or photo ids) releases this photo."""
    clean = settings.get(CLEAN_FIELD)
    if clean == CLEAN_ALL:
        return True
    return isinstance(clean, list | tuple | set) and photo_id in clean


def _logo(blobs: BlobStore, options: Options) -> Image.Image | None:
    """The studio's logo for a logo watermark, through the BlobStore port like the originals.
    A logo replaced or removed meanwhile renders without it; the web side's re-render with
    the new settings follows. A transient storage error raises, so the event is retried."""
    key = options.watermark_logo_key
    if not key or not options.watermark_logo_position:
        return None
    info = blobs.head(key)
    if info is None:
        logger.warning(json.dumps({"missing_logo": key}))
        return None
    logo = _logos.get((key, info.etag))
    if logo is None:
        try:
            with Image.open(io.BytesIO(blobs.get(key)), formats=["PNG"]) as stored:
                logo = stored.convert("RGBA")  # the web side stored it re-encoded as a PNG
        except (OSError, ValueError, Image.DecompressionBombError):
            logger.warning(json.dumps({"unreadable_logo": key}))
            return None
        _logos.clear()
        _logos[(key, info.etag)] = logo
    return logo


# The last logo read, by key and eTag: a gallery's photos share it, so a warm instance
# reads and decodes it once, not for every photo. Never changed: watermark_logo pastes a
# resized copy.
_logos: dict[tuple[str, str], Image.Image] = {}


def _order(event: EventInfo, existing: dict[str, Any] | None) -> str:
    if event.is_render:
        # A re-render is asked for on purpose (new watermark, retry after a
        # failure): it follows the upload it re-renders, see records.render_order.
        stored = item_ordering(existing)
        return render_order(stored.event_order if stored else None, event.time or "")
    return event.order


def _render(
    parsed: OriginalKey,
    key: str,
    info: ObjectInfo,
    blobs: BlobStore,
    options: Options,
    *,
    clean: bool = False,
) -> tuple[dict[str, Any], int]:
    """The item's image part, renditions written; a failed item for a bad image."""
    original = {"key": key, "filename": parsed.filename, "bytes": info.size, "etag": info.etag}
    try:
        check_size(info.size, options.max_bytes)  # before downloading anything
        result = process(blobs.get(key), options, clean=clean, logo=_logo(blobs, options))
    except ImageRejected as exc:
        unknown = {"width": None, "height": None, "format": None, "mode": None}
        item = {
            "status": STATUS_FAILED,
            "error": exc.reason,
            "original": {**original, **unknown},
            "renditions": {},
            "size_reduction": None,
            "exif": None,
            "placeholder": None,
        }
        return {"gallery_id": parsed.gallery_id, "photo_id": parsed.photo_id, **item}, 0
    renditions = _write_renditions(blobs, parsed, result)
    item = {
        "status": STATUS_PROCESSED,
        "error": None,
        **result.record,
        "original": {**result.record["original"], **original},
        "renditions": renditions,
    }
    bytes_out = sum(rendition["bytes"] for rendition in renditions.values())
    return {"gallery_id": parsed.gallery_id, "photo_id": parsed.photo_id, **item}, bytes_out


def _write_renditions(
    blobs: BlobStore, parsed: OriginalKey, result: ProcessResult
) -> dict[str, dict[str, Any]]:
    written = {}
    for name, rendition in result.renditions.items():
        key = rendition_key(parsed.gallery_id, parsed.photo_id, name, rendition.extension)
        blobs.put(
            key, rendition.data, content_type=rendition.content_type, cache_control=CACHE_CONTROL
        )
        written[name] = {
            "key": key,
            "width": rendition.width,
            "height": rendition.height,
            "bytes": len(rendition.data),
            "format": rendition.format,
            "content_type": rendition.content_type,
        }
    return written


def _bookkeeping(
    event: EventInfo,
    ordering: Ordering,
    existing: dict[str, Any] | None,
    info: ObjectInfo,
    now: datetime | None,
) -> dict[str, Any]:
    stamp = isoformat(now or utc_now())
    if event.is_render and not event.etag:
        event = dataclasses.replace(event, etag=info.etag)
    return {
        "created_at": (existing or {}).get("created_at") or stamp,
        "updated_at": stamp,
        "processed_at": stamp,
        "event": event.as_record(order=ordering.event_order),
        "processor_version": PROCESSOR_VERSION,
        "render_revision": ordering.render_revision,
    }
