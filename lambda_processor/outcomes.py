"""Tells the web side what became of a photo, through an optional SQS queue.

The web stage takes these messages (`gallery.dispatch.aws.consume_outcome_event`) to notify
integrations: a photo that failed, a gallery with nothing left to process. Without
`PROOFSHEET_OUTCOME_QUEUE_URL` nothing is sent (local mode calls the web side directly).
"""

from __future__ import annotations

import json
from typing import Any

from . import aws
from .processor import Outcome
from .records import STATUS_FAILED, STATUS_PROCESSED
from .records import outcome_message as message_for


def outcome_message(outcome: Outcome) -> dict[str, Any] | None:
    """The message for an outcome worth telling; None for ignored, skipped or stale work."""
    if outcome.status not in (STATUS_PROCESSED, STATUS_FAILED) or not outcome.item:
        return None
    return message_for(
        gallery_id=outcome.item["gallery_id"],
        photo_id=outcome.item["photo_id"],
        status=outcome.status,
        error=outcome.item.get("error"),
    )


def publish(outcome: Outcome, *, queue_url: str | None) -> bool:
    message = outcome_message(outcome)
    if not queue_url or message is None:
        return False
    aws.client("sqs").send_message(QueueUrl=queue_url, MessageBody=json.dumps(message))
    return True
