"""Local mode's processing queue: `LocalJob` rows, each processed exactly as the Lambda
would process the S3 event, by `lambda_processor.processor.process_original`."""

from django.conf import settings
from django.utils import timezone

from lambda_processor.options import Options

from .models import LocalJob
from .outcomes import outcome_received
from .storage import storage

MAX_ATTEMPTS = 3
UPLOAD_EVENT_NAME = "ObjectCreated:Post"


def job_enqueue(*, key: str, event_name: str = UPLOAD_EVENT_NAME) -> LocalJob:
    """Queues `key`; the job survives a restart until it is done."""
    return LocalJob.objects.create(key=key, event_name=event_name)


def pending_jobs():
    return LocalJob.objects.filter(finished_at__isnull=True, attempts__lt=MAX_ATTEMPTS).order_by(
        "id"
    )


def job_run(job: LocalJob):
    """Processes one queued key exactly as the Lambda would, then marks the job done."""
    # Here, not at the top: the image pipeline (Pillow and its plugins) is local mode's
    # alone, and the web and worker functions on AWS import this module at start-up
    # (gallery.worker, from the app's ready()) without ever running a job.
    from lambda_processor.processor import process_original

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
        blobs=storage().blob_store(),
        table=storage().record_table(),
        event=event,
        options=Options.from_env(settings.PROOFSHEET_PROCESSOR_ENV),
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
