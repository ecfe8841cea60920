"""Webhook deliveries leave the request path here.

- On AWS (inside a Lambda), `deliver_in_background` is a Zappa task: calling it invokes
  the worker function asynchronously (`gallery.tasks.worker_task`), so the request that
  emitted the event answers at once. Deliveries still due later (retries) are sent by
  `deliver_due_webhooks`, which a Zappa `events` schedule calls every minute (worker).
- Locally, a delivery thread (`worker.DeliveryWorker`) sends them, as the local worker
  processes photos; `manage.py deliver_webhooks` sweeps by hand or from cron.
- With neither (tests, or the worker turned off), deliveries wait for a sweep.
"""

import logging
import os

from gallery.tasks import worker_task

from . import services

logger = logging.getLogger(__name__)


def on_lambda() -> bool:
    # The Lambda runtime's own variable, not configuration: the test Zappa's task makes.
    return bool(os.environ.get("AWS_LAMBDA_FUNCTION_NAME"))


def send_soon(delivery_ids: list[str]) -> None:
    """Called once the transaction that recorded the deliveries has committed."""
    if on_lambda():
        try:
            deliver_in_background(list(delivery_ids))
        except Exception:
            # The schedule's sweep sends them within a minute; the event is not lost.
            logger.exception("Could not start the delivery task for %s", delivery_ids)
        return
    from .worker import local_delivery_enabled, start_and_wake

    if local_delivery_enabled():
        start_and_wake()


@worker_task
def deliver_in_background(delivery_ids: list[str]) -> int:
    return services.deliveries_send(delivery_ids=delivery_ids)


def deliver_due_webhooks(event=None, context=None) -> int:
    """Zappa's scheduled entry point (`events` in zappa_settings.json): one retry sweep."""
    return services.deliveries_send_due()
