"""A ZIP export on AWS streams into S3 as a multipart upload: an archive larger than the
space the function may write to disk is built all the same, its memory bounded by the
part size, and every member reads back intact."""

import contextlib
import hashlib
import io
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile

import boto3
import pytest
import requests

from gallery import aws
from gallery import services as gallery_services
from gallery.models import Gallery
from sharing import exports, services
from sharing.models import Export
from tests.aws_fixtures import FAKE_AWS_ENV, REGION, create_bucket_and_table, create_render_queue

MIB = 1024 * 1024
TEMPORARY_SPACE = 4 * MIB  # what the export may write to local files, as a small /tmp
PART_BYTES = aws.MIN_PART_BYTES  # S3's smallest part, so the test's archive is small too
PARALLEL = 2  # parts in flight
ORIGINAL_BYTES = 9 * MIB  # three originals: 27 MiB, over the bound on memory below
BUCKET, TABLE = "proofsheet-export-test", "proofsheet-export-photos"


@contextlib.contextmanager
def moto_process():
    """A moto server in its own process: what it stores counts neither against this
    process's file limit nor in its traced memory."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{endpoint}/moto-api/", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.1)  # the server is starting: nothing to wait on but its port
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextlib.contextmanager
def temporary_space(limit: int):
    """Any file this process grows past `limit` bytes fails (EFBIG), as a full /tmp would."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def release_originals(gallery) -> None:
    gallery_services.gallery_update(
        gallery=gallery, download_policy=Gallery.DownloadPolicy.ORIGINALS
    )
    services.gallery_release(gallery=gallery, scope=Gallery.Release.ALL)


@pytest.fixture
def aws_mode(settings, monkeypatch):
    with moto_process() as endpoint:
        for name, value in FAKE_AWS_ENV.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("AWS_LAMBDA_FUNCTION_NAME", raising=False)  # tasks run in place
        create_bucket_and_table(bucket=BUCKET, table=TABLE, endpoint_url=endpoint)
        settings.PROOFSHEET_MODE = "aws"
        settings.PROOFSHEET_BUCKET = settings.PROOFSHEET_OUTPUT_BUCKET = BUCKET
        settings.PROOFSHEET_TABLE = TABLE
        settings.PROOFSHEET_REGION = REGION
        settings.PROOFSHEET_AWS_ENDPOINT_URL = endpoint
        settings.PROOFSHEET_RENDER_QUEUE_URL = create_render_queue(endpoint_url=endpoint)
        settings.PROOFSHEET_EXPORT_PART_BYTES = PART_BYTES
        settings.PROOFSHEET_EXPORT_PARALLEL_PARTS = PARALLEL
        aws.reset_clients()
        yield boto3.client("s3", region_name=REGION, endpoint_url=endpoint)
    aws.reset_clients()


def test_an_export_larger_than_the_temporary_space_streams_into_s3(link, photos, gallery, aws_mode):
    share, _token = link
    release_originals(gallery)
    originals = {}
    for photo in photos:
        data = os.urandom(ORIGINAL_BYTES)  # incompressible, as photos are
        aws_mode.put_object(Bucket=BUCKET, Key=photo.original_key, Body=data)
        originals[photo.filename] = hashlib.sha256(data).hexdigest()
    assert len(originals) == len(photos), "the sample photos have distinct names"
    # The limit bites: a file past it fails.
    with (
        temporary_space(TEMPORARY_SPACE),
        tempfile.TemporaryFile(buffering=0) as spill,
        pytest.raises(OSError),
    ):
        assert spill.write(b"\0" * TEMPORARY_SPACE) == TEMPORARY_SPACE
        spill.write(b"\0")

    # Clients load botocore's models (~11 MiB, once per process; Zappa makes its own when
    # sharing.tasks is first imported): before tracing, so that the peak is the export's.
    import sharing.tasks  # noqa: F401

    aws.client("s3").head_bucket(Bucket=BUCKET)
    aws.client("dynamodb").describe_table(TableName=TABLE)
    tracemalloc.start()
    try:
        with temporary_space(TEMPORARY_SPACE):
            export = exports.export_start(link=share, photo_ids=[p.pk for p in photos])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    export.refresh_from_db()
    assert export.state == Export.State.READY, export.error
    archive = aws_mode.get_object(Bucket=BUCKET, Key=export.key)["Body"].read()
    print(
        f"export of {len(archive) / MIB:.1f} MiB, temporary space {TEMPORARY_SPACE / MIB:.0f} MiB, "
        f"parts of {PART_BYTES / MIB:.0f} MiB: peak traced memory {peak / MIB:.1f} MiB"
    )
    # The parts in flight (each read 1 MiB at a time for its checksum), the part being
    # filled, and a chunk read and written: whatever the archive's size.
    bound = (PARALLEL + 2) * (PART_BYTES + MIB)
    assert len(archive) > bound > peak
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert opened.testzip() is None  # every member read back, its CRC-32 checked
        assert {
            info.filename: hashlib.sha256(opened.read(info)).hexdigest()
            for info in opened.infolist()
        } == originals
    # Nothing left half-uploaded in the bucket.
    assert aws_mode.list_multipart_uploads(Bucket=BUCKET).get("Uploads", []) == []


def test_a_failed_export_leaves_no_parts_behind(link, photos, gallery, aws_mode):
    share, _token = link
    release_originals(gallery)
    first = photos[0]  # only the first original is in the bucket
    aws_mode.put_object(Bucket=BUCKET, Key=first.original_key, Body=os.urandom(PART_BYTES + 1))

    export = exports.export_start(link=share, photo_ids=[p.pk for p in photos])

    export.refresh_from_db()
    assert export.state == Export.State.FAILED
    assert export.error == "The archive could not be built (NoSuchKey)."
    assert aws_mode.list_objects_v2(Bucket=BUCKET, Prefix="exports/").get("KeyCount") == 0
    assert aws_mode.list_multipart_uploads(Bucket=BUCKET).get("Uploads", []) == []
