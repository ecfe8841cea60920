"""The local mode's in-process worker: one thread that drains the LocalJob queue.

Jobs are rows, so work queued before a stop is picked up when the process starts again.
"""

import logging
import threading

from django.db import close_old_connections

from .processing import local_worker_enabled, pending_jobs, run_local_job

logger = logging.getLogger(__name__)


class LocalWorker:
    def __init__(self, *, poll_seconds: float = 2.0):
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="proofsheet-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30) -> None:
        """Stops after the job in hand; queued jobs stay queued for the next start."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    def wake(self) -> None:
        self._wake.set()

    def run_pending(self) -> int:
        """Runs queued jobs until none is left or a stop is asked for; returns how many ran."""
        done = 0
        while not self._stop.is_set():
            job = pending_jobs().first()
            if job is None:
                break
            try:
                run_local_job(job)
            except Exception:
                # A fault outside the image (disk, database): the job stays queued and is
                # tried again, up to MAX_ATTEMPTS, as Lambda retries an event.
                logger.exception("local processing failed for %s", job.key)
            done += 1
        return done

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_pending()
            finally:
                close_old_connections()
            self._wake.wait(self.poll_seconds)
            self._wake.clear()


_worker = LocalWorker()


def get_worker() -> LocalWorker:
    return _worker


def wake() -> None:
    if _worker.running:
        _worker.wake()


def start_if_enabled() -> None:
    if local_worker_enabled():
        _worker.start()
