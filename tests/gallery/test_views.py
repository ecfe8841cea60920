import json
import re
import time

import pytest
from django.core import signing
from django.urls import reverse

from gallery import selectors, services
from gallery.models import Gallery, LocalJob, Photo
from gallery.storage import storage


def test_signed_out_visitors_are_sent_to_sign_in(client, gallery):
    response = client.get(reverse("gallery:detail", args=[gallery.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_owner_sees_the_workspace(signed_in, gallery):
    response = signed_in.get(reverse("gallery:detail", args=[gallery.pk]))
    assert response.status_code == 200
    assert gallery.title in response.content.decode()


def test_the_workspace_takes_its_accepted_types_from_the_settings(signed_in, gallery, settings):
    settings.PROOFSHEET_ACCEPTED_TYPES = {
        "image/png": ("PNG", (".png",)),
        "image/heic": ("HEIC", (".heic",)),
    }
    response = signed_in.get(reverse("gallery:detail", args=[gallery.pk]))
    html = response.content.decode()
    accept = "image/png,image/heic,.png,.heic"
    assert f'data-accept="{accept}"' in html and f'accept="{accept}"' in html
    assert "&quot;.heic&quot;: &quot;image/heic&quot;" in html  # for files without a type
    assert "PNG or HEIC, up to" in html
    assert "JPEG" not in html


@pytest.mark.parametrize("name", ["detail", "edit", "delete"])
def test_another_photographers_gallery_pages_answer_404(signed_in, other_gallery, name):
    assert signed_in.get(reverse(f"gallery:{name}", args=[other_gallery.pk])).status_code == 404


def test_another_photographer_cannot_delete_or_archive_by_post(signed_in, other_gallery):
    delete = reverse("gallery:delete", args=[other_gallery.pk])
    archive = reverse("gallery:archive", args=[other_gallery.pk])
    assert signed_in.post(delete, {"confirm_title": other_gallery.title}).status_code == 404
    assert signed_in.post(archive).status_code == 404
    other_gallery.refresh_from_db()
    assert other_gallery.archived_at is None


def test_gallery_list_shows_only_ones_own(signed_in, gallery, other_gallery):
    page = signed_in.get(reverse("gallery:list")).content.decode()
    assert gallery.title in page
    assert other_gallery.title not in page


def test_create_and_edit_a_gallery_through_the_pages(signed_in, photographer):
    response = signed_in.post(
        reverse("gallery:create"),
        {
            "title": "Lighthouse elopement",
            "watermark_text": "PROOF",
            "watermark_opacity": 0.3,
            "download_policy": "proofs",
            "ordering": "manual",
        },
    )
    gallery = Gallery.objects.get(owner=photographer)
    assert response["Location"] == reverse("gallery:detail", args=[gallery.pk])
    signed_in.post(
        reverse("gallery:edit", args=[gallery.pk]),
        {
            "title": "Lighthouse elopement",
            "watermark_text": "DRAFT",
            "watermark_opacity": 0.5,
            "download_policy": "proofs",
            "ordering": "manual",
            "min_favourites": 3,
            "max_favourites": 1,
        },
    )
    gallery.refresh_from_db()
    assert gallery.watermark_text == "PROOF"  # refused: maximum below minimum


def test_deleting_a_gallery_needs_its_title(signed_in, gallery):
    url = reverse("gallery:delete", args=[gallery.pk])
    signed_in.post(url, {"confirm_title": "wrong"})
    assert Gallery.objects.filter(pk=gallery.pk).exists()
    signed_in.post(url, {"confirm_title": gallery.title})
    assert not Gallery.objects.filter(pk=gallery.pk).exists()


# Signed file URLs ----------------------------------------------------------------


def test_a_signed_url_serves_the_rendition(client, processed_photo):
    url = selectors.photo_view(photo=processed_photo).thumb_url
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    assert "private" in response["Cache-Control"]


def test_an_unsigned_url_is_refused(client, processed_photo):
    key = processed_photo.original_key
    assert client.get(reverse("gallery:file", kwargs={"key": key})).status_code == 403


def test_a_tampered_or_expired_url_is_refused(client, processed_photo):
    key = processed_photo.original_key
    url = storage().image_url(key)
    base, query = url.split("?")
    assert client.get(url.replace("s=", "s=x")).status_code == 403
    # The signature of one key does not open another.
    thumb = selectors.photo_view(photo=processed_photo).rendition("thumb")["key"]
    assert client.get(url.replace(key, thumb)).status_code == 403
    expired = int(time.time()) - 1
    signature = signing.Signer(salt="proofsheet.image-url").signature(f"{key}|{expired}")
    assert client.get(f"{base}?e={expired}&s={signature}").status_code == 403


# The local upload endpoint (S3's POST, here) ----------------------------------------


@pytest.fixture
def upload_target(signed_in, gallery):
    response = signed_in.post(
        reverse("api:gallery-uploads", args=[gallery.pk]),
        {"filename": "Landscape_1.jpg", "size": 347327, "content_type": "image/jpeg"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def post_form(client, target, content: bytes, name="Landscape_1.jpg", **overrides):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fields = {**target["target"]["fields"], **overrides}
    return client.post(
        target["target"]["url"], {**fields, "file": SimpleUploadedFile(name, content)}
    )


def test_an_upload_is_stored_under_its_key_and_queued(client, upload_target, sample_paths):
    content = sample_paths[1].read_bytes()
    response = post_form(client, upload_target, content)
    assert response.status_code == 201
    photo = Photo.objects.get(pk=upload_target["photo"]["id"])
    assert photo.upload_state == Photo.UploadState.UPLOADED
    assert LocalJob.objects.get().key == photo.original_key
    from django.core.files.storage import default_storage

    assert default_storage.open(photo.original_key).read() == content


def test_text_named_jpg_is_refused_with_a_reason(client, upload_target):
    response = post_form(client, upload_target, b"hello, I am not a photo\n" * 10)
    assert response.status_code == 400
    assert "not an image we can read" in response.json()["message"]
    assert not LocalJob.objects.exists()


def test_a_form_for_another_key_is_refused(client, upload_target, sample_paths):
    key = upload_target["target"]["fields"]["key"].replace("originals/", "originals/x")
    response = post_form(client, upload_target, sample_paths[1].read_bytes(), key=key)
    assert response.status_code == 400
    assert "does not match" in response.json()["message"]


def test_a_file_over_the_signed_limit_is_refused(
    client, signed_in, gallery, settings, sample_paths
):
    settings.PROOFSHEET_MAX_UPLOAD_BYTES = 1000
    target = signed_in.post(
        reverse("api:gallery-uploads", args=[gallery.pk]),
        {"filename": "a.jpg", "size": 900, "content_type": "image/jpeg"},
        content_type="application/json",
    ).json()
    response = post_form(client, target, sample_paths[1].read_bytes())
    assert response.status_code == 400
    assert "largest file accepted" in response.json()["message"]


def test_an_expired_form_is_refused(client, upload_target, settings, sample_paths):
    settings.PROOFSHEET_UPLOAD_TARGET_SECONDS = -1
    response = post_form(client, upload_target, sample_paths[1].read_bytes())
    assert response.status_code == 400
    assert "expired" in response.json()["message"]


def test_upload_targets_are_not_given_for_another_photographers_gallery(signed_in, other_gallery):
    response = signed_in.post(
        reverse("api:gallery-uploads", args=[other_gallery.pk]),
        {"filename": "a.jpg", "size": 900, "content_type": "image/jpeg"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Photo.objects.exists()


def test_another_photographers_photo_cannot_be_read_changed_or_deleted(
    client, other_photographer, processed_photo
):
    client.force_login(other_photographer)
    url = reverse("api:photo-detail", args=[processed_photo.pk])
    assert client.get(url).status_code == 404
    assert client.patch(url, {"hidden": True}, content_type="application/json").status_code == 404
    assert client.delete(url).status_code == 404
    photos = reverse("api:gallery-photos", args=[processed_photo.gallery_id])
    assert client.get(photos).status_code == 404
    assert Photo.objects.filter(pk=processed_photo.pk, hidden=False).exists()


def test_the_archive_hides_a_gallery_from_the_list(signed_in, gallery):
    services.gallery_archive(gallery=gallery)
    assert gallery.title not in signed_in.get(reverse("gallery:list")).content.decode()
    assert gallery.title in signed_in.get(reverse("gallery:list") + "?archived=1").content.decode()


def test_the_gallery_list_shows_the_cover_thumbnail(signed_in, processed_photo):
    services.gallery_set_cover(gallery=processed_photo.gallery, photo=processed_photo)
    page = signed_in.get(reverse("gallery:list")).content.decode()
    thumb_key = selectors.photo_view(photo=processed_photo).rendition("thumb")["key"]
    assert f"/files/{thumb_key}?e=" in page


def test_the_upload_page_carries_the_accepted_types_from_the_one_setting(signed_in, gallery):
    response = signed_in.get(reverse("gallery:detail", args=[gallery.pk]))

    assert response.context["accepted_names"] == "JPEG, PNG, WebP, TIFF, GIF, BMP or HEIC"
    assert json.loads(response.context["accepted_extensions"])[".heif"] == "image/heif"
    assert response.context["accept"].split(",")[0] == "image/jpeg"


def test_only_archived_galleries_are_offered_from_the_archive(signed_in, gallery):
    services.gallery_archive(gallery=gallery)
    page = signed_in.get(reverse("gallery:list")).content.decode()
    assert "No galleries yet" not in page
    assert "1 archived gallery</a>" in page
    assert 'href="?archived=1"' in page


def test_a_field_error_stays_inside_its_field(signed_in, gallery):
    page = signed_in.post(
        reverse("gallery:edit", args=[gallery.pk]),
        {"title": gallery.title, "event_date": "not a date"},
    ).content.decode()
    field = re.search(
        r'<div class="field">(?:(?!<div class="field">).)*id_event_date.*?</div>', page, re.S
    )
    assert field is not None
    assert 'class="errorlist' in field.group(0)


def test_the_upload_limit_reads_as_a_person_writes_it(signed_in, gallery, settings):
    settings.PROOFSHEET_MAX_UPLOAD_BYTES = 200 * 1024 * 1024
    page = signed_in.get(reverse("gallery:detail", args=[gallery.pk])).content.decode()
    assert "up to 200 MB each" in page


@pytest.mark.parametrize("route", ["gallery:edit", "sharing:manage"])
def test_every_expiry_field_names_its_time_zone(signed_in, gallery, route, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    page = signed_in.get(reverse(route, args=[gallery.pk])).content.decode()
    label = re.search(r'<label for="id_expires_at">(.*?)</label>', page)
    assert label is not None
    assert "(Europe/Berlin)" in label.group(1)
