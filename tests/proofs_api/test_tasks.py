"""Deliveries leave the request path: on Lambda through Zappa's asynchronous task (its
real message format, with the Lambda client faked), then a scheduled sweep for retries."""

import json

import pytest
import zappa.asynchronous

from core import events
from proofs_api import services, tasks
from proofs_api.models import Delivery


class FakeLambdaClient:
    """Stands in for boto3's Lambda client inside Zappa's task dispatch."""

    def __init__(self, fail: bool = False):
        self.invocations: list[dict] = []
        self.fail = fail

    def invoke(self, **call):
        if self.fail:
            raise ConnectionError("Lambda is unreachable")
        self.invocations.append(call)
        return {"StatusCode": 202}


@pytest.fixture
def on_lambda(monkeypatch, settings):
    """The web function in aws mode, as Zappa deploys it: one rule decides, the mode."""
    settings.PROOFSHEET_MODE = "aws"
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "proofsheet-web")
    monkeypatch.setenv("AWS_REGION", "eu-west-1")

    def use(client: FakeLambdaClient) -> FakeLambdaClient:
        monkeypatch.setattr(zappa.asynchronous, "LAMBDA_CLIENT", client, raising=False)
        return client

    return use


@pytest.fixture
def hook(photographer, receiver, allow_local_webhooks):
    listening = receiver()
    webhook, _secret = services.webhook_create(
        owner=photographer, url=listening.url, events=["gallery.processed"]
    )
    return webhook, listening


def emit_committed(photographer, capture):
    with capture(execute=True):
        events.emit(owner=photographer, name="gallery.processed", payload={"gallery_id": "g"})


def test_on_lambda_an_event_invokes_the_function_again_asynchronously(
    on_lambda, hook, photographer, django_capture_on_commit_callbacks
):
    lambda_client = on_lambda(FakeLambdaClient())
    webhook, listening = hook

    emit_committed(photographer, django_capture_on_commit_callbacks)

    [invocation] = lambda_client.invocations
    assert invocation["FunctionName"] == "proofsheet-web"
    assert invocation["InvocationType"] == "Event"
    assert listening.received == []  # nothing was sent while the request was answered

    # The invoked Lambda: its handler (config.lambda_commands) routes the message's `command`.
    message = json.loads(invocation["Payload"])
    assert message["command"] == "zappa.asynchronous.route_lambda_task"
    assert message["task_path"] == "proofs_api.tasks.deliver_in_background"
    zappa.asynchronous.route_lambda_task(message, None)

    assert len(listening.received) == 1
    assert Delivery.objects.get(webhook=webhook).state == Delivery.State.SUCCEEDED


def test_if_the_invoke_fails_the_scheduled_sweep_sends_it(
    on_lambda, hook, photographer, django_capture_on_commit_callbacks
):
    on_lambda(FakeLambdaClient(fail=True))
    webhook, listening = hook

    emit_committed(photographer, django_capture_on_commit_callbacks)
    assert Delivery.objects.get(webhook=webhook).state == Delivery.State.PENDING

    # What Zappa calls for the `events` schedule entry (with the scheduled event).
    sent = tasks.deliver_due_webhooks({"detail-type": "Scheduled Event"}, None)

    assert sent == 1
    assert len(listening.received) == 1
    assert Delivery.objects.get(webhook=webhook).state == Delivery.State.SUCCEEDED


def test_off_lambda_with_no_worker_deliveries_wait_for_a_sweep(
    hook, photographer, django_capture_on_commit_callbacks, settings
):
    settings.PROOFSHEET_LOCAL_WORKER = False
    webhook, listening = hook

    emit_committed(photographer, django_capture_on_commit_callbacks)

    assert listening.received == []
    assert Delivery.objects.get(webhook=webhook).state == Delivery.State.PENDING
