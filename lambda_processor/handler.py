"""The Lambda entry point: event -> targets -> ``process_original`` -> one log line each.

Environment: ``PROOFSHEET_BUCKET`` (originals), ``PROOFSHEET_OUTPUT_BUCKET``
(renditions; defaults to the originals bucket), ``PROOFSHEET_TABLE``,
``AWS_REGION``, and the ``PROOFSHEET_*`` processing options (``options.py``).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
from collections import Counter
from typing import Any

from . import outcomes as outcomes_queue
from .adapters import DynamoRecordTable, S3BlobStore
from .events import Target, targets
from .options import Options
from .processor import IGNORED, Outcome, process_original

logger = logging.getLogger("proofsheet.processor")
logger.setLevel(logging.INFO)  # Lambda's root logger only passes WARNING by default


@dataclasses.dataclass(frozen=True)
class Runtime:
    bucket: str
    blobs: S3BlobStore
    table: DynamoRecordTable
    options: Options
    outcome_queue_url: str | None = None

    @classmethod
    def from_env(cls) -> Runtime:
        # Cheap to build per invocation; the boto3 clients behind it are cached.
        bucket = _required("PROOFSHEET_BUCKET")
        return cls(
            bucket=bucket,
            blobs=S3BlobStore(bucket, os.environ.get("PROOFSHEET_OUTPUT_BUCKET") or None),
            table=DynamoRecordTable(_required("PROOFSHEET_TABLE")),
            options=Options.from_env(),
            outcome_queue_url=os.environ.get("PROOFSHEET_OUTCOME_QUEUE_URL") or None,
        )


def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
    runtime = Runtime.from_env()
    outcomes: Counter[str] = Counter()
    for target in targets(event):
        started = time.perf_counter()
        try:
            outcome = run(target, runtime)
            outcomes_queue.publish(outcome, queue_url=runtime.outcome_queue_url)
        except Exception as exc:
            # logged as a record like the others, then raised so that Lambda retries
            fields = {"key": target.key, "outcome": "error", "reason": repr(exc)}
            logger.error(json.dumps({**fields, "event": target.event.name, "ms": _ms(started)}))
            raise
        fields = {**outcome.log_fields(), "event": target.event.name, "ms": _ms(started)}
        logger.info(json.dumps(fields))
        outcomes[outcome.status] += 1
    return {"records": sum(outcomes.values()), "outcomes": dict(outcomes)}


def run(target: Target, runtime: Runtime) -> Outcome:
    if target.skip_reason:
        return Outcome(target.key, IGNORED, target.skip_reason)
    if target.bucket not in (None, runtime.bucket):
        return Outcome(target.key, IGNORED, f"bucket {target.bucket} is not {runtime.bucket}")
    return process_original(
        key=target.key or "",
        blobs=runtime.blobs,
        table=runtime.table,
        event=target.event,
        options=runtime.options,
    )


def _ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set")
    return value
