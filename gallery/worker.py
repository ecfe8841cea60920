"""The local mode's processing worker: one thread that drains the LocalJob queue."""

import logging

from core.background import BackgroundLoop

from .local_queue import job_run, pending_jobs

logger = logging.getLogger(__name__)


class LocalWorker(BackgroundLoop):
    thread_name = "proofsheet-worker"

    def work(self) -> bool:
        job = pending_jobs().first()
        if job is None:
            return False
        try:
            job_run(job)
        except Exception:
            # A fault outside the image (disk, database): the job stays queued and is
            # tried again, up to MAX_ATTEMPTS, as Lambda retries an event.
            logger.exception("local processing failed for %s", job.key)
        return True


_worker = LocalWorker()


def get_worker() -> LocalWorker:
    return _worker
