"""The lost-uploads sweep against a moto server: originals without an outcome a while after
their upload are asked for again through the render queue, and the processor then gives
each a record; nothing is asked for too early or for ever."""

from __future__ import annotations

from datetime import timedelta

import boto3
import pytest

from lambda_processor import sweep
from lambda_processor.adapters import DynamoRecordTable
from lambda_processor.handler import handle
from lambda_processor.records import utc_now
from tests.aws_fixtures import lambda_sqs_event, receive_until

from .conftest import BUCKET, TABLE

pytestmark = pytest.mark.e2e

LOST = "originals/gal-1/lost/never-notified.jpg"  # its event never came
PENDING = "originals/gal-1/pending/still-processing.jpg"  # the web's pending item only
DONE = "originals/gal-1/done/processed.jpg"
FAILED = "originals/gal-1/failed/not-an-image.jpg"


@pytest.fixture
def uploads(moto_aws, landscape, monkeypatch):
    """Four originals, a stray object, and the records the web and processor left."""
    s3 = boto3.client("s3")
    for key in (LOST, PENDING, DONE, FAILED, "originals/notes.txt"):
        s3.put_object(Bucket=BUCKET, Key=key, Body=landscape[1], ContentType="image/jpeg")
    s3.put_object(Bucket=BUCKET, Key="renditions/gal-1/done/proof.jpg", Body=b"rendition")
    table = DynamoRecordTable(TABLE)
    for photo, status in (("pending", "processing"), ("done", "processed"), ("failed", "failed")):
        table.put(
            {"gallery_id": "gal-1", "photo_id": photo, "status": status}, only_if_newer_than=None
        )
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="render")["QueueUrl"]
    monkeypatch.setenv("PROOFSHEET_RENDER_QUEUE_URL", url)
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    return table, url, arn["QueueArn"]


def test_only_originals_without_an_outcome_in_the_window_are_lost(uploads):
    table, _, _ = uploads

    def lost(after: timedelta) -> set[str]:
        return set(sweep.lost_originals(bucket=BUCKET, table=table, now=utc_now() + after))

    assert lost(timedelta(0)) == set()  # just uploaded: its event may still be on its way
    assert lost(sweep.LOST_AFTER + timedelta(minutes=5)) == {LOST, PENDING}
    assert lost(sweep.GIVE_UP_AFTER + timedelta(hours=1)) == set()  # the DLQ has those


def test_the_scheduled_sweep_requeues_lost_uploads_and_the_processor_records_them(
    uploads, monkeypatch
):
    table, render_url, render_arn = uploads
    later = utc_now() + sweep.LOST_AFTER + timedelta(minutes=5)
    monkeypatch.setattr(sweep, "utc_now", lambda: later)  # the schedule fires a while later

    # Zappa's handler calls the scheduled function with (event, context).
    assert sweep.requeue_lost({"source": "aws.events"}, None) == 2

    (message,) = receive_until(render_url, lambda got: len(got) >= 1)
    summary = handle(lambda_sqs_event([message], queue_arn=render_arn), None)
    assert summary == {"records": 2, "outcomes": {"processed": 2}}
    for photo, key in (("lost", LOST), ("pending", PENDING)):
        record = table.get("gal-1", photo)
        assert (record["status"], record["original"]["key"]) == ("processed", key)
    # Recorded now: the next sweep asks for nothing.
    assert sweep.requeue_lost({"source": "aws.events"}, None) == 0
