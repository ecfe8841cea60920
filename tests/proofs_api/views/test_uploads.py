"""Issue 13: uploads that leave nothing half-done, and duplicates noticed before uploading,
through the API (every call checked against the schema) and the local upload endpoint."""

import base64
import hashlib
import json

import pytest
import requests
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from gallery import services
from gallery.models import Gallery, LocalJob, LocalRecord, Photo
from gallery.storage import storage
from gallery.worker import LocalWorker

NOT_A_PHOTO = b"hello, I am a text file with a photo's name\n" * 20


def ask_for_target(api, gallery, *, filename: str, size: int, **extra) -> dict:
    response = api.post(
        f"/api/galleries/{gallery.pk}/uploads/",
        json={"filename": filename, "size": size, "content_type": "image/jpeg", **extra},
    )
    assert response.status_code == 201, response.text
    return response.json()


def post_to_target(client, body: dict, content: bytes, name: str):
    target = body["target"]
    return client.post(
        target["url"], {**target["fields"], "file": SimpleUploadedFile(name, content)}
    )


def photo_is_gone(body: dict) -> bool:
    photo_id, key = body["photo"]["id"], body["target"]["fields"]["key"]
    return not (
        Photo.objects.filter(pk=photo_id).exists()
        or LocalRecord.objects.filter(photo_id=photo_id).exists()
        or default_storage.exists(key)
    )


def test_text_named_jpg_is_refused_for_good_and_leaves_no_photo(api, client, gallery):
    body = ask_for_target(api, gallery, filename="notes.jpg", size=len(NOT_A_PHOTO))

    refused = post_to_target(client, body, NOT_A_PHOTO, "notes.jpg")

    assert refused.status_code == 400
    assert refused.json()["retry"] is False
    assert "not an image we can read" in refused.json()["message"]
    assert photo_is_gone(body)
    assert not LocalJob.objects.exists()
    assert api.get(f"/api/galleries/{gallery.pk}/photos/").json()["results"] == []


def test_a_file_that_is_not_the_size_announced_is_refused(api, client, gallery, sample_paths):
    content = sample_paths[1].read_bytes()
    body = ask_for_target(api, gallery, filename="Landscape_1.jpg", size=len(content) - 10)

    refused = post_to_target(client, body, content, "Landscape_1.jpg")

    assert refused.status_code == 400
    assert refused.json()["retry"] is False
    assert f"arrived with {len(content)} bytes" in refused.json()["message"]
    assert photo_is_gone(body)


def test_an_expired_form_can_be_retried_and_keeps_the_photo(
    api, client, gallery, sample_paths, settings
):
    content = sample_paths[1].read_bytes()
    body = ask_for_target(api, gallery, filename="Landscape_1.jpg", size=len(content))
    settings.PROOFSHEET_UPLOAD_TARGET_SECONDS = -1

    expired = post_to_target(client, body, content, "Landscape_1.jpg")

    assert expired.status_code == 400 and "retry" not in expired.json()
    assert Photo.objects.filter(pk=body["photo"]["id"]).exists()


def test_bytes_that_reached_storage_but_are_not_an_image_are_refused_when_told(api, gallery):
    """What S3 does not check (it cannot look inside): the site checks on `uploaded/`."""
    body = ask_for_target(api, gallery, filename="notes.jpg", size=len(NOT_A_PHOTO))
    key = body["target"]["fields"]["key"]
    storage().save(key, SimpleUploadedFile("notes.jpg", NOT_A_PHOTO), content_type="image/jpeg")

    refused = api.post(f"/api/photos/{body['photo']['id']}/uploaded/")

    assert refused.status_code == 422
    assert "not an image we can read" in refused.json()["message"]
    assert photo_is_gone(body)


def test_a_refused_upload_is_abandoned_and_an_uploaded_photo_is_not(api, gallery, sample_paths):
    body = ask_for_target(api, gallery, filename="big.jpg", size=5000)
    assert api.post(f"/api/photos/{body['photo']['id']}/abandon/").status_code == 204
    assert photo_is_gone(body)

    with sample_paths[0].open("rb") as handle:
        kept = services.photo_import(gallery=gallery, filename="kept.jpg", file=handle)
    refused = api.post(f"/api/photos/{kept.pk}/abandon/")
    assert refused.status_code == 400
    assert Photo.objects.filter(pk=kept.pk).exists()


def test_the_upload_form_takes_exactly_the_announced_size(api, gallery):
    from gallery.storage import local

    body = ask_for_target(api, gallery, filename="a.jpg", size=1234)
    fields = body["target"]["fields"]
    assert local.read_upload_policy(fields["policy"], key=fields["key"])["size"] == 1234


# Duplicates ----------------------------------------------------------------------------


@pytest.fixture
def stored_photo(gallery, sample_paths):
    with sample_paths[1].open("rb") as handle:
        return services.photo_import(gallery=gallery, filename="Landscape_1.jpg", file=handle)


def test_duplicates_are_found_by_content_or_by_name_and_size(
    api, gallery, stored_photo, sample_paths
):
    content = sample_paths[1].read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    api.post(
        f"/api/galleries/{gallery.pk}/uploads/",
        json={
            "filename": "renamed.jpg",
            "size": len(content),
            "content_type": "image/jpeg",
            "sha256": digest,
        },
    )
    files = [
        {"filename": "Landscape_1.jpg", "size": len(content)},  # same name and size
        {"filename": "copy.jpg", "size": len(content), "sha256": digest},  # same content
        {"filename": "Landscape_1.jpg", "size": len(content) + 1},  # another file
        {"filename": "Landscape_2.jpg", "size": 1000, "sha256": "0" * 64},
    ]

    response = api.post(f"/api/galleries/{gallery.pk}/duplicates/", json={"files": files})

    assert response.status_code == 200, response.text
    found = response.json()["duplicates"]
    assert found[0] == {
        "index": 0,
        "photo": stored_photo.pk,
        "filename": "Landscape_1.jpg",
        "reason": "same name and size",
    }
    assert (found[1]["index"], found[1]["filename"], found[1]["reason"]) == (
        1,
        "renamed.jpg",
        "same content",
    )
    assert len(found) == 2


def test_a_replacement_takes_the_place_of_the_earlier_photo_once_stored(
    api, client, gallery, stored_photo, sample_paths
):
    LocalWorker().run_pending()
    services.photos_reorder(gallery=gallery, photo_ids=[stored_photo.pk])
    services.photo_set_hidden(photo=stored_photo, hidden=True)
    services.gallery_set_cover(gallery=gallery, photo=stored_photo)
    old_keys = storage().list_keys(
        f"originals/{gallery.pk}/{stored_photo.pk}"
    ) + storage().list_keys(f"renditions/{gallery.pk}/{stored_photo.pk}")
    assert len(old_keys) > 1
    content = sample_paths[2].read_bytes()
    body = ask_for_target(
        api, gallery, filename="Landscape_1.jpg", size=len(content), replaces=stored_photo.pk
    )

    # Until the new file is safely stored, the earlier photo is untouched.
    assert all(default_storage.exists(key) for key in old_keys)
    assert Photo.objects.filter(pk=stored_photo.pk).exists()
    assert post_to_target(client, body, content, "Landscape_1.jpg").status_code == 201

    new = Photo.objects.get(pk=body["photo"]["id"])
    assert not Photo.objects.filter(pk=stored_photo.pk).exists()
    assert not any(default_storage.exists(key) for key in old_keys)
    assert not LocalRecord.objects.filter(photo_id=stored_photo.pk).exists()
    assert (new.position, new.hidden) == (stored_photo.position, True)
    assert Gallery.objects.get(pk=gallery.pk).cover_photo_id == new.pk


def test_a_refused_replacement_leaves_the_earlier_photo_as_it_was(
    api, client, gallery, stored_photo
):
    body = ask_for_target(
        api, gallery, filename="Landscape_1.jpg", size=len(NOT_A_PHOTO), replaces=stored_photo.pk
    )

    assert post_to_target(client, body, NOT_A_PHOTO, "Landscape_1.jpg").status_code == 400

    assert photo_is_gone(body)
    assert Photo.objects.get(pk=stored_photo.pk).upload_state == Photo.UploadState.UPLOADED
    assert default_storage.exists(stored_photo.original_key)


def test_a_photo_of_another_gallery_cannot_be_replaced(api, gallery, other_gallery):
    theirs = services.photo_create(
        gallery=other_gallery, filename="x.jpg", size=10, content_type="image/jpeg"
    )
    response = api.post(
        f"/api/galleries/{gallery.pk}/uploads/",
        json={"filename": "x.jpg", "size": 10, "content_type": "image/jpeg", "replaces": theirs.pk},
    )
    assert response.status_code == 404


@pytest.mark.e2e
def test_in_aws_mode_s3_takes_only_the_announced_size_and_the_site_checks_the_content(
    aws_mode, api, photographer
):
    gallery = services.gallery_create(owner=photographer, title="Refusals, aws mode")
    body = ask_for_target(api, gallery, filename="notes.jpg", size=len(NOT_A_PHOTO))
    target = body["target"]
    policy = json.loads(base64.b64decode(target["fields"]["policy"]))
    size = len(NOT_A_PHOTO)
    assert ["content-length-range", size, size] in policy["conditions"]
    # S3 stores what its policy allows; it cannot see that the bytes are not a photo.
    posted = requests.post(
        target["url"], data=target["fields"], files={"file": ("notes.jpg", NOT_A_PHOTO)}, timeout=30
    )
    assert posted.ok, posted.text
    assert aws_mode.keys("originals/") == [target["fields"]["key"]]

    refused = api.post(f"/api/photos/{body['photo']['id']}/uploaded/")

    assert refused.status_code == 422
    assert "not an image we can read" in refused.json()["message"]
    assert aws_mode.keys("originals/") == []
    assert not Photo.objects.filter(pk=body["photo"]["id"]).exists()
    items = {item["photo_id"]["S"] for item in aws_mode.items(gallery.pk)}
    assert body["photo"]["id"] not in items
