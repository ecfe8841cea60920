"""The lost-uploads sweep: asks for a render of every original that has no outcome yet a
while after it was uploaded, so no photo stays "processing" for good.

An upload's event can be lost for any reason (a notification gap, a message that reached
the dead-letter queue, a function that was not wired): the record then stays missing, or
"processing" as the web wrote it. A schedule (`deploy.zappa_config`) calls
`requeue_lost` in the processor's function; it lists `originals/`, and for each original
uploaded between LOST_AFTER and GIVE_UP_AFTER ago without a processed or failed record it
sends a render request to the render queue, which the processor consumes. Processing is
idempotent, so a request for a photo whose event was only late does no harm.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from . import aws, records
from .adapters import DynamoRecordTable
from .records import ORIGINALS_PREFIX, STATUS_FAILED, STATUS_PROCESSED, parse_original_key, utc_now

logger = logging.getLogger("proofsheet.processor")

# Longer than an upload takes to be processed even behind a burst (the ingest queue holds
# what waits), short enough that a photographer sees a lost photo appear the same hour.
LOST_AFTER = timedelta(minutes=30)
# Past this an original is not asked for again: its requests failed every retry, and the
# dead-letter queue (and its alarm) has them. It bounds the work of each sweep.
GIVE_UP_AFTER = timedelta(days=2)
FINAL = {STATUS_PROCESSED, STATUS_FAILED}


def lost_originals(*, bucket: str, table: DynamoRecordTable, now: datetime) -> Iterator[str]:
    """Keys of originals uploaded in the sweep's window that have no final record."""
    pages = (
        aws.s3().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=ORIGINALS_PREFIX)
    )
    for page in pages:
        for stored in page.get("Contents", []):
            if not LOST_AFTER <= now - stored["LastModified"] <= GIVE_UP_AFTER:
                continue
            parsed = parse_original_key(stored["Key"])
            if parsed is None:
                continue  # the processor ignores it too
            record = table.get(parsed.gallery_id, parsed.photo_id)
            if record is None or record.get("status") not in FINAL:
                yield stored["Key"]


def requeue(keys: list[str], *, queue_url: str) -> None:
    for body in records.render_messages(keys):
        aws.client("sqs").send_message(QueueUrl=queue_url, MessageBody=json.dumps(body))


def requeue_lost(event: dict[str, Any] | None = None, context: Any = None) -> int:  # noqa: ARG001 (Zappa's signature)
    """Zappa's scheduled entry point; returns how many originals were asked for again."""
    keys = list(
        lost_originals(
            bucket=_required("PROOFSHEET_BUCKET"),
            table=DynamoRecordTable(_required("PROOFSHEET_TABLE")),
            now=utc_now(),
        )
    )
    requeue(keys, queue_url=_required("PROOFSHEET_RENDER_QUEUE_URL"))
    logger.info(json.dumps({"sweep": "lost uploads", "requeued": len(keys), "keys": keys[:20]}))
    return len(keys)


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set")
    return value
