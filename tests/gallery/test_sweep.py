"""Issue 13, must-show 2: an upload target issued and never used, and an upload given up
after its bytes arrived, are swept (both modes), leaving no row, no record and no object;
an upload still within PROOFSHEET_UPLOAD_SWEEP_AFTER is left alone."""

import io
from datetime import timedelta

import pytest
import requests
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from gallery import services
from gallery.models import LocalRecord, Photo
from gallery.storage import storage
from gallery.sweep import UploadSweeper, sweep_abandoned_uploads
from lambda_processor.records import GALLERY_SETTINGS_SORT_KEY


def issue_target(client, gallery, *, filename: str, size: int) -> dict:
    response = client.post(
        reverse("api:gallery-uploads", args=[gallery.pk]),
        {"filename": filename, "size": size, "content_type": "image/jpeg"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def age(*bodies: dict, settings) -> None:
    """As if the forms had been handed out longer ago than the sweep waits."""
    then = timezone.now() - settings.PROOFSHEET_UPLOAD_SWEEP_AFTER - timedelta(minutes=1)
    Photo.objects.filter(pk__in=[b["photo"]["id"] for b in bodies]).update(upload_target_at=then)


def test_the_local_sweeper_removes_abandoned_uploads(
    signed_in, gallery, stored_keys, sample_paths, settings
):
    content = sample_paths[1].read_bytes()
    never_used = issue_target(signed_in, gallery, filename="never.jpg", size=len(content))
    # The browser closed after the bytes arrived, before it said the upload was done.
    closed = issue_target(signed_in, gallery, filename="closed.jpg", size=len(content))
    storage().save(closed["target"]["fields"]["key"], io.BytesIO(content), content_type="")
    recent = issue_target(signed_in, gallery, filename="recent.jpg", size=len(content))
    age(never_used, closed, settings=settings)

    assert UploadSweeper().run_pending() == 0  # the loop's one unit: one sweep

    assert list(Photo.objects.values_list("pk", flat=True)) == [recent["photo"]["id"]]
    records = LocalRecord.objects.filter(gallery_id=gallery.pk).values_list("photo_id", flat=True)
    assert set(records) == {GALLERY_SETTINGS_SORT_KEY, recent["photo"]["id"]}
    assert stored_keys("originals/") == []
    assert not default_storage.exists(closed["target"]["fields"]["key"])


def test_an_uploaded_photo_is_never_swept(gallery, sample_paths, settings):
    with sample_paths[0].open("rb") as handle:
        photo = services.photo_import(gallery=gallery, filename="kept.jpg", file=handle)
    later = timezone.now() + settings.PROOFSHEET_UPLOAD_SWEEP_AFTER * 2
    assert services.photos_sweep_abandoned(now=later) == 0
    assert Photo.objects.filter(pk=photo.pk).exists()


@pytest.mark.e2e
def test_the_scheduled_sweep_removes_abandoned_uploads_from_s3_and_dynamodb(
    aws_mode, signed_in, photographer, sample_paths, settings
):
    gallery = services.gallery_create(owner=photographer, title="Abandoned, aws mode")
    content = sample_paths[1].read_bytes()
    never_used = issue_target(signed_in, gallery, filename="never.jpg", size=len(content))
    closed = issue_target(signed_in, gallery, filename="closed.jpg", size=len(content))
    # The browser's POST to S3 (moto) arrived; then the tab was closed.
    target = closed["target"]
    posted = requests.post(
        target["url"], data=target["fields"], files={"file": ("closed.jpg", content)}, timeout=30
    )
    assert posted.status_code in (200, 201, 204), posted.text
    recent = issue_target(signed_in, gallery, filename="recent.jpg", size=len(content))
    assert aws_mode.keys("originals/") == [target["fields"]["key"]]
    age(never_used, closed, settings=settings)

    # Zappa's schedule calls it with (event, context).
    assert sweep_abandoned_uploads({"source": "aws.events"}, None) == 2

    assert list(Photo.objects.values_list("pk", flat=True)) == [recent["photo"]["id"]]
    assert aws_mode.keys("originals/") == []
    items = {item["photo_id"]["S"] for item in aws_mode.items(gallery.pk)}
    assert items == {GALLERY_SETTINGS_SORT_KEY, recent["photo"]["id"]}
