"""Locally, a thread sends deliveries: the request that caused them does not wait."""

import threading

from core import background
from gallery.dispatch import dispatcher
from proofs_api import services, webhooks, worker
from proofs_api.models import Delivery


def test_a_test_delivery_is_sent_by_the_worker_thread_not_the_request(
    delivery_worker, api, photographer, receiver, allow_local_webhooks, wait_for, monkeypatch
):
    listening = receiver()
    webhook, secret = services.webhook_create(
        owner=photographer, url=listening.url, events=["photo.failed"]
    )
    senders = []
    real_post = webhooks.post

    def post(**kwargs):
        senders.append(threading.current_thread().name)
        return real_post(**kwargs)

    monkeypatch.setattr(webhooks, "post", post)

    answer = api.post(f"/api/webhooks/{webhook.pk}/ping/")
    assert answer.status_code == 202
    assert answer.json()["event"] == "ping"

    delivered = wait_for(
        lambda: Delivery.objects.filter(pk=answer.json()["id"], state="succeeded").first(),
        timeout=20,
    )
    assert delivered.attempt_count == 1
    assert senders == ["proofsheet-webhooks"]
    [request] = listening.received
    headers = request["headers"]
    assert webhooks.verify_signature(
        secret=secret,
        body=request["body"],
        timestamp=headers["X-Proofsheet-Timestamp"],
        signature=headers["X-Proofsheet-Signature"],
    )


def test_deliveries_due_before_a_restart_are_sent_after_it(
    settings, photographer, receiver, allow_local_webhooks, wait_for, transactional_db, monkeypatch
):
    settings.PROOFSHEET_LOCAL_WORKER = False  # stopped: the event is recorded, not sent
    listening = receiver()
    webhook, _ = services.webhook_create(
        owner=photographer, url=listening.url, events=["photo.failed"]
    )
    delivery = services.delivery_ping(webhook=webhook)
    assert Delivery.objects.get(pk=delivery.pk).state == Delivery.State.PENDING

    settings.PROOFSHEET_LOCAL_WORKER = True
    restarted = worker.DeliveryWorker(poll_seconds=0.2)
    # A new process: its only loop is the delivery thread, started as config.wsgi does.
    monkeypatch.setattr(background, "_loops", {restarted: (services.DELIVERY_TASK,)})
    try:
        dispatcher().start_background()
        wait_for(lambda: Delivery.objects.get(pk=delivery.pk).state == "succeeded", timeout=20)
    finally:
        restarted.stop()
    assert len(listening.received) == 1
