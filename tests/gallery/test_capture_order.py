"""Issue 13: capture time is the default order of a new gallery, undated and failed photos
go last, and "by hand" starts from the order the photographer was looking at."""

from gallery import selectors, services
from gallery.models import Gallery, Photo
from gallery.storage import record_table
from lambda_processor import records as schema


def add_photo(gallery, name: str, *, position: int, captured: str = "", failed: bool = False):
    photo = Photo.objects.create(
        gallery=gallery,
        filename=name,
        original_key=f"originals/{gallery.pk}/{position}/{name}",
        size_bytes=1,
        position=position,
        upload_state=Photo.UploadState.UPLOADED,
    )
    item = {
        "gallery_id": gallery.pk,
        "photo_id": photo.pk,
        "status": schema.STATUS_FAILED if failed else schema.STATUS_PROCESSED,
        "exif": {"captured_at": captured} if captured else None,
    }
    record_table().put(item, only_if_newer_than=None)
    return photo


def test_new_galleries_are_in_capture_order_with_undated_then_failed_photos_last(gallery):
    assert gallery.ordering == Gallery.Ordering.CAPTURED
    add_photo(gallery, "broken.jpg", position=1, failed=True)
    add_photo(gallery, "undated.jpg", position=2)
    add_photo(gallery, "late.jpg", position=3, captured="2026-06-01T12:00:00")
    add_photo(gallery, "early.jpg", position=4, captured="2026-06-01T09:00:00")

    listed = [view.photo.filename for view in selectors.photo_list(gallery=gallery)]

    assert listed == ["early.jpg", "late.jpg", "undated.jpg", "broken.jpg"]


def test_by_hand_starts_from_the_capture_order_not_the_upload_order(gallery):
    add_photo(gallery, "second.jpg", position=1, captured="2026-06-01T10:00:00")
    add_photo(gallery, "first.jpg", position=2, captured="2026-06-01T09:00:00")
    add_photo(gallery, "undated.jpg", position=3)

    services.gallery_update(gallery=gallery, ordering=Gallery.Ordering.MANUAL)

    listed = [view.photo.filename for view in selectors.photo_list(gallery=gallery)]
    assert listed == ["first.jpg", "second.jpg", "undated.jpg"]
    assert list(gallery.photos.order_by("position").values_list("filename", flat=True)) == listed
