"""Local mode's processing queue: `LocalJob` rows, each processed exactly as the Lambda
would process the S3 event, by `lambda_processor.processor.process_original`.

Several workers (threads or processes) drain it at once: each takes a job with one
conditional UPDATE that only succeeds while nobody else's claim holds, and holds it for a
lease. A worker that dies holding a claim loses it when the lease runs out (or at once when
`job_claims_release` is told it died); the job is then taken again, as Lambda retries an
event, and counts as an attempt each time.
"""

import os
import socket
import uuid
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
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


def worker_name(pid: int | None = None) -> str:
    """Who holds a claim: this machine and process (`job_claims_release` matches on it)."""
    return f"{socket.gethostname()}:{pid or os.getpid()}"


def job_claim(*, worker: str | None = None) -> LocalJob | None:
    """Takes the oldest pending job nobody holds, for `PROOFSHEET_LOCAL_JOB_LEASE_SECONDS`,
    and counts the attempt; None when there is none to take."""
    token = f"{worker or worker_name()}/{uuid.uuid4().hex[:12]}"
    for _race in range(5):
        now = timezone.now()
        free = pending_jobs().filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        oldest = free.values_list("id", flat=True).first()
        if oldest is None:
            return None
        # The conditions are checked again by the UPDATE itself, so of two workers that
        # saw the same job free, one gets it and the other tries the next.
        taken = free.filter(id=oldest).update(
            claimed_by=token,
            claimed_until=now + timedelta(seconds=settings.PROOFSHEET_LOCAL_JOB_LEASE_SECONDS),
            attempts=F("attempts") + 1,
        )
        if taken:
            return LocalJob.objects.get(id=oldest)
    return None


def job_release(job: LocalJob) -> None:
    """Gives up a claim without finishing the job, so any worker may take it again now."""
    LocalJob.objects.filter(id=job.id, claimed_by=job.claimed_by).update(claimed_until=None)


def job_claims_release(*, worker: str) -> int:
    """Frees every unfinished claim of a worker known to be dead (its supervisor saw it
    exit), rather than waiting for the leases to run out."""
    return LocalJob.objects.filter(
        finished_at__isnull=True, claimed_by__startswith=f"{worker}/"
    ).update(claimed_until=None)


def job_run(job: LocalJob):
    """Processes one claimed job exactly as the Lambda would, then marks it done."""
    # Here, not at the top: the image pipeline (Pillow and its plugins) is local mode's
    # alone, and the web and worker functions on AWS import this module at start-up
    # (gallery.worker, from the app's ready()) without ever running a job.
    from lambda_processor.processor import process_original

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
    job.claimed_until = None
    job.save(update_fields=["finished_at", "outcome", "claimed_until"])
    if outcome.item:
        outcome_received(
            gallery_id=outcome.item["gallery_id"],
            photo_id=outcome.item["photo_id"],
            status=outcome.status,
            error=outcome.reason,
        )
    return outcome
