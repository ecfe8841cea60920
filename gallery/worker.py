"""The local mode's processing worker: a loop that claims LocalJob rows and processes them.

`manage.py process_jobs` runs one in its own process (`make run` starts several); in a web
process it runs as a thread (`PROOFSHEET_LOCAL_WORKER`), and tests drive it directly.
"""

import logging

from core.background import BackgroundLoop

from .local_queue import job_claim, job_release, job_run

logger = logging.getLogger(__name__)


class LocalWorker(BackgroundLoop):
    thread_name = "proofsheet-worker"

    def work(self) -> bool:
        job = job_claim()
        if job is None:
            return False
        try:
            job_run(job)
        except Exception:
            # A fault outside the image (disk, database): the job stays queued and is
            # tried again, up to MAX_ATTEMPTS, as Lambda retries an event.
            logger.exception("local processing failed for %s", job.key)
            job_release(job)
        return True


_worker = LocalWorker()


def get_worker() -> LocalWorker:
    return _worker
