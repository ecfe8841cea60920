"""The local mode's webhook sender: one thread that sends due deliveries.

Deliveries are rows, so what was due when the process stopped is sent after a restart.
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections

from . import services

logger = logging.getLogger(__name__)


class DeliveryWorker:
    def __init__(self, *, poll_seconds: float = 5.0):
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        with self._lock:
            if self.running:
                return
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._loop, name="proofsheet-webhooks", daemon=True
            )
            self._thread.start()

    def stop(self, timeout: float = 30) -> None:
        """Stops after the delivery in hand; due deliveries stay due for the next start."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    def wake(self) -> None:
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                while not self._stop.is_set() and services.deliveries_send_due():
                    pass
            except Exception:
                logger.exception("The webhook sweep failed; trying again shortly")
            finally:
                close_old_connections()
            self._wake.wait(self.poll_seconds)


_worker = DeliveryWorker()


def get_worker() -> DeliveryWorker:
    return _worker


def local_delivery_enabled() -> bool:
    return settings.PROOFSHEET_LOCAL_WORKER


def start_and_wake() -> None:
    _worker.start()
    _worker.wake()


def start_if_enabled() -> None:
    """For the web process's start-up, beside `gallery.worker.start_if_enabled`."""
    if local_delivery_enabled():
        _worker.start()
