"""Outcome messages for the web side: sent when a photo is processed or fails, not else."""

from __future__ import annotations

import json

import boto3
import pytest

from lambda_processor.handler import handle

from .test_handler import KEY, PHOTO


@pytest.fixture
def outcome_queue(mocked_aws, monkeypatch):
    url = boto3.client("sqs").create_queue(QueueName="proofsheet-outcomes")["QueueUrl"]
    monkeypatch.setenv("PROOFSHEET_OUTCOME_QUEUE_URL", url)
    return url


def received(queue_url: str) -> list[dict]:
    sqs = boto3.client("sqs")
    messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)
    return [json.loads(m["Body"]) for m in messages.get("Messages", [])]


def test_a_processed_photo_is_announced(outcome_queue, put_original, aws_put_event, landscape):
    etag = put_original(KEY, landscape[1])
    handle(aws_put_event(KEY, etag=etag), None)
    assert received(outcome_queue) == [
        {
            "proofsheet": "outcome",
            "gallery_id": PHOTO[0],
            "photo_id": PHOTO[1],
            "status": "processed",
            "error": None,
        }
    ]


def test_a_failed_photo_is_announced_with_its_reason(outcome_queue, put_original, aws_put_event):
    etag = put_original(KEY, b"plain text, not a photo\n" * 30)
    handle(aws_put_event(KEY, etag=etag), None)
    [message] = received(outcome_queue)
    assert message["status"] == "failed"
    assert message["error"].startswith("This file is not an image we can read")


def test_duplicates_and_ignored_keys_are_not_announced(
    outcome_queue, put_original, aws_put_event, landscape
):
    etag = put_original(KEY, landscape[1])
    event = aws_put_event(KEY, etag=etag)
    handle(event, None)
    received(outcome_queue)  # the first delivery's message
    handle(event, None)  # the same event again: skipped
    handle(aws_put_event("renditions/gal-1/photo_1/thumb.jpg", etag=etag), None)
    assert received(outcome_queue) == []


def test_without_a_queue_nothing_is_sent(mocked_aws, put_original, aws_put_event, landscape):
    etag = put_original(KEY, landscape[1])
    assert handle(aws_put_event(KEY, etag=etag), None)["outcomes"] == {"processed": 1}
