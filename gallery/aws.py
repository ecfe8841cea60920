"""The web side's only AWS access: presigned uploads, object listing and deletion,
asking the processor to re-render. Clients are built once per process."""

import functools
import json

import boto3
from botocore.config import Config
from django.conf import settings


def _config() -> Config:
    # SigV4 and virtual-host addressing as AWS wants them; a local endpoint (moto) needs paths.
    style = "path" if settings.PROOFSHEET_AWS_ENDPOINT_URL else "virtual"
    return Config(signature_version="s3v4", s3={"addressing_style": style})


@functools.cache
def client(service: str):
    return boto3.client(
        service,
        region_name=settings.PROOFSHEET_REGION,
        endpoint_url=settings.PROOFSHEET_AWS_ENDPOINT_URL or None,
        config=_config(),
    )


def reset_clients() -> None:
    """For tests that point the settings at a fresh endpoint."""
    client.cache_clear()


def presigned_post(*, key: str, content_type: str, max_bytes: int, expires_in: int) -> dict:
    return client("s3").generate_presigned_post(
        Bucket=settings.PROOFSHEET_BUCKET,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[
            {"Content-Type": content_type},
            ["content-length-range", 1, max_bytes],
        ],
        ExpiresIn=expires_in,
    )


def presigned_get(*, key: str, expires_in: int, bucket: str | None = None) -> str:
    return client("s3").generate_presigned_url(
        "get_object",
        Params={"Bucket": bucket or settings.PROOFSHEET_OUTPUT_BUCKET, "Key": key},
        ExpiresIn=expires_in,
    )


def list_keys(*, bucket: str, prefix: str) -> list[str]:
    keys = []
    for page in client("s3").get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys.extend(obj["Key"] for obj in page.get("Contents", []))
    return keys


def delete_prefix(*, bucket: str, prefix: str) -> int:
    keys = list_keys(bucket=bucket, prefix=prefix)
    for start in range(0, len(keys), 1000):
        batch = [{"Key": key} for key in keys[start : start + 1000]]
        client("s3").delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
    return len(keys)


def head(*, bucket: str, key: str) -> dict | None:
    try:
        return client("s3").head_object(Bucket=bucket, Key=key)
    except client("s3").exceptions.ClientError as error:
        if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
            return None
        raise


def send_render_request(*, keys: list[str]) -> None:
    """Asks the processor to re-render existing originals, through its render queue.

    A queue rather than a direct Invoke: retries and the dead-letter queue come with it,
    and a batch of thousands of keys is split into messages the Lambda takes in turn.
    """
    for start in range(0, len(keys), 50):
        body = {"proofsheet": "render", "keys": keys[start : start + 50]}
        client("sqs").send_message(
            QueueUrl=settings.PROOFSHEET_RENDER_QUEUE_URL, MessageBody=json.dumps(body)
        )
