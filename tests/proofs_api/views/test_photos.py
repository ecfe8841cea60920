"""A photo through the API: read, hide, reorder, delete, retry, a fresh upload form."""

import io
from urllib.parse import urlsplit

import pytest
from PIL import Image
from rest_framework.serializers import Serializer

from gallery import selectors, services
from gallery.models import LocalJob, Photo
from gallery.worker import LocalWorker
from proofs_api.serializers.galleries import PhotoSerializer


@pytest.fixture
def three_photos(gallery) -> list[Photo]:
    return [
        services.photo_create(
            gallery=gallery, filename=f"{name}.jpg", size=1000, content_type="image/jpeg"
        )
        for name in ("a", "b", "c")
    ]


def test_read_hide_and_show_a_photo(api, three_photos):
    photo = three_photos[0]
    read = api.get(f"/api/photos/{photo.pk}/").json()
    assert (read["filename"], read["status"], read["hidden"]) == ("a.jpg", "uploading", False)

    hidden = api.patch(f"/api/photos/{photo.pk}/", json={"hidden": True})
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True
    assert Photo.objects.get(pk=photo.pk).hidden is True
    api.patch(f"/api/photos/{photo.pk}/", json={"hidden": False})
    assert Photo.objects.get(pk=photo.pk).hidden is False


def test_reorder_puts_the_named_photos_first(api, gallery, three_photos):
    a, b, c = (p.pk for p in three_photos)
    response = api.post(f"/api/galleries/{gallery.pk}/reorder/", json={"photo_ids": [c, a]})
    assert response.status_code == 204
    assert list(gallery.photos.order_by("position").values_list("pk", flat=True)) == [c, a, b]

    unknown = api.post(f"/api/galleries/{gallery.pk}/reorder/", json={"photo_ids": ["f" * 32]})
    assert unknown.status_code == 400
    assert "not in this gallery" in unknown.json()["message"]


def test_delete_a_photo_removes_its_record(api, gallery, three_photos):
    photo = three_photos[1]
    assert api.delete(f"/api/photos/{photo.pk}/").status_code == 204
    assert not Photo.objects.filter(pk=photo.pk).exists()
    listed = api.get(f"/api/galleries/{gallery.pk}/photos/").json()["results"]
    assert photo.pk not in {p["id"] for p in listed}
    assert len(listed) == 2


def test_a_fresh_upload_form_and_an_upload_not_yet_done(api, three_photos):
    photo = three_photos[2]
    target = api.post(f"/api/photos/{photo.pk}/upload-target/").json()["target"]
    assert target["url"] == "http://testserver/upload/"
    assert target["fields"]["key"] == photo.original_key

    early = api.post(f"/api/photos/{photo.pk}/uploaded/")
    assert early.status_code == 400
    assert "has not reached storage yet" in early.json()["message"]


def test_retry_queues_the_photo_for_processing_again(api, gallery, sample_paths):
    with sample_paths[0].open("rb") as handle:
        photo = services.photo_import(gallery=gallery, filename="x.jpg", file=handle)
    queued = LocalJob.objects.filter(key=photo.original_key).count()

    response = api.post(f"/api/photos/{photo.pk}/retry/")

    assert response.status_code == 202
    assert LocalJob.objects.filter(key=photo.original_key).count() == queued + 1


def test_a_processed_photo_reads_with_its_size_no_error_and_a_thumbnail(
    api, client, gallery, sample_paths
):
    with sample_paths[1].open("rb") as handle:
        photo = services.photo_import(gallery=gallery, filename="landscape.jpg", file=handle)
    LocalWorker().run_pending()  # as the worker thread would

    read = api.get(f"/api/photos/{photo.pk}/").json()

    assert (read["status"], read["error"]) == ("processed", "")
    assert read["width"] > read["height"]  # the sample is a landscape
    thumb = client.get(urlsplit(read["thumb_url"]).path + "?" + urlsplit(read["thumb_url"]).query)
    assert thumb.status_code == 200
    image = Image.open(io.BytesIO(b"".join(thumb.streaming_content)))
    assert (image.format, image.width > image.height) == ("JPEG", True)


def test_the_photo_serializers_fast_path_gives_what_drfs_field_by_field_pass_gives(
    gallery, sample_paths, rf
):
    with sample_paths[1].open("rb") as handle:
        processed = services.photo_import(gallery=gallery, filename="IMG_2.jpg", file=handle)
    LocalWorker().run_pending()
    waiting = services.photo_create(
        gallery=gallery, filename="b.jpg", size=1000, content_type="image/jpeg"
    )
    services.photo_set_hidden(photo=waiting, hidden=True)
    views = {view.photo.pk: view for view in selectors.photo_list(gallery=gallery)}
    assert views[processed.pk].status == "processed" and views[waiting.pk].status == "uploading"

    for request in (rf.get("/api/"), None):
        serializer = PhotoSerializer(context={"request": request})
        for view in views.values():
            fast = serializer.to_representation(view)
            assert fast == Serializer.to_representation(serializer, view)
            assert list(fast) == list(serializer.fields)
