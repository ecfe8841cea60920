"""Fixtures shared by the whole suite; each app's conftest builds on these."""

import time
from pathlib import Path

import pytest

from tests.factories import UserFactory

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples" / "orientation"
OUTPUT = REPO / "test-output"


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Every test gets its own empty storage folder for originals and renditions."""
    storages = {**settings.STORAGES}
    storages["default"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path / "storage", "base_url": None},
    }
    settings.STORAGES = storages
    return tmp_path / "storage"


@pytest.fixture
def wait_for():
    """Polls until `condition()` is truthy and returns its value; fails at the deadline."""

    def wait(condition, *, timeout: float = 60, every: float = 0.1):
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting after {timeout} s")
            time.sleep(every)

    return wait


@pytest.fixture
def sample_paths() -> list[Path]:
    return [SAMPLES / f"Landscape_{n}.jpg" for n in range(9)]


@pytest.fixture
def photographer(db):
    return UserFactory()


@pytest.fixture
def other_photographer(db):
    return UserFactory()


@pytest.fixture
def signed_in(client, photographer):
    client.force_login(photographer)
    return client


def published_gallery(**fields):
    """A gallery its clients can see (not a draft), as every gallery was before drafts;
    photos put into it with `tests.photos.import_photos` are published too."""
    from gallery import services

    gallery = services.gallery_create(**fields)
    services.gallery_publish(gallery=gallery)
    return gallery


@pytest.fixture
def gallery(photographer):
    return published_gallery(owner=photographer, title="Harbour wedding")


@pytest.fixture
def other_gallery(other_photographer):
    return published_gallery(owner=other_photographer, title="Someone else's shoot")


@pytest.fixture
def local_worker(live_server):
    """The local mode's processing thread against the live server's database, as in
    `make run`."""
    from gallery.worker import LocalWorker

    worker = LocalWorker(poll_seconds=0.2)
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@pytest.fixture
def aws_mode(settings, monkeypatch):
    """The site in aws mode against a moto server over HTTP: bucket (with CORS for the live
    server), table, the bucket's notification queue and the render queue."""
    import boto3

    from config.settings.base import storages_for
    from gallery import aws as web_aws
    from lambda_processor import aws as processor_aws
    from tests import aws_fixtures

    with aws_fixtures.moto_server() as endpoint:
        aws_fixtures.fake_aws_env(monkeypatch, endpoint_url=endpoint)
        bucket, table = "proofsheet-test-originals", "proofsheet-test-photos"
        aws_fixtures.create_bucket_and_table(bucket=bucket, table=table, endpoint_url=endpoint)
        queue_url, queue_arn = aws_fixtures.create_notified_queue(
            bucket=bucket, queue="proofsheet-test-originals-created", endpoint_url=endpoint
        )
        sqs = boto3.client("sqs", region_name=aws_fixtures.REGION, endpoint_url=endpoint)
        extra_queues = {}
        for name in ("render", "outcomes"):
            url = sqs.create_queue(QueueName=f"proofsheet-test-{name}")["QueueUrl"]
            arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
            extra_queues[name] = (url, arn["Attributes"]["QueueArn"])
        boto3.client("s3", region_name=aws_fixtures.REGION, endpoint_url=endpoint).put_bucket_cors(
            Bucket=bucket,
            CORSConfiguration={
                "CORSRules": [
                    {
                        "AllowedOrigins": ["*"],
                        "AllowedMethods": ["POST", "GET"],
                        "AllowedHeaders": ["*"],
                    }
                ]
            },
        )
        processor_env = {
            "PROOFSHEET_BUCKET": bucket,
            "PROOFSHEET_TABLE": table,
            "PROOFSHEET_OUTCOME_QUEUE_URL": extra_queues["outcomes"][0],
        }
        for name, value in processor_env.items():
            monkeypatch.setenv(name, value)
        settings.PROOFSHEET_MODE = "aws"
        settings.PROOFSHEET_BUCKET = settings.PROOFSHEET_OUTPUT_BUCKET = bucket
        settings.PROOFSHEET_TABLE = table
        settings.PROOFSHEET_REGION = aws_fixtures.REGION
        settings.PROOFSHEET_AWS_ENDPOINT_URL = endpoint
        settings.PROOFSHEET_RENDER_QUEUE_URL = extra_queues["render"][0]
        settings.STORAGES = {
            **settings.STORAGES,
            "default": storages_for(
                "aws", bucket=bucket, region=aws_fixtures.REGION, endpoint_url=endpoint
            )["default"],
        }
        web_aws.reset_clients()
        processor_aws.reset_clients()
        yield AwsStack(
            endpoint=endpoint,
            bucket=bucket,
            table=table,
            queues={"originals": (queue_url, queue_arn), **extra_queues},
        )
        web_aws.reset_clients()
        processor_aws.reset_clients()


class AwsStack:
    def __init__(self, *, endpoint, bucket, table, queues):
        self.endpoint, self.bucket, self.table, self.queues = endpoint, bucket, table, queues

    def client(self, service):
        import boto3

        return boto3.client(service, region_name="us-east-1", endpoint_url=self.endpoint)

    def keys(self, prefix: str = "") -> list[str]:
        pages = (
            self.client("s3")
            .get_paginator("list_objects_v2")
            .paginate(Bucket=self.bucket, Prefix=prefix)
        )
        return sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))

    def items(self, gallery_id: str) -> list[dict]:
        return self.client("dynamodb").query(
            TableName=self.table,
            KeyConditionExpression="gallery_id = :g",
            ExpressionAttributeValues={":g": {"S": gallery_id}},
        )["Items"]


@pytest.fixture
def processor_lambda(aws_mode):
    """Stands where AWS invokes the functions: S3's notifications and render requests go to
    the real processor handler, the processor's outcome messages to the web stage's
    consumer, each as the event Lambda builds from SQS messages."""
    import threading

    import boto3
    from django.db import close_old_connections

    from gallery.dispatch.aws import consume_outcome_event
    from lambda_processor.handler import handle
    from tests import aws_fixtures

    stop = threading.Event()
    sqs = boto3.client("sqs", region_name=aws_fixtures.REGION, endpoint_url=aws_mode.endpoint)
    handled = []
    functions = {"originals": handle, "render": handle, "outcomes": consume_outcome_event}

    def consume():
        while not stop.is_set():
            for name, (url, arn) in aws_mode.queues.items():
                messages = sqs.receive_message(
                    QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0, AttributeNames=["All"]
                ).get("Messages", [])
                if not messages:
                    continue
                event = aws_fixtures.lambda_sqs_event(messages, queue_arn=arn)
                try:
                    handled.append((name, functions[name](event, None)))
                except Exception as error:  # as on Lambda: the messages stay, to be retried
                    handled.append((name, error))
                    continue
                finally:
                    close_old_connections()
                for message in messages:
                    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            stop.wait(0.2)

    thread = threading.Thread(target=consume, name="processor-lambda", daemon=True)
    thread.start()
    yield handled
    stop.set()
    thread.join(10)


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # the controller, before any worker
        (OUTPUT / "schemathesis-summary.txt").unlink(missing_ok=True)


def pytest_collection_modifyitems(items):
    """The few long tests (marked `long`) start first: xdist then shares the short ones
    out around them, instead of one worker finishing a long test alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


def pytest_terminal_summary(terminalreporter):
    """Schemathesis's summary lines (tests/proofs_api/test_contract.py), also under xdist,
    whose workers' prints are not shown."""
    summary = OUTPUT / "schemathesis-summary.txt"
    if summary.exists():
        terminalreporter.write_sep("-", "schemathesis")
        terminalreporter.write_line(summary.read_text().rstrip())


def make_logo_png(size=(240, 80), colour=(200, 40, 30, 255)) -> bytes:
    """A small logo: a solid shape on a transparent background, as a studio's PNG is."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((4, 4, size[0] - 5, size[1] - 5), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def logo_png() -> bytes:
    return make_logo_png()


@pytest.fixture
def studio(photographer):
    """The photographer's studio profile, without a logo."""
    from tests.factories import StudioFactory

    return StudioFactory(owner=photographer)


@pytest.fixture
def studio_with_logo(studio, logo_png):
    from gallery import branding

    return branding.studio_logo_set(owner=studio.owner, data=logo_png)
