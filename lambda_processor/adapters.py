"""S3 and DynamoDB implementations of the ``ports`` protocols.

ClientErrors propagate (the Lambda retries), except the two answers that are
part of normal operation: a missing object (``head`` -> None) and a failed
conditional write (``put`` -> False).
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from . import attributes, aws
from .ports import ObjectInfo
from .records import (
    GALLERY_SETTINGS_SORT_KEY,
    ORIGINALS_PREFIX,
    Ordering,
    item_from_dynamo,
    item_to_dynamo,
)


class S3BlobStore:
    """Reads originals from ``bucket``; writes renditions to ``output_bucket`` (or ``bucket``)."""

    def __init__(self, bucket: str, output_bucket: str | None = None, client: Any = None):
        self.bucket = bucket
        self.output_bucket = output_bucket or bucket
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or aws.s3()

    def head(self, key: str) -> ObjectInfo | None:
        try:
            response = self.client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return None
            raise
        return ObjectInfo(
            size=int(response["ContentLength"]),
            etag=response.get("ETag", "").strip('"'),
            metadata=dict(response.get("Metadata") or {}),
        )

    def get(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def put(self, key: str, data: bytes, *, content_type: str, cache_control: str) -> None:
        if key.startswith(ORIGINALS_PREFIX):
            # would overwrite an original and trigger processing of our own output
            raise ValueError(f"refusing to write under {ORIGINALS_PREFIX}: {key}")
        self.client.put_object(
            Bucket=self.output_bucket,
            Key=key,
            Body=data,
            ContentType=content_type,
            CacheControl=cache_control,
        )


class DynamoRecordTable:
    def __init__(self, table_name: str, client: Any = None):
        self.table_name = table_name
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or aws.dynamodb()

    def get(self, gallery_id: str, photo_id: str) -> dict[str, Any] | None:
        response = self.client.get_item(
            TableName=self.table_name,
            Key=to_attributes({"gallery_id": gallery_id, "photo_id": photo_id}),
            ConsistentRead=True,  # the idempotency check must see the latest write
        )
        item = response.get("Item")
        return from_attributes(item) if item else None

    def put(self, item: dict[str, Any], *, only_if_newer_than: Ordering | None) -> bool:
        request: dict[str, Any] = {"TableName": self.table_name, "Item": to_attributes(item)}
        if only_if_newer_than is not None:
            # Text comparison of event.order, then render_revision: the same rule
            # as records.is_newer, evaluated atomically by DynamoDB.
            request["ConditionExpression"] = (
                "attribute_not_exists(#photo) OR attribute_not_exists(#event.#order)"
                " OR #event.#order < :order"
                " OR (#event.#order = :order AND"
                " (attribute_not_exists(#revision) OR #revision < :revision))"
            )
            request["ExpressionAttributeNames"] = {
                "#photo": "photo_id",
                "#event": "event",
                "#order": "order",
                "#revision": "render_revision",
            }
            request["ExpressionAttributeValues"] = to_attributes(
                {
                    ":order": only_if_newer_than.event_order,
                    ":revision": only_if_newer_than.render_revision,
                }
            )
        try:
            self.client.put_item(**request)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def get_gallery_settings(self, gallery_id: str) -> dict[str, Any] | None:
        return self.get(gallery_id, GALLERY_SETTINGS_SORT_KEY)


def to_attributes(item: dict[str, Any]) -> dict[str, Any]:
    """A plain item -> DynamoDB's typed attribute map (floats as Decimal numbers)."""
    return {key: attributes.serialize(value) for key, value in item_to_dynamo(item).items()}


def from_attributes(item: dict[str, Any]) -> dict[str, Any]:
    """DynamoDB's typed attribute map -> a plain item (numbers as int or float)."""
    return item_from_dynamo({key: attributes.deserialize(value) for key, value in item.items()})
