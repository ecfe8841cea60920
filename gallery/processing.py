"""Turning originals into renditions: the Lambda on AWS, the local worker here.

Both run `lambda_processor.processor.process_original`; only the storage, the table and
the way work is handed over differ.
"""

import json
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from lambda_processor import records as schema
from lambda_processor.events import RENDER_EVENT_NAME
from lambda_processor.options import Options
from lambda_processor.processor import process_original

from . import aws, blobs, events
from .models import LocalJob, Photo
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
    Photo.objects.filter(original_key__in=keys).update(last_outcome="")
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
    if outcome.item:
        outcome_received(
            gallery_id=outcome.item["gallery_id"],
            photo_id=outcome.item["photo_id"],
            status=outcome.status,
            error=outcome.reason,
        )
    return outcome


def outcome_received(*, gallery_id: str, photo_id: str, status: str, error: str | None) -> None:
    """Tells integrations that a photo failed, and when a gallery has nothing left to process.

    Locally the worker calls this; on AWS the processor's outcome messages reach it through
    `consume_outcome_event`.
    """
    if status not in (schema.STATUS_PROCESSED, schema.STATUS_FAILED):
        return
    photo = (
        Photo.objects.select_related("gallery__owner")
        .filter(pk=photo_id, gallery_id=gallery_id)
        .first()
    )
    if photo is None:
        return  # deleted meanwhile
    Photo.objects.filter(pk=photo.pk).update(last_outcome=status)
    gallery = photo.gallery
    if status == schema.STATUS_FAILED:
        events.emit(
            owner=gallery.owner,
            name="photo.failed",
            payload={
                "gallery": gallery.pk,
                "photo": photo.pk,
                "filename": photo.filename,
                "error": error or "",
            },
        )
    counts = gallery.photos.aggregate(
        waiting=Count("pk", filter=Q(last_outcome="", upload_state=Photo.UploadState.UPLOADED)),
        processed=Count("pk", filter=Q(last_outcome=schema.STATUS_PROCESSED)),
        failed=Count("pk", filter=Q(last_outcome=schema.STATUS_FAILED)),
    )
    if not counts.pop("waiting"):
        events.emit(
            owner=gallery.owner,
            name="gallery.processed",
            payload={"gallery": gallery.pk, "title": gallery.title, **counts},
        )


def pending_jobs():
    return LocalJob.objects.filter(finished_at__isnull=True, attempts__lt=MAX_ATTEMPTS).order_by(
        "id"
    )


def local_worker_enabled() -> bool:
    return settings.PROOFSHEET_MODE == "local" and settings.PROOFSHEET_LOCAL_WORKER


def consume_outcome_event(event: dict, context=None) -> int:
    """AWS: the web stage's function for the processor's outcome queue (an SQS event).

    Zappa has set Django up before it calls this. Returns how many outcomes were taken.
    """
    taken = 0
    for record in event.get("Records", []):
        try:
            body = json.loads(record.get("body") or "")
        except ValueError:
            logger.warning("ignored an outcome message that is not JSON")
            continue
        if body.get("proofsheet") != "outcome":
            continue
        outcome_received(
            gallery_id=str(body.get("gallery_id", "")),
            photo_id=str(body.get("photo_id", "")),
            status=str(body.get("status", "")),
            error=body.get("error"),
        )
        taken += 1
    return taken
