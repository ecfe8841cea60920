"""The web side's only AWS access: presigned uploads, object listing and deletion,
asking the processor to re-render, streaming an object in parts. Clients are built once
per process."""

import contextlib
import contextvars
import functools
import io
import json
import threading
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from django.conf import settings

from lambda_processor import records as schema
from lambda_processor.adapters import DynamoRecordTable, from_attributes, to_attributes

from .records import GalleryPages


def _config() -> Config:
    # SigV4 and virtual-host addressing as AWS wants them; a local endpoint (moto) needs paths.
    style = "path" if settings.PROOFSHEET_AWS_ENDPOINT_URL else "virtual"
    return Config(signature_version="s3v4", s3={"addressing_style": style})


@functools.cache
def client(service: str):
    made = boto3.client(
        service,
        region_name=settings.PROOFSHEET_REGION,
        endpoint_url=settings.PROOFSHEET_AWS_ENDPOINT_URL or None,
        config=_config(),
    )
    if service == "s3":
        made.meta.events.register("before-sign.s3.GetObject", _add_revision)
    return made


# The render revision of the URL being presigned: a query parameter S3 does not read, added
# before signing so that the signature covers it (an unsigned one would break the URL).
_revision: contextvars.ContextVar[int | None] = contextvars.ContextVar("revision", default=None)


def _add_revision(request, **_kwargs) -> None:
    revision = _revision.get()
    if revision is not None:
        request.url += ("&" if "?" in request.url else "?") + f"v={int(revision)}"


def reset_clients() -> None:
    """For tests that point the settings at a fresh endpoint."""
    client.cache_clear()


def presigned_post(
    *, bucket: str, key: str, content_type: str, max_bytes: int, expires_in: int, min_bytes: int = 1
) -> dict:
    return client("s3").generate_presigned_post(
        Bucket=bucket,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[
            {"Content-Type": content_type},
            ["content-length-range", min_bytes, max_bytes],
        ],
        ExpiresIn=expires_in,
    )


def presigned_get(
    *,
    bucket: str,
    key: str,
    expires_in: int,
    disposition: str = "",
    revision: int | None = None,
) -> str:
    """`disposition`, a whole Content-Disposition value, makes the browser save the object
    (`storage.names.attachment_disposition`). `revision` rides in the signed query (`v`), so
    a re-rendered image gets a new URL."""
    params = {"Bucket": bucket, "Key": key}
    if disposition:
        params["ResponseContentDisposition"] = disposition
    token = _revision.set(revision)
    try:
        return client("s3").generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expires_in
        )
    finally:
        _revision.reset(token)


def list_keys(*, bucket: str, prefix: str) -> list[str]:
    keys = []
    for page in (
        client("s3").get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    ):
        keys.extend(obj["Key"] for obj in page.get("Contents", []))
    return keys


def delete_prefix(*, bucket: str, prefix: str) -> int:
    keys = list_keys(bucket=bucket, prefix=prefix)
    for start in range(0, len(keys), 1000):
        batch = [{"Key": key} for key in keys[start : start + 1000]]
        client("s3").delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
    return len(keys)


def send_render_request(*, keys: list[str]) -> None:
    """Asks the processor to re-render existing originals, through its render queue.

    A queue rather than a direct Invoke: retries and the dead-letter queue come with it,
    and a batch of thousands of keys is split into messages the Lambda takes in turn.
    """
    for body in schema.render_messages(keys):
        client("sqs").send_message(
            QueueUrl=settings.PROOFSHEET_RENDER_QUEUE_URL, MessageBody=json.dumps(body)
        )


class WebRecordTable(GalleryPages, DynamoRecordTable):
    """The processor's DynamoDB table plus what the web side does with it: page through a
    gallery with Query (never Scan), delete, and write settings and pending items."""

    def query(
        self,
        gallery_id: str,
        *,
        limit: int = 100,
        after: str | None = None,
        fields: Sequence[str] | None = None,
    ):
        request = {
            "TableName": self.table_name,
            # Photo ids are hex, so `> "#settings"` leaves the settings item out of the range.
            "KeyConditionExpression": "gallery_id = :gallery AND photo_id > :settings",
            "ExpressionAttributeValues": {
                ":gallery": {"S": gallery_id},
                ":settings": {"S": schema.GALLERY_SETTINGS_SORT_KEY},
            },
            "Limit": limit,
            **_projection(fields),
        }
        if after:
            request["ExclusiveStartKey"] = {
                "gallery_id": {"S": gallery_id},
                "photo_id": {"S": after},
            }
        response = self.client.query(**request)
        items = [from_attributes(item) for item in response.get("Items", [])]
        last = response.get("LastEvaluatedKey")
        return items, (last["photo_id"]["S"] if last else None)

    def items(
        self, gallery_id: str, *, fields: Sequence[str], photo_ids: Collection[str] | None = None
    ) -> list[dict]:
        """The gallery's photo items (or those of `photo_ids`), each narrowed to `fields` by
        a ProjectionExpression: Query pages for a whole gallery, BatchGetItem for ids."""
        if photo_ids is None:
            return self.query_all(gallery_id, fields=fields)
        keys = [{"gallery_id": {"S": gallery_id}, "photo_id": {"S": pk}} for pk in photo_ids]
        items = []
        for start in range(0, len(keys), BATCH_GET_KEYS):
            batch = keys[start : start + BATCH_GET_KEYS]
            wanted = {self.table_name: {"Keys": batch, **_projection(fields)}}
            while wanted:  # what DynamoDB leaves unprocessed (throttled) is asked for again
                response = self.client.batch_get_item(RequestItems=wanted)
                found = response.get("Responses", {}).get(self.table_name, [])
                items += [from_attributes(item) for item in found]
                wanted = response.get("UnprocessedKeys") or {}
        return items

    def delete(self, gallery_id: str, photo_id: str) -> None:
        self.client.delete_item(
            TableName=self.table_name,
            Key={"gallery_id": {"S": gallery_id}, "photo_id": {"S": photo_id}},
        )

    def put_gallery_settings(self, gallery_id: str, values: dict) -> None:
        item = {"gallery_id": gallery_id, "photo_id": schema.GALLERY_SETTINGS_SORT_KEY, **values}
        self.client.put_item(TableName=self.table_name, Item=to_attributes(item))

    def put_if_absent(self, item: dict) -> bool:
        try:
            self.client.put_item(
                TableName=self.table_name,
                Item=to_attributes(item),
                ConditionExpression="attribute_not_exists(photo_id)",
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise
        return True


# BatchGetItem takes at most 100 keys a request.
BATCH_GET_KEYS = 100


def _projection(fields: Sequence[str] | None) -> dict:
    """A ProjectionExpression of `photo_id` and `fields` (dotted paths reach into maps), each
    name through ExpressionAttributeNames (`status` is one of DynamoDB's reserved words)."""
    if fields is None:
        return {}
    names: dict[str, str] = {}
    paths = []
    for field in ("photo_id", *fields):
        parts = []
        for name in field.split("."):
            placeholder = names.setdefault(name, f"#n{len(names)}")
            parts.append(placeholder)
        paths.append(".".join(parts))
    return {
        "ProjectionExpression": ", ".join(paths),
        "ExpressionAttributeNames": {placeholder: name for name, placeholder in names.items()},
    }


def dynamo_record_table() -> WebRecordTable:
    return WebRecordTable(settings.PROOFSHEET_TABLE, client=client("dynamodb"))


# S3 takes at most 10,000 parts, each at least 5 MiB but the last.
MAX_PARTS = 10_000
MIN_PART_BYTES = 5 * 1024 * 1024


class MultipartWriter(io.RawIOBase):
    """A write-only, unseekable file whose bytes go to an S3 multipart upload as they come.

    At most `part_bytes` wait in memory and `parallel` parts travel at once (while the
    caller goes on writing), so memory stays flat whatever the object's size; nothing
    touches the disk. The object has at most part_bytes x 10,000 bytes.
    """

    def __init__(self, *, bucket: str, key: str, content_type: str, part_bytes: int, parallel: int):
        if part_bytes < MIN_PART_BYTES:
            raise ValueError(f"S3 parts are at least {MIN_PART_BYTES} bytes")
        self.bucket, self.key, self.part_bytes = bucket, key, part_bytes
        self.s3 = client("s3")
        self.upload_id = self.s3.create_multipart_upload(
            Bucket=bucket, Key=key, ContentType=content_type
        )["UploadId"]
        self.buffer = bytearray()
        self.parts: list[Future] = []
        self.failed: list[BaseException] = []
        self.slots = threading.BoundedSemaphore(parallel)
        self.pool = ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="s3-part")
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.buffer += data
        self.size += len(data)
        while len(self.buffer) >= self.part_bytes:
            # The full buffer becomes the part as it is (no copy); only the overflow moves.
            part, self.buffer = self.buffer, self.buffer[self.part_bytes :]
            del part[self.part_bytes :]
            self._send(part)
        return len(data)

    def _send(self, body: bytearray) -> None:
        number = len(self.parts) + 1
        if number > MAX_PARTS:
            raise ValueError(f"More than {MAX_PARTS} parts of {self.part_bytes} bytes")
        self.slots.acquire()  # waits while `parallel` parts are on their way
        if self.failed:  # a part that failed stops the writer at once
            raise self.failed[0]
        future = self.pool.submit(self._upload_part, number, body)
        future.add_done_callback(self._part_done)
        self.parts.append(future)

    def _part_done(self, future: Future) -> None:
        if not future.cancelled() and future.exception():
            self.failed.append(future.exception())
        self.slots.release()

    def _upload_part(self, number: int, body: bytearray) -> dict:
        answer = self.s3.upload_part(
            Bucket=self.bucket, Key=self.key, UploadId=self.upload_id, PartNumber=number, Body=body
        )
        return {"PartNumber": number, "ETag": answer["ETag"]}

    def complete(self) -> int:
        """Sends what is left as the last part and assembles the object; returns its size."""
        if self.buffer or not self.parts:
            part, self.buffer = self.buffer, bytearray()
            self._send(part)
        parts = [future.result() for future in self.parts]
        self.pool.shutdown()
        self.s3.complete_multipart_upload(
            Bucket=self.bucket,
            Key=self.key,
            UploadId=self.upload_id,
            MultipartUpload={"Parts": parts},
        )
        return self.size

    def abort(self) -> None:
        self.pool.shutdown(cancel_futures=True)
        self.s3.abort_multipart_upload(Bucket=self.bucket, Key=self.key, UploadId=self.upload_id)


@contextlib.contextmanager
def multipart_upload(
    *, bucket: str, key: str, content_type: str, part_bytes: int, parallel: int
) -> Iterator[MultipartWriter]:
    """A MultipartWriter for `key`: the object exists when the block ends without an
    error; otherwise the upload is aborted and S3 keeps none of its parts."""
    writer = MultipartWriter(
        bucket=bucket, key=key, content_type=content_type, part_bytes=part_bytes, parallel=parallel
    )
    try:
        yield writer
        writer.complete()
    except BaseException:
        writer.abort()
        raise
