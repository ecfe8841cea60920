"""One original -> renditions + item, through the storage protocols.

Called by the Lambda handler (S3 and DynamoDB adapters) and by the web side's
local-mode worker (its own adapters). Permanent problems with the image are
recorded as a failed item; storage errors propagate so that the caller retries.
Originals are only ever read.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from .decode import check_size
from .errors import ImageRejected
from .events import EventInfo
from .options import Options
from .pipeline import ProcessResult, process
from .ports import BlobStore, ObjectInfo, RecordTable
from .records import (
    PROCESSOR_VERSION,
    RENDER_ORDER,
    STATUS_FAILED,
    STATUS_PROCESSED,
    Ordering,
    OriginalKey,
    is_newer,
    isoformat,
    item_ordering,
    parse_original_key,
    rendition_key,
    utc_now,
)

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

    settings = table.get_gallery_settings(parsed.gallery_id) or {}
    options = options.with_gallery_settings(settings)
    existing = table.get(parsed.gallery_id, parsed.photo_id)
    ordering = Ordering(_order(event, existing), int(settings.get("revision") or 0))
    if not is_newer(ordering, existing):
        return Outcome(key, SKIPPED, "already processed for this or a newer event")

    info = blobs.head(key)
    if info is None:
        return Outcome(key, MISSING, "the original no longer exists")

    result: ProcessResult | None = None
    try:
        check_size(info.size, options.max_bytes)  # before downloading anything
        result = process(blobs.get(key), options)
    except ImageRejected as exc:
        item = _item(parsed, key, info, event, ordering, existing, now, error=exc.reason)
        bytes_out = 0
    else:
        renditions = _write_renditions(blobs, parsed, result)
        item = _item(parsed, key, info, event, ordering, existing, now, result=result)
        item["renditions"] = renditions
        bytes_out = sum(rendition["bytes"] for rendition in renditions.values())

    if not table.put(item, only_if_newer_than=ordering):
        return Outcome(key, STALE, "a newer version was stored meanwhile", info.size, bytes_out)
    return Outcome(key, item["status"], item["error"], info.size, bytes_out, item)


def _order(event: EventInfo, existing: dict[str, Any] | None) -> str:
    if event.is_render:
        # A re-render is about the object already recorded: keep its place in
        # the event order, so only the gallery revision decides.
        stored = item_ordering(existing)
        return stored.event_order if stored else RENDER_ORDER
    return event.order


def _write_renditions(
    blobs: BlobStore, parsed: OriginalKey, result: ProcessResult
) -> dict[str, dict[str, Any]]:
    written = {}
    for name, rendition in result.renditions.items():
        key = rendition_key(parsed.gallery_id, parsed.photo_id, name, "jpg")
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


def _item(
    parsed: OriginalKey,
    key: str,
    info: ObjectInfo,
    event: EventInfo,
    ordering: Ordering,
    existing: dict[str, Any] | None,
    now: datetime | None,
    *,
    result: ProcessResult | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    stamp = isoformat(now or utc_now())
    record = result.record if result else {}
    original = {"width": None, "height": None, "format": None, "mode": None}
    original.update(record.get("original", {}))
    original.update(
        {"key": key, "filename": parsed.filename, "bytes": info.size, "etag": info.etag}
    )
    if event.is_render and not event.etag:
        event = dataclasses.replace(event, etag=info.etag)
    return {
        "gallery_id": parsed.gallery_id,
        "photo_id": parsed.photo_id,
        "status": STATUS_PROCESSED if result else STATUS_FAILED,
        "error": error,
        "original": original,
        "renditions": {},
        "size_reduction": record.get("size_reduction"),
        "exif": record.get("exif"),
        "placeholder": record.get("placeholder"),
        "created_at": (existing or {}).get("created_at") or stamp,
        "updated_at": stamp,
        "processed_at": stamp,
        "event": event.as_record(order=ordering.event_order),
        "processor_version": PROCESSOR_VERSION,
        "render_revision": ordering.render_revision,
    }
