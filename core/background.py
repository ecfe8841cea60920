"""A daemon thread that drains work kept in database rows: local mode's stand-in for Lambda.

Since the work is rows, a stop loses nothing: the next start picks up what was left.
"""

import logging
import threading

from django.db import close_old_connections

logger = logging.getLogger(__name__)


class BackgroundLoop:
    thread_name = "proofsheet-background"
    # How long the loop waits between looks when nothing wakes it; a subclass sets its own.
    poll_seconds = 2.0

    def __init__(self, *, poll_seconds: float | None = None):
        if poll_seconds is not None:
            self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def work(self) -> bool:
        """Does one unit of work; False when there was none."""
        raise NotImplementedError

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        with self._lock:
            if self.running:
                return
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name=self.thread_name, daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 30) -> None:
        """Stops after the unit in hand; the rest stays queued for the next start."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    def wake(self) -> None:
        self._wake.set()

    def run_pending(self) -> int:
        """Works until nothing is left or a stop is asked for; returns how many units ran."""
        done = 0
        while not self._stop.is_set() and self.work():
            done += 1
        return done

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.run_pending()
            except Exception:
                logger.exception("%s failed; trying again shortly", self.thread_name)
            finally:
                close_old_connections()
            self._wake.wait(self.poll_seconds)


class PeriodicLoop(BackgroundLoop):
    """A loop for a sweep rather than a queue: one `run_once` each time it wakes (every
    `poll_seconds`), since what a run did is recorded and the next finds nothing new."""

    def run_once(self) -> None:
        raise NotImplementedError

    def work(self) -> bool:
        self.run_once()
        return False


# The loops of this process, each with the tasks whose work it drains (by task path), so
# the local dispatcher can start them all and wake the one that a task's work waits for.
_loops: dict[BackgroundLoop, tuple[str, ...]] = {}


def register(loop: BackgroundLoop, *, drains: tuple[str, ...] = ()) -> BackgroundLoop:
    _loops[loop] = drains
    return loop


def registered() -> list[BackgroundLoop]:
    return list(_loops)


def loop_for(task_path: str) -> BackgroundLoop | None:
    return next((loop for loop, paths in _loops.items() if task_path in paths), None)
