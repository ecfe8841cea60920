"""The client's side in aws mode, against a moto server over HTTP: images and downloads are
presigned S3 URLs, and the ZIP is built by a Zappa task into `exports/` and fetched."""

import io
import zipfile

import pytest
import requests

from gallery import services as gallery_services
from gallery.models import Gallery
from lambda_processor.handler import handle
from sharing import selectors, services
from tests import aws_fixtures
from tests.photos import import_photos

from .conftest import api

pytestmark = pytest.mark.e2e


@pytest.fixture
def aws_photos(aws_mode, gallery, sample_paths, monkeypatch):
    """Two photos uploaded to the bucket and processed by the real handler, as S3 -> SQS
    -> Lambda would."""
    monkeypatch.delenv("AWS_LAMBDA_FUNCTION_NAME", raising=False)  # Zappa tasks run in place
    photos = import_photos(gallery, sample_paths[:2])
    queue_url, queue_arn = aws_mode.queues["originals"]
    messages = aws_fixtures.receive_until(
        queue_url,
        lambda received: sum("ObjectCreated" in m["Body"] for m in received) >= 2,
        endpoint_url=aws_mode.endpoint,
    )
    handle(aws_fixtures.lambda_sqs_event(messages, queue_arn=queue_arn), None)
    assert len(selectors.client_photos(gallery=gallery)) == 2
    return photos


def original(aws_mode, photo) -> bytes:
    s3 = aws_mode.client("s3")
    return s3.get_object(Bucket=aws_mode.bucket, Key=photo.original_key)["Body"].read()


def test_presigned_images_downloads_and_the_zip_on_aws(
    aws_mode, aws_photos, gallery, make_link, join
):
    gallery_services.gallery_update(
        gallery=gallery, download_policy=Gallery.DownloadPolicy.ORIGINALS
    )
    _link, token = make_link(gallery)
    ada = join(token)

    page = ada.get(api(token, "gallery"))
    state = ada.get(api(token, "api_state")).json()
    assert page["Referrer-Policy"] == "same-origin"  # S3 never sees the page's address
    for body in (page.content.decode(), str(state)):
        assert f"originals/{gallery.pk}" not in body  # (the test bucket's name ends "originals")
    thumb = requests.get(state["photos"][0]["thumb"], timeout=10)
    assert thumb.status_code == 200 and thumb.content[:2] == b"\xff\xd8"
    assert state["photos"][0]["thumb"].startswith(aws_mode.endpoint)
    ids = [photo["id"] for photo in state["photos"]]  # `?ids=` reads them by BatchGetItem
    asked = ada.get(api(token, "api_state"), {"ids": ",".join(reversed(ids))}).json()["photos"]
    assert [photo["id"] for photo in asked] == ids
    assert asked[1]["thumb"].startswith(aws_mode.endpoint)
    assert ada.get(api(token, "download", aws_photos[0].pk)).status_code == 404

    services.gallery_release(gallery=gallery, scope=Gallery.Release.ALL)
    response = ada.get(api(token, "download", aws_photos[0].pk))
    assert response.status_code == 302
    assert "response-content-disposition=attachment" in response["Location"]
    fetched = requests.get(response["Location"], timeout=10)
    assert fetched.content == original(aws_mode, aws_photos[0])
    assert "attachment" in fetched.headers["Content-Disposition"]

    # The ZIP: the page waits for the task, which ran in place here and wrote exports/.
    waiting = ada.get(api(token, "download_all"))
    assert waiting.status_code == 200
    status_url = next(
        line.split('data-status-url="')[1].split('"')[0]
        for line in waiting.content.decode().splitlines()
        if "data-status-url" in line
    )
    status = ada.get(status_url).json()
    assert status["state"] == "ready"
    assert f"exports/{gallery.pk}/" in status["url"]
    archive = requests.get(status["url"], timeout=10)
    with zipfile.ZipFile(io.BytesIO(archive.content)) as opened:
        assert sorted(opened.read(name) for name in opened.namelist()) == sorted(
            original(aws_mode, photo) for photo in aws_photos
        )

    # A withdrawn release stops the archive too.
    services.gallery_release(gallery=gallery, scope=Gallery.Release.NONE)
    assert ada.get(status_url).status_code == 410
