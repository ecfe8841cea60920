"""handle() under mock_aws, fed with the real event shapes from tests/events."""

from __future__ import annotations

import json
import logging

import boto3
import pytest
from botocore.exceptions import ClientError

from lambda_processor import aws
from lambda_processor.handler import handle
from tests.aws_fixtures import lambda_sqs_event, load_event

from .conftest import BUCKET, OUTPUT_BUCKET, TABLE
from .images import decode, mean_difference

KEY = "originals/gal-1/photo_1/red flower.jpg"
PHOTO = ("gal-1", "photo_1")


@pytest.fixture
def uploaded(put_original, landscape):
    """Landscape_6 (stored sideways) uploaded under a key with a space; its eTag."""
    return put_original(KEY, landscape[6])


@pytest.fixture
def log_lines(caplog):
    caplog.set_level(logging.INFO, logger="proofsheet.processor")

    def lines() -> list[dict]:
        return [
            json.loads(record.getMessage())
            for record in caplog.records
            if record.name == "proofsheet.processor"
        ]

    return lines


def assert_processed(table, stored, landscape):
    item = table.get(*PHOTO)
    assert item["status"] == "processed" and item["error"] is None
    assert item["original"]["key"] == KEY and item["original"]["filename"] == "red flower.jpg"
    assert (item["original"]["width"], item["original"]["height"]) == (1800, 1200)
    for name, size in (("thumb", (600, 400)), ("proof", (1800, 1200))):
        rendition = item["renditions"][name]
        data, response = stored(rendition["key"])
        assert rendition["key"] == f"renditions/gal-1/photo_1/{name}.jpg"
        assert response["ContentType"] == "image/jpeg"
        assert response["CacheControl"].startswith("private, max-age=")
        assert decode(data).size == size == (rendition["width"], rendition["height"])
    # the original is untouched
    assert stored(KEY, bucket=BUCKET)[0] == landscape[6]
    return item


def test_aws_sample_event_with_plus_for_space(
    uploaded, aws_put_event, table, stored, landscape, log_lines
):
    event = aws_put_event(KEY, etag=uploaded, size=len(landscape[6]))
    assert event["Records"][0]["s3"]["object"]["key"] == "originals/gal-1/photo_1/red+flower.jpg"
    assert handle(event, None) == {"records": 1, "outcomes": {"processed": 1}}
    item = assert_processed(table, stored, landscape)
    assert item["event"]["sequencer"] == "0066360D1C3F8E2A41"
    [line] = log_lines()
    assert line["key"] == KEY and line["outcome"] == "processed"
    assert line["bytes_in"] == len(landscape[6])
    assert line["bytes_out"] == sum(r["bytes"] for r in item["renditions"].values())
    assert isinstance(line["ms"], int) and line["event"] == "ObjectCreated:Put"


def test_moto_event_with_encoded_slashes(uploaded, moto_put_event, table, stored, landscape):
    event = moto_put_event(KEY, etag=uploaded)
    assert "%2F" in event["Records"][0]["s3"]["object"]["key"]
    assert handle(event, None)["outcomes"] == {"processed": 1}
    item = assert_processed(table, stored, landscape)
    assert item["event"]["sequencer"] is None and item["event"]["order"].startswith("t:")


def test_the_same_event_twice_leaves_one_item(uploaded, aws_put_event, table, all_items):
    event = aws_put_event(KEY, etag=uploaded)
    assert handle(event, None)["outcomes"] == {"processed": 1}
    first = table.get(*PHOTO)
    assert handle(event, None)["outcomes"] == {"skipped": 1}
    assert all_items() == [first]


def test_an_older_event_after_a_newer_one_is_ignored(
    put_original, aws_put_event, table, landscape, stored
):
    old_etag = put_original(KEY, landscape[3])
    new_etag = put_original(KEY, landscape[6])  # the photographer replaced the photo
    newer = aws_put_event(KEY, etag=new_etag, sequencer="0066360D1C3F8E2A99")
    older = aws_put_event(KEY, etag=old_etag, sequencer="0066360D1C3F8E2A41")
    assert handle(newer, None)["outcomes"] == {"processed": 1}
    assert handle(older, None)["outcomes"] == {"skipped": 1}
    item = table.get(*PHOTO)
    assert item["event"]["etag"] == item["original"]["etag"] == new_etag
    assert item["event"]["sequencer"] == "0066360D1C3F8E2A99"


def test_moto_events_out_of_order_are_ordered_by_time(
    put_original, moto_put_event, table, landscape
):
    etag = put_original(KEY, landscape[6])
    newer = moto_put_event(KEY, etag=etag, time="2024-05-04T10:15:31.000Z")
    older = moto_put_event(KEY, etag="an-older-etag", time="2024-05-04T10:15:30.000Z")
    handle(newer, None)
    assert handle(older, None)["outcomes"] == {"skipped": 1}
    assert table.get(*PHOTO)["event"]["time"] == "2024-05-04T10:15:31.000Z"


@pytest.mark.parametrize(
    "key",
    [
        "renditions/gal-1/photo_1/proof.jpg",
        "uploads/tmp/red flower.jpg",
        "originals/gal-1/red flower.jpg",
        "originals/gal-1/photo_1/nested/red flower.jpg",
        "originals/gal 1/photo_1/red flower.jpg",
        "originals/gal-1/photo_1/..",
    ],
)
def test_keys_outside_originals_write_nothing(key, s3, aws_put_event, all_items):
    s3.put_object(Bucket=BUCKET, Key=key, Body=b"whatever")
    assert handle(aws_put_event(key, etag="e"), None)["outcomes"] == {"ignored": 1}
    assert all_items() == []
    assert s3.list_objects_v2(Bucket=OUTPUT_BUCKET)["KeyCount"] == 0


@pytest.mark.parametrize("name", ["s3_test_event", "moto_s3_test_event"])
def test_s3_test_event_writes_nothing(name, s3, all_items, log_lines):
    assert handle(load_event(name), None) == {"records": 1, "outcomes": {"ignored": 1}}
    assert all_items() == [] and s3.list_objects_v2(Bucket=OUTPUT_BUCKET)["KeyCount"] == 0
    assert log_lines()[0]["reason"] == "s3:TestEvent"


def test_events_from_another_bucket_are_ignored(uploaded, aws_put_event, all_items):
    event = aws_put_event(KEY, etag=uploaded, bucket="someone-elses-bucket")
    assert handle(event, None)["outcomes"] == {"ignored": 1}
    assert all_items() == []


def test_an_s3_fault_while_writing_raises(
    uploaded, aws_put_event, all_items, monkeypatch, log_lines
):
    monkeypatch.setenv("PROOFSHEET_OUTPUT_BUCKET", "renditions-bucket-that-does-not-exist")
    with pytest.raises(ClientError) as error:
        handle(aws_put_event(KEY, etag=uploaded), None)
    assert error.value.response["Error"]["Code"] == "NoSuchBucket"
    assert all_items() == []  # no item: the retry will write it
    [line] = log_lines()
    assert line["outcome"] == "error" and "NoSuchBucket" in line["reason"]


def test_a_dynamodb_fault_raises(uploaded, aws_put_event, monkeypatch):
    monkeypatch.setenv("PROOFSHEET_TABLE", "table-that-does-not-exist")
    with pytest.raises(ClientError):
        handle(aws_put_event(KEY, etag=uploaded), None)


def test_a_corrupt_image_is_recorded_and_does_not_raise(
    put_original, aws_put_event, table, stored, log_lines
):
    text = b"These are not the photos you are looking for.\n" * 20
    etag = put_original(KEY, text)
    assert handle(aws_put_event(KEY, etag=etag), None)["outcomes"] == {"failed": 1}
    item = table.get(*PHOTO)
    assert item["status"] == "failed"
    assert item["error"] == "This file is not an image we can read (it looks like plain text)."
    assert item["renditions"] == {}
    assert stored(KEY, bucket=BUCKET)[0] == text  # byte-identical
    assert log_lines()[0]["reason"] == item["error"]


def test_an_object_too_large_fails_without_download(uploaded, aws_put_event, table, monkeypatch):
    monkeypatch.setenv("PROOFSHEET_MAX_UPLOAD_BYTES", "100000")

    def no_download(**kwargs):
        raise AssertionError("the original was downloaded")

    aws.s3().meta.events.register("before-call.s3.GetObject", no_download)
    assert handle(aws_put_event(KEY, etag=uploaded), None)["outcomes"] == {"failed": 1}
    assert table.get(*PHOTO)["error"] == "The file is 353 kB, more than the 100 kB we accept."


def put_gallery_settings(text: str, revision: int, opacity: float = 0.35) -> None:
    boto3.client("dynamodb").put_item(
        TableName=TABLE,
        Item={
            "gallery_id": {"S": "gal-1"},
            "photo_id": {"S": "#settings"},
            "watermark_text": {"S": text},
            "watermark_opacity": {"N": str(opacity)},
            "watermark_thumbs": {"BOOL": False},
            "revision": {"N": str(revision)},
        },
    )


def test_gallery_settings_item_sets_the_watermark(
    uploaded, aws_put_event, table, stored, monkeypatch
):
    monkeypatch.setenv("PROOFSHEET_WATERMARK_TEXT", "DEFAULT")
    handle(aws_put_event(KEY, etag=uploaded), None)
    default_proof = decode(stored("renditions/gal-1/photo_1/proof.jpg")[0])
    assert table.get(*PHOTO)["render_revision"] == 0

    put_gallery_settings("Smith & Jones wedding", revision=1)
    assert handle({"proofsheet": "render", "keys": [KEY]}, None)["outcomes"] == {"processed": 1}
    item = table.get(*PHOTO)
    assert item["render_revision"] == 1
    assert item["event"]["name"] == "proofsheet:Render"
    gallery_proof = decode(stored("renditions/gal-1/photo_1/proof.jpg")[0])
    assert mean_difference(default_proof, gallery_proof) > 2


def test_render_requests_arrive_directly_or_through_sqs(
    uploaded, aws_put_event, table, stored, landscape
):
    upload = aws_put_event(KEY, etag=uploaded)
    handle(upload, None)
    request = {"proofsheet": "render", "keys": [KEY, "originals/gal-1/photo_2/gone.jpg"]}
    assert handle(request, None)["outcomes"] == {"processed": 1, "missing": 1}
    rendered = table.get(*PHOTO)
    assert rendered["event"]["name"] == "proofsheet:Render"
    assert rendered["event"]["order"].startswith("s:" + "0" * 14 + "0066360D1C3F8E2A41|r:")
    # a late duplicate of the upload's event does not undo the re-render
    assert handle(upload, None)["outcomes"] == {"skipped": 1}

    put_gallery_settings("NEW", revision=5)
    message = {
        "MessageId": "1",
        "ReceiptHandle": "r",
        "Body": json.dumps(request),
        "MD5OfBody": "m",
    }
    sqs_event = lambda_sqs_event([message], queue_arn="arn:aws:sqs:us-east-1:123456789012:render")
    assert handle(sqs_event, None)["outcomes"] == {"processed": 1, "missing": 1}
    assert table.get(*PHOTO)["render_revision"] == 5
    assert table.get("gal-1", "photo_2") is None
    assert stored(KEY, bucket=BUCKET)[0] == landscape[6]  # re-renders never touch originals


def test_a_batch_reports_each_record(uploaded, aws_put_event, s3, log_lines):
    event = aws_put_event(KEY, etag=uploaded)
    event["Records"] += aws_put_event("originals/gal-1/photo_9/gone.jpg", etag="e")["Records"]
    assert handle(event, None) == {"records": 2, "outcomes": {"processed": 1, "missing": 1}}
    assert [line["outcome"] for line in log_lines()] == ["processed", "missing"]


def test_configuration_is_required(monkeypatch, mocked_aws):
    monkeypatch.delenv("PROOFSHEET_BUCKET")
    with pytest.raises(RuntimeError, match="PROOFSHEET_BUCKET"):
        handle(load_event("s3_test_event"), None)
