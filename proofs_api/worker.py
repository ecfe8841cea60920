"""The local mode's webhook sender: one thread that sends due deliveries.

Deliveries are rows, so what was due when the process stopped is sent after a restart.
"""

from core.background import BackgroundLoop

from . import services


class DeliveryWorker(BackgroundLoop):
    thread_name = "proofsheet-webhooks"

    def __init__(self, *, poll_seconds: float = 5.0):
        super().__init__(poll_seconds=poll_seconds)

    def work(self) -> bool:
        return bool(services.deliveries_send_due())


_worker = DeliveryWorker()


def get_worker() -> DeliveryWorker:
    return _worker
