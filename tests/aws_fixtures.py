"""Moto helpers shared by the processor's tests and the web side's end-to-end tests.

Plain functions and context managers; each test package wraps them in fixtures.
"""

from __future__ import annotations

import copy
import json
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
import requests
from moto.server import ThreadedMotoServer

from lambda_processor.records import (
    TABLE_ATTRIBUTE_DEFINITIONS,
    TABLE_BILLING_MODE,
    TABLE_KEY_SCHEMA,
)

REGION = "us-east-1"
EVENTS = Path(__file__).resolve().parent / "events"

FAKE_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
}


def fake_aws_env(monkeypatch: Any, *, endpoint_url: str | None = None) -> None:
    """Fake credentials and region; ``endpoint_url`` points every boto3 client at moto."""
    for name, value in FAKE_AWS_ENV.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)
    if endpoint_url:
        monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint_url)
    else:
        monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)


@contextmanager
def moto_server() -> Iterator[str]:
    """A moto server on 127.0.0.1 and a free port; yields its endpoint URL."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    # moto keeps its state per process, not per server: start and leave every test clean.
    requests.post(f"{endpoint}/moto-api/reset", timeout=10).raise_for_status()
    try:
        yield endpoint
    finally:
        requests.post(f"{endpoint}/moto-api/reset", timeout=10)
        server.stop()


def bootstrap_for_moto(names: Any) -> None:
    """Runs bootstrap as a deployment has run it, for callers that then put and get objects.

    moto applies a bucket policy's Deny without its condition ("Conditions are not taken
    into account", moto.s3.models), so over moto the TLS-only statement refuses every object
    request, TLS or not. It is removed here; test_bootstrap reads it back as written."""
    from deploy import bootstrap

    bootstrap.run(names)
    boto3.client("s3", region_name=names.aws_region).delete_bucket_policy(Bucket=names.bucket)


def create_render_queue(*, endpoint_url: str | None = None, name: str = "proofsheet-render") -> str:
    """The render queue the web side sends re-render requests to (a watermark change, a
    release); returns its URL."""
    sqs = boto3.client("sqs", region_name=REGION, endpoint_url=endpoint_url)
    return sqs.create_queue(QueueName=name)["QueueUrl"]


def create_bucket_and_table(
    *,
    bucket: str,
    table: str,
    output_bucket: str | None = None,
    endpoint_url: str | None = None,
) -> None:
    """The processor's resources, with the table definition the deployment uses."""
    s3 = boto3.client("s3", region_name=REGION, endpoint_url=endpoint_url)
    for name in {bucket, output_bucket or bucket}:
        s3.create_bucket(Bucket=name)
    dynamodb = boto3.client("dynamodb", region_name=REGION, endpoint_url=endpoint_url)
    dynamodb.create_table(
        TableName=table,
        KeySchema=TABLE_KEY_SCHEMA,
        AttributeDefinitions=TABLE_ATTRIBUTE_DEFINITIONS,
        BillingMode=TABLE_BILLING_MODE,
    )
    dynamodb.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 1})


def create_notified_queue(
    *, bucket: str, queue: str, prefix: str = "originals/", endpoint_url: str | None = None
) -> tuple[str, str]:
    """An SQS queue that ``bucket`` notifies of ``s3:ObjectCreated:*`` under ``prefix``.

    Returns (queue URL, queue ARN). S3 first sends an ``s3:TestEvent`` to it.
    """
    sqs = boto3.client("sqs", region_name=REGION, endpoint_url=endpoint_url)
    url = sqs.create_queue(QueueName=queue)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    boto3.client(
        "s3", region_name=REGION, endpoint_url=endpoint_url
    ).put_bucket_notification_configuration(
        Bucket=bucket,
        NotificationConfiguration={
            "QueueConfigurations": [
                {
                    "Id": "originals-created",
                    "QueueArn": arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": prefix}]}},
                }
            ]
        },
    )
    return url, arn


def receive_until(
    queue_url: str,
    done: Callable[[list[dict[str, Any]]], bool],
    *,
    timeout: float = 20.0,
    endpoint_url: str | None = None,
) -> list[dict[str, Any]]:
    """Receive (and delete) messages until ``done(messages)`` or the deadline; long
    polling waits for the condition, no sleeping."""
    sqs = boto3.client("sqs", region_name=REGION, endpoint_url=endpoint_url)
    messages: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while not done(messages):
        if time.monotonic() > deadline:
            raise TimeoutError(f"condition not met; received {len(messages)} message(s)")
        batch = sqs.receive_message(
            QueueUrl=queue_url,
            MaxNumberOfMessages=10,
            WaitTimeSeconds=1,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        for message in batch:
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
        messages.extend(batch)
    return messages


def drain(queue_url: str, *, endpoint_url: str | None = None) -> list[dict[str, Any]]:
    """Receive (and delete) whatever is in the queue now, without waiting."""
    sqs = boto3.client("sqs", region_name=REGION, endpoint_url=endpoint_url)
    messages: list[dict[str, Any]] = []
    while batch := sqs.receive_message(
        QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0, AttributeNames=["All"]
    ).get("Messages", []):
        for message in batch:
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
        messages.extend(batch)
    return messages


def load_event(name: str) -> dict[str, Any]:
    """A fresh copy of ``tests/events/<name>.json``."""
    return copy.deepcopy(json.loads((EVENTS / f"{name}.json").read_text()))


def lambda_sqs_event(messages: list[dict[str, Any]], *, queue_arn: str) -> dict[str, Any]:
    """The event Lambda's SQS event source mapping builds from received messages."""
    template = load_event("sqs_lambda_event")["Records"][0]
    records = []
    for message in messages:
        record = copy.deepcopy(template)
        record.update(
            messageId=message["MessageId"],
            receiptHandle=message["ReceiptHandle"],
            body=message["Body"],
            attributes=message.get("Attributes", {}),
            messageAttributes=message.get("MessageAttributes", {}),
            md5OfBody=message["MD5OfBody"],
            eventSourceARN=queue_arn,
            awsRegion=queue_arn.split(":")[3],
        )
        records.append(record)
    return {"Records": records}
