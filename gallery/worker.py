"""The local mode's processing worker: one thread that drains the LocalJob queue."""

import logging

from .background import BackgroundLoop
from .processing import local_worker_enabled, pending_jobs, run_local_job

logger = logging.getLogger(__name__)


class LocalWorker(BackgroundLoop):
    thread_name = "proofsheet-worker"

    def work(self) -> bool:
        job = pending_jobs().first()
        if job is None:
            return False
        try:
            run_local_job(job)
        except Exception:
            # A fault outside the image (disk, database): the job stays queued and is
            # tried again, up to MAX_ATTEMPTS, as Lambda retries an event.
            logger.exception("local processing failed for %s", job.key)
        return True


_worker = LocalWorker()


def get_worker() -> LocalWorker:
    return _worker


def wake() -> None:
    if _worker.running:
        _worker.wake()


def start_if_enabled() -> None:
    if local_worker_enabled():
        _worker.start()
