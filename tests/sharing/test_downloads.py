"""Downloads follow the gallery's policy and the link; originals only after release."""

import io
import zipfile

import boto3
import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from moto import mock_aws

from gallery import aws
from gallery import selectors as gallery_selectors
from gallery import services as gallery_services
from gallery.models import Gallery
from sharing import exports, selectors, services
from sharing.models import Export, LinkEvent, ReleasedPhoto
from tests import aws_fixtures

from .conftest import api


def original_bytes(photo) -> bytes:
    with default_storage.open(photo.original_key, "rb") as handle:
        return handle.read()


def proof_bytes(photo) -> bytes:
    key = gallery_selectors.photo_view(photo=photo).rendition("proof")["key"]
    with default_storage.open(key, "rb") as handle:
        return handle.read()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def zip_members(response) -> dict[str, bytes]:
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(body(response))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def set_policy(gallery, policy):
    gallery_services.gallery_update(gallery=gallery, download_policy=policy)


def test_no_downloads_by_default(link, photos, join):
    _share, token = link
    ada = join(token)
    data = ada.get(api(token, "api_state")).json()
    assert data["link"]["downloads"] == "none"
    assert data["download_all"] is None and all(p["download"] is None for p in data["photos"])
    assert ada.get(api(token, "download", photos[0].pk)).status_code == 404
    assert ada.get(api(token, "download_all")).status_code == 404


def test_proofs_policy_gives_watermarked_proofs_one_by_one_and_zipped(link, photos, join, gallery):
    share, token = link
    set_policy(gallery, Gallery.DownloadPolicy.PROOFS)
    ada = join(token)
    photo = ada.get(api(token, "api_state")).json()["photos"][0]
    assert photo["download"] == api(token, "download", photos[0].pk)
    response = ada.get(photo["download"])
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert body(response) == proof_bytes(photos[0]) != original_bytes(photos[0])
    members = zip_members(ada.get(api(token, "download_all")))
    assert sorted(members.values()) == sorted(proof_bytes(p) for p in photos)
    assert LinkEvent.objects.filter(link=share, kind__startswith="download").count() == 2


def test_a_link_without_downloads_offers_none(gallery, photos, make_link, join):
    set_policy(gallery, Gallery.DownloadPolicy.PROOFS)
    _share, token = make_link(gallery, allow_downloads=False)
    ada = join(token)
    assert ada.get(api(token, "api_state")).json()["link"]["downloads"] == "none"
    assert ada.get(api(token, "download", photos[0].pk)).status_code == 404


def test_originals_wait_for_release_then_come_whole_or_as_the_selection(
    link, photos, join, gallery
):
    _share, token = link
    set_policy(gallery, Gallery.DownloadPolicy.ORIGINALS)
    ada = join(token)
    data = ada.get(api(token, "api_state")).json()
    assert data["link"]["downloads"] == "waiting"
    assert "once your photographer releases them" in ada.get(api(token, "gallery")).text
    assert ada.get(api(token, "download", photos[0].pk)).status_code == 404
    assert ada.get(api(token, "download_all")).status_code == 404

    # Release the submitted selection only: the chosen photo's original, no other.
    ada.post(api(token, "api_favourite", photos[1].pk))
    ada.post(api(token, "api_submit"))
    services.gallery_release(gallery=gallery, scope=Gallery.Release.SELECTION)
    response = ada.get(api(token, "download", photos[1].pk))
    assert body(response) == original_bytes(photos[1])
    assert response["Content-Disposition"].startswith("attachment")
    assert ada.get(api(token, "download", photos[0].pk)).status_code == 404
    assert list(zip_members(ada.get(api(token, "download_all"))).values()) == [
        original_bytes(photos[1])
    ]

    # The whole gallery: every original, as files and in the ZIP.
    services.gallery_release(gallery=gallery, scope=Gallery.Release.ALL)
    members = zip_members(ada.get(api(token, "download_all")))
    assert sorted(members) == sorted(p.filename for p in photos)
    assert sorted(members.values()) == sorted(original_bytes(p) for p in photos)

    # Withdrawn: private again.
    services.gallery_release(gallery=gallery, scope=Gallery.Release.NONE)
    assert ada.get(api(token, "download", photos[1].pk)).status_code == 404


def test_a_selection_release_is_fixed_when_released(link, photos, join, gallery):
    share, token = link
    set_policy(gallery, Gallery.DownloadPolicy.ORIGINALS)
    ada = join(token)
    ada.post(api(token, "api_favourite", photos[0].pk))
    ada.post(api(token, "api_submit"))
    services.gallery_release(gallery=gallery, scope=Gallery.Release.SELECTION)
    services.selection_reopen(visitor=share.visitors.get())
    ada.post(api(token, "api_favourite", photos[2].pk))
    ada.post(api(token, "api_submit"))
    assert selectors.released_photo_ids(gallery=gallery) == {photos[0].pk}
    assert ada.get(api(token, "download", photos[2].pk)).status_code == 404


def test_release_needs_the_originals_policy_and_a_submitted_selection(gallery, photos):
    with pytest.raises(ValidationError, match="Originals after release"):
        services.gallery_release(gallery=gallery, scope=Gallery.Release.ALL)
    set_policy(gallery, Gallery.DownloadPolicy.ORIGINALS)
    with pytest.raises(ValidationError, match="No client has submitted"):
        services.gallery_release(gallery=gallery, scope=Gallery.Release.SELECTION)
    gallery.refresh_from_db()
    assert gallery.release == Gallery.Release.NONE and gallery.released_at is None


def test_two_files_of_the_same_name_both_go_in_the_zip(link, photos, join, gallery):
    _share, token = link
    set_policy(gallery, Gallery.DownloadPolicy.ORIGINALS)
    photos[1].filename = photos[0].filename
    photos[1].save()
    services.gallery_release(gallery=gallery, scope=Gallery.Release.ALL)
    members = zip_members(join(token).get(api(token, "download_all")))
    stem = photos[0].filename.rsplit(".", 1)[0]
    assert f"{stem} (2).jpg" in members and len(members) == 3


BUCKET = "proofsheet-export-test"
TABLE = "proofsheet-export-test-photos"


@pytest.fixture
def s3_mode(settings, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_LAMBDA_FUNCTION_NAME", raising=False)  # Zappa runs tasks in place
    settings.PROOFSHEET_MODE = "aws"
    settings.PROOFSHEET_BUCKET = settings.PROOFSHEET_OUTPUT_BUCKET = BUCKET
    settings.PROOFSHEET_TABLE = TABLE
    settings.PROOFSHEET_REGION = "us-east-1"
    settings.PROOFSHEET_AWS_ENDPOINT_URL = ""
    with mock_aws():
        aws.reset_clients()
        aws_fixtures.create_bucket_and_table(bucket=BUCKET, table=TABLE)
        settings.PROOFSHEET_RENDER_QUEUE_URL = aws_fixtures.create_render_queue()
        yield boto3.client("s3", region_name="us-east-1")
    aws.reset_clients()


def test_on_aws_the_zip_is_built_by_a_task_into_exports(link, photos, gallery, s3_mode):
    share, _token = link
    set_policy(gallery, Gallery.DownloadPolicy.ORIGINALS)
    services.gallery_release(gallery=gallery, scope=Gallery.Release.ALL)
    for photo in photos:  # the originals, where the web side reads them on AWS
        s3_mode.put_object(Bucket=BUCKET, Key=photo.original_key, Body=original_bytes(photo))

    export = exports.export_start(link=share, photo_ids=[p.pk for p in photos])
    export.refresh_from_db()
    assert export.state == Export.State.READY
    assert export.key == f"exports/{gallery.pk}/{export.pk}.zip"
    archive = s3_mode.get_object(Bucket=BUCKET, Key=export.key)["Body"].read()
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert sorted(opened.read(n) for n in opened.namelist()) == sorted(
            original_bytes(p) for p in photos
        )
    url = exports.export_url(export=export, filename="Harbour wedding.zip")
    assert export.key in url and "X-Amz-Signature" in url
    assert "response-content-disposition=attachment" in url

    # The same set asked again reuses the archive; a withdrawn release builds nothing.
    assert exports.export_start(link=share, photo_ids=[p.pk for p in photos]) == export
    services.gallery_release(gallery=gallery, scope=Gallery.Release.NONE)
    ReleasedPhoto.objects.all().delete()
    again = exports.export_start(link=share, photo_ids=[photos[0].pk])
    again.refresh_from_db()
    with zipfile.ZipFile(
        io.BytesIO(s3_mode.get_object(Bucket=BUCKET, Key=again.key)["Body"].read())
    ) as opened:
        assert opened.namelist() == []
