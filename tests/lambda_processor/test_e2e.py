"""S3 -> SQS -> handler against a moto server over HTTP, as on AWS."""

from __future__ import annotations

import json

import boto3
import pytest

from lambda_processor.adapters import DynamoRecordTable
from lambda_processor.handler import handle
from tests.aws_fixtures import create_notified_queue, drain, lambda_sqs_event, receive_until

from .conftest import BUCKET, OUTPUT_BUCKET, TABLE
from .images import decode, mean_difference

KEY = "originals/gal-1/photo_1/Landscape 8.jpg"


def s3_keys(message: dict) -> list[str]:
    body = json.loads(message["Body"])
    return [record["s3"]["object"]["key"] for record in body.get("Records", [])]


@pytest.mark.e2e
def test_an_upload_is_processed_from_its_sqs_notification(moto_aws, landscape, reference):
    queue_url, queue_arn = create_notified_queue(bucket=BUCKET, queue="originals-created")
    s3 = boto3.client("s3")
    assert s3.meta.endpoint_url == moto_aws  # over HTTP, not patched in-process
    s3.put_object(Bucket=BUCKET, Key="exports/gal-1/notes.txt", Body=b"not under originals/")
    s3.put_object(Bucket=BUCKET, Key=KEY, Body=landscape[8], ContentType="image/jpeg")

    messages = receive_until(queue_url, lambda got: any(s3_keys(m) for m in got))
    # moto delivers during PutObject, so everything both puts triggered is here
    messages += drain(queue_url)
    assert [key for message in messages for key in s3_keys(message)] == [
        "originals%2Fgal-1%2Fphoto_1%2FLandscape+8.jpg"
    ]

    summary = handle(lambda_sqs_event(messages, queue_arn=queue_arn), None)
    # the queue's first message is S3's test event
    assert summary == {"records": 2, "outcomes": {"ignored": 1, "processed": 1}}

    item = DynamoRecordTable(TABLE).get("gal-1", "photo_1")
    assert item["status"] == "processed"
    assert item["original"]["key"] == KEY and item["original"]["filename"] == "Landscape 8.jpg"
    assert (item["original"]["width"], item["original"]["height"]) == (1800, 1200)
    assert item["event"]["name"] == "ObjectCreated:Put" and item["event"]["etag"]
    thumb_key = item["renditions"]["thumb"]["key"]
    proof_key = item["renditions"]["proof"]["key"]
    assert (thumb_key, proof_key) == (
        "renditions/gal-1/photo_1/thumb.jpg",
        "renditions/gal-1/photo_1/proof.jpg",
    )
    thumb = decode(s3.get_object(Bucket=OUTPUT_BUCKET, Key=thumb_key)["Body"].read())
    proof = decode(s3.get_object(Bucket=OUTPUT_BUCKET, Key=proof_key)["Body"].read())
    assert thumb.size == (600, 400) and proof.size == (1800, 1200)
    upright = decode(reference.renditions["thumb"].data)
    assert mean_difference(thumb, upright, ignore=(240, 140, 360, 260)) < 4  # turned upright
    # renditions went to the output bucket only, and the original is still there
    originals = s3.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert sorted(o["Key"] for o in originals) == ["exports/gal-1/notes.txt", KEY]
    assert s3.get_object(Bucket=BUCKET, Key=KEY)["Body"].read() == landscape[8]
