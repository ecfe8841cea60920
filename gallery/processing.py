"""Turning originals into renditions: the Lambda on AWS, the local worker here.

Both run `lambda_processor.processor.process_original`; only the storage, the table and
the way work is handed over differ.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lambda_processor.events import RENDER_EVENT_NAME
from lambda_processor.options import Options
from lambda_processor.processor import process_original

from . import aws, blobs
from .models import LocalJob
from .records import record_table

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def enqueue_local(*, key: str, event_name: str = "ObjectCreated:Post") -> LocalJob:
    """Queues `key` for the local worker; the job survives a restart until it is done."""
    job = LocalJob.objects.create(key=key, event_name=event_name)
    transaction.on_commit(_wake_worker)
    return job


def _wake_worker() -> None:
    from .worker import wake

    wake()


def request_render(*, keys: list[str]) -> None:
    """Re-renders existing originals (a new watermark, or a retry after a failure)."""
    if blobs.is_aws():
        aws.send_render_request(keys=keys)
        return
    for key in keys:
        enqueue_local(key=key, event_name=RENDER_EVENT_NAME)


def run_local_job(job: LocalJob):
    """Processes one queued key exactly as the Lambda would, then marks the job done."""
    job.attempts += 1
    job.save(update_fields=["attempts"])
    # The job id orders events for one key, as S3's sequencer does on AWS.
    event = {
        "name": job.event_name,
        "time": job.enqueued_at.isoformat(),
        "etag": "",
        "sequencer": f"{job.pk:016X}",
    }
    outcome = process_original(
        key=job.key,
        blobs=blobs.LocalBlobStore(),
        table=record_table(),
        event=event,
        options=Options.from_env(),
    )
    job.finished_at = timezone.now()
    job.outcome = outcome.status
    job.save(update_fields=["finished_at", "outcome"])
    return outcome


def pending_jobs():
    return LocalJob.objects.filter(finished_at__isnull=True, attempts__lt=MAX_ATTEMPTS).order_by(
        "id"
    )


def local_worker_enabled() -> bool:
    return settings.PROOFSHEET_MODE == "local" and settings.PROOFSHEET_LOCAL_WORKER
