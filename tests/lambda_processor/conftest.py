"""Fixtures for the processor: sample photos, made-up images, mocked AWS, events."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote_plus

import boto3
import pytest
import requests
from moto import mock_aws
from PIL import Image

from lambda_processor import aws, processor
from lambda_processor.adapters import DynamoRecordTable, from_attributes
from lambda_processor.options import ENV_VARIABLES, Options
from lambda_processor.pipeline import process
from tests.aws_fixtures import create_bucket_and_table, fake_aws_env, load_event, moto_server

from .fakes import MemoryBlobs, MemoryTable
from .images import decode, encode, exif_with_gps

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / ".." / "shared" / "samples"

BUCKET = "proofsheet-originals"
OUTPUT_BUCKET = "proofsheet-renditions"
TABLE = "proofsheet-photos"


# Images ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def landscape() -> dict[int, bytes]:
    """Landscape_0..8.jpg: one photo stored with each EXIF orientation (0 = no tag)."""
    folder = SAMPLES / "orientation"
    return {n: (folder / f"Landscape_{n}.jpg").read_bytes() for n in range(9)}


@pytest.fixture(scope="session")
def plain_options() -> Options:
    """Default options without a watermark, to compare pixels with the source."""
    return Options(watermark_text="")


@pytest.fixture(scope="session")
def reference(landscape, plain_options):
    """Landscape_1 (stored upright) rendered without watermark."""
    return process(landscape[1], plain_options)


@pytest.fixture(scope="session")
def reference_watermarked(landscape):
    return process(landscape[1])


@pytest.fixture(scope="session")
def camera_jpeg(landscape) -> bytes:
    """A 3000 × 2000 JPEG (larger than a proof) with camera EXIF, GPS included."""
    big = decode(landscape[1]).resize((3000, 2000), Image.Resampling.BICUBIC)
    return encode(big, "JPEG", quality=90, exif=exif_with_gps())


# AWS --------------------------------------------------------------------------------


@pytest.fixture
def aws_env(monkeypatch):
    """Fake credentials and the handler's configuration; fresh boto3 clients."""
    fake_aws_env(monkeypatch)
    for name in (*ENV_VARIABLES, "PROOFSHEET_OUTCOME_QUEUE_URL"):
        monkeypatch.delenv(name, raising=False)  # the developer's shell must not matter
    monkeypatch.setenv("PROOFSHEET_BUCKET", BUCKET)
    monkeypatch.setenv("PROOFSHEET_OUTPUT_BUCKET", OUTPUT_BUCKET)
    monkeypatch.setenv("PROOFSHEET_TABLE", TABLE)
    aws.reset_clients()
    yield
    aws.reset_clients()


@pytest.fixture(scope="module")
def moto_endpoint():
    """A moto server over HTTP on a free port, for end-to-end tests."""
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def moto_aws(aws_env, moto_endpoint, monkeypatch):
    """Every boto3 client pointed at the moto server; the processor's resources created."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    aws.reset_clients()
    create_bucket_and_table(bucket=BUCKET, output_bucket=OUTPUT_BUCKET, table=TABLE)
    yield moto_endpoint
    requests.post(f"{moto_endpoint}/moto-api/reset", timeout=10)


@pytest.fixture
def mocked_aws(aws_env):
    with mock_aws():
        create_bucket_and_table(bucket=BUCKET, output_bucket=OUTPUT_BUCKET, table=TABLE)
        yield


@pytest.fixture
def s3(mocked_aws):
    return boto3.client("s3")


@pytest.fixture
def table(mocked_aws) -> DynamoRecordTable:
    return DynamoRecordTable(TABLE)


@pytest.fixture
def put_original(s3):
    """Upload bytes as an original; returns the eTag S3 gives it (no quotes)."""

    def put(key: str, data: bytes) -> str:
        return s3.put_object(Bucket=BUCKET, Key=key, Body=data)["ETag"].strip('"')

    return put


@pytest.fixture
def stored(s3):
    """Read an object back: ``stored(key)`` -> (bytes, head response) or None."""

    def read(key: str, bucket: str = OUTPUT_BUCKET):
        try:
            response = s3.get_object(Bucket=bucket, Key=key)
        except s3.exceptions.NoSuchKey:
            return None
        return response["Body"].read(), response

    return read


@pytest.fixture
def all_items(mocked_aws):
    """Every item in the table (a Scan: fine for a test)."""

    def scan() -> list[dict]:
        raw = boto3.client("dynamodb").scan(TableName=TABLE)["Items"]
        return [from_attributes(item) for item in raw]

    return scan


def _put_event(template: str, *, bucket: str, time: str | None, **obj) -> dict:
    """``tests/events/<template>.json`` for ``bucket``, its object's fields replaced."""
    event = load_event(template)
    record = event["Records"][0]
    record["s3"]["bucket"].update(name=bucket, arn=f"arn:aws:s3:::{bucket}")
    record["s3"]["object"].update(obj)
    if time:
        record["eventTime"] = time
    return event


@pytest.fixture
def aws_put_event():
    """AWS's S3 put notification for ``key``: encoded as AWS does (``+`` for spaces)."""

    def build(key, *, etag, size=1024, sequencer="0066360D1C3F8E2A41", bucket=BUCKET, time=None):
        key = quote_plus(key, safe="/")
        return _put_event(
            "aws_s3_put",
            bucket=bucket,
            time=time,
            key=key,
            eTag=etag,
            size=size,
            sequencer=sequencer,
        )

    return build


@pytest.fixture
def moto_put_event():
    """The notification moto delivers to SQS for ``key`` (``/`` as ``%2F``, no sequencer)."""

    def build(key, *, etag, size=1024, time=None, bucket=BUCKET):
        return _put_event(
            "moto_s3_put", bucket=bucket, time=time, key=quote_plus(key), eTag=etag, size=size
        )

    return build


# In-memory storage ------------------------------------------------------------------


@pytest.fixture
def blobs() -> MemoryBlobs:
    processor._logos.clear()  # a new store: its logo is read from it, not a warm instance's
    return MemoryBlobs()


@pytest.fixture
def memory_table() -> MemoryTable:
    return MemoryTable()
