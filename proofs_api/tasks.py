"""Webhook deliveries off the request path, as Zappa calls them on AWS.

- `deliver_in_background` is a worker task (`gallery.dispatch.tasks.worker_task`): the aws
  dispatcher's `run_task` calls it, and inside Lambda that invokes the worker function
  asynchronously, so the request that emitted the event answers at once. Deliveries still
  due later (retries) are sent by `deliver_due_webhooks`, which a Zappa `events` schedule
  calls every minute in the worker.
- Locally the same `run_task` wakes the delivery thread (`worker.DeliveryWorker`), as the
  local worker processes photos; `manage.py deliver_webhooks` sweeps by hand or from cron.
  With the worker turned off (tests), deliveries wait for a sweep.
"""

from gallery.dispatch.tasks import worker_task

from . import services


@worker_task
def deliver_in_background(delivery_ids: list[str]) -> int:
    return services.deliveries_send(delivery_ids=delivery_ids)


def deliver_due_webhooks(event=None, context=None) -> int:  # noqa: ARG001 (Zappa's signature)
    """Zappa's scheduled entry point (`events` in zappa_settings.json): one retry sweep."""
    return services.deliveries_send_due()
