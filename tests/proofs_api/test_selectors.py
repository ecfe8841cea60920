"""The API's photo page reads light rows and the page's records: what it shows must be what
the photos' models and their whole records show, in every state a photo can be in."""

import pytest
from django.utils import timezone
from rest_framework.serializers import Serializer

from gallery import services
from gallery.models import Photo
from gallery.selectors import PhotoView
from gallery.storage import record_table
from gallery.worker import LocalWorker
from proofs_api import selectors
from proofs_api.serializers.galleries import PhotoSerializer


@pytest.fixture
def photos_in_every_state(gallery, sample_paths) -> dict[str, Photo]:
    """Processed (in a set), processing, failed (hidden), uploading (held back)."""
    photo_set = services.set_create(gallery=gallery, name="Ceremony")
    with sample_paths[1].open("rb") as handle:
        processed = services.photo_import(gallery=gallery, filename="IMG_10.jpg", file=handle)
    services.photos_move_to_set(gallery=gallery, photo_ids=[processed.pk], photo_set=photo_set)
    LocalWorker().run_pending()
    services.gallery_publish(gallery=gallery)
    made = {"processed": processed}
    for name in ("processing", "failed", "uploading"):
        made[name] = services.photo_create(
            gallery=gallery, filename=f"{name}.jpg", size=1000, content_type="image/jpeg"
        )
    for name in ("processing", "failed"):
        Photo.objects.filter(pk=made[name].pk).update(
            upload_state=Photo.UploadState.UPLOADED, uploaded_at=timezone.now()
        )
    record_table().put(
        {
            "gallery_id": gallery.pk,
            "photo_id": made["failed"].pk,
            "status": "failed",
            "error": "This file is not an image we can read.",
            "original": {"bytes": 1000, "width": None, "height": None, "format": None},
            "renditions": {},
            "exif": None,
            "placeholder": None,
        },
        only_if_newer_than=None,
    )
    services.photo_set_hidden(photo=made["failed"], hidden=True)
    return made


def test_a_photo_page_shows_what_the_models_and_whole_records_show(
    gallery, photos_in_every_state, rf
):
    views, last_id = selectors.photo_page(gallery=gallery, size=10, after=None)

    made = photos_in_every_state
    assert last_id is None
    assert [view.photo.pk for view in views] == sorted(photo.pk for photo in made.values())
    assert {view.photo.pk: view.status for view in views} == {
        photo.pk: status for status, photo in made.items()
    }
    table = record_table()
    # The API answers in UTC; another current zone must still match DRF's own field.
    for request, zone in ((rf.get("/api/"), "UTC"), (None, "Pacific/Auckland")):
        with timezone.override(zone):
            serializer = PhotoSerializer(context={"request": request})
            for view in views:
                model = Photo.objects.select_related("photo_set").get(pk=view.photo.pk)
                # The same signer: the same expiry, so the same URLs.
                whole = PhotoView(model, table.get(gallery.pk, model.pk), {}, view.signer)
                shown = serializer.to_representation(view)
                assert shown == serializer.to_representation(whole)
                assert shown == Serializer.to_representation(serializer, view)  # DRF's pass
    shown = {view.photo.pk: PhotoSerializer(view).data for view in views}
    processed, failed = shown[made["processed"].pk], shown[made["failed"].pk]
    assert processed["set"] and processed["thumb_url"] and processed["thumb_srcset"]
    assert (failed["hidden"], failed["placeholder"], failed["thumb_url"]) == (True, None, "")
