"""S3BlobStore and DynamoRecordTable against moto."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from lambda_processor.adapters import DynamoRecordTable, S3BlobStore
from lambda_processor.records import Ordering

from .conftest import BUCKET, OUTPUT_BUCKET, TABLE


def photo_item(order: str | None, revision: int | None = 0, **extra) -> dict:
    item = {"gallery_id": "g1", "photo_id": "p1", "status": "processed", **extra}
    if order is not None:
        item["event"] = {"name": "ObjectCreated:Put", "order": order}
    if revision is not None:
        item["render_revision"] = revision
    return item


def test_blob_store_reads_originals_and_writes_renditions_elsewhere(s3, put_original, stored):
    etag = put_original("originals/g1/p1/a.jpg", b"original bytes")
    blobs = S3BlobStore(BUCKET, OUTPUT_BUCKET)
    assert blobs.head("originals/g1/p1/a.jpg") == (14, etag, {})
    assert blobs.head("originals/g1/p1/missing.jpg") is None
    assert blobs.get("originals/g1/p1/a.jpg") == b"original bytes"

    blobs.put("renditions/g1/p1/thumb.jpg", b"jpeg", content_type="image/jpeg", cache_control="x")
    data, response = stored("renditions/g1/p1/thumb.jpg", bucket=OUTPUT_BUCKET)
    assert data == b"jpeg"
    assert (response["ContentType"], response["CacheControl"]) == ("image/jpeg", "x")
    assert stored("renditions/g1/p1/thumb.jpg", bucket=BUCKET) is None


def test_blob_store_never_writes_under_originals(s3, put_original, stored):
    put_original("originals/g1/p1/a.jpg", b"original bytes")
    blobs = S3BlobStore(BUCKET)
    with pytest.raises(ValueError):
        blobs.put("originals/g1/p1/a.jpg", b"x", content_type="image/jpeg", cache_control="x")
    assert stored("originals/g1/p1/a.jpg", bucket=BUCKET)[0] == b"original bytes"


def test_user_metadata_is_reported(s3):
    s3.put_object(Bucket=BUCKET, Key="originals/g1/p1/a.jpg", Body=b"x", Metadata={"by": "web"})
    assert S3BlobStore(BUCKET).head("originals/g1/p1/a.jpg").metadata == {"by": "web"}


def test_items_round_trip_with_plain_numbers(table):
    item = photo_item("s:01", size_reduction=0.8734, exif={"exposure": {"f_number": 2.8}})
    assert table.put(item, only_if_newer_than=None)
    back = table.get("g1", "p1")
    assert back == item
    assert isinstance(back["size_reduction"], float) and isinstance(back["render_revision"], int)
    assert table.get("g1", "other") is None


def test_conditional_put_keeps_the_newest(table):
    assert table.put(photo_item("s:02", 1), only_if_newer_than=Ordering("s:02", 1))
    assert not table.put(photo_item("s:02", 1, status="x"), only_if_newer_than=Ordering("s:02", 1))
    assert not table.put(photo_item("s:01", 9, status="x"), only_if_newer_than=Ordering("s:01", 9))
    assert table.get("g1", "p1")["status"] == "processed"
    assert table.put(
        photo_item("s:02", 2, status="rerendered"), only_if_newer_than=Ordering("s:02", 2)
    )
    assert table.put(
        photo_item("s:03", 0, status="reuploaded"), only_if_newer_than=Ordering("s:03", 0)
    )
    assert table.get("g1", "p1")["status"] == "reuploaded"


def test_items_without_ordering_are_replaceable(table):
    pending = photo_item(None, None, status="processing")
    assert table.put(pending, only_if_newer_than=None)
    assert table.put(photo_item("0", 0), only_if_newer_than=Ordering("0", 0))
    assert table.get("g1", "p1")["status"] == "processed"


def test_gallery_settings_item(table):
    assert table.get_gallery_settings("g1") is None
    boto3.client("dynamodb").put_item(
        TableName=TABLE,
        Item={
            "gallery_id": {"S": "g1"},
            "photo_id": {"S": "#settings"},
            "watermark_text": {"S": "Smith"},
            "watermark_opacity": {"N": "0.2"},
            "watermark_thumbs": {"BOOL": True},
            "revision": {"N": "3"},
        },
    )
    assert table.get_gallery_settings("g1") == {
        "gallery_id": "g1",
        "photo_id": "#settings",
        "watermark_text": "Smith",
        "watermark_opacity": 0.2,
        "watermark_thumbs": True,
        "revision": 3,
    }


def test_other_dynamodb_errors_propagate(mocked_aws):
    with pytest.raises(ClientError) as error:
        DynamoRecordTable("no-such-table").put(photo_item("s:01"), only_if_newer_than=None)
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"
