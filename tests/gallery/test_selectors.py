"""Reads of galleries: a photographer reaches only their own; photos in one order."""

import pytest
from django.http import Http404

from gallery import selectors
from gallery.models import Gallery, Photo


def test_a_photographer_gets_their_own_gallery_and_no_one_elses(
    photographer, gallery, other_gallery
):
    assert selectors.gallery_get_owned(owner=photographer, pk=gallery.pk) == gallery
    for pk in (other_gallery.pk, "no-such-gallery"):
        with pytest.raises(Http404, match="No such gallery"):
            selectors.gallery_get_owned(owner=photographer, pk=pk)


def add_photos(gallery, names):
    """Photo rows in the given positions, as uploads leave them before processing."""
    for position, name in enumerate(names, start=1):
        Photo.objects.create(
            gallery=gallery,
            filename=name,
            original_key=f"originals/{gallery.pk}/{position}/{name}",
            size_bytes=1,
            position=position,
        )


def test_by_file_name_photos_sort_as_people_read_numbers_and_ignore_case(gallery):
    add_photos(gallery, ["IMG_10.jpg", "img_2.jpg", "IMG_1.JPG", "b.jpg", "A.jpg"])
    gallery.ordering = Gallery.Ordering.FILENAME

    listed = [view.photo.filename for view in selectors.photo_list(gallery=gallery)]

    assert listed == ["A.jpg", "b.jpg", "IMG_1.JPG", "img_2.jpg", "IMG_10.jpg"]


def test_captured_order_puts_undated_photos_last_and_the_keys_are_plain_strings(gallery):
    add_photos(gallery, ["b.jpg", "a.jpg", "c.jpg"])
    captured = {"b.jpg": "2026-06-01T10:00:00", "c.jpg": "2026-06-01T09:00:00"}
    views = {
        photo.filename: selectors.PhotoView(
            photo=photo, record={"exif": {"captured_at": captured.get(photo.filename, "")}}
        )
        for photo in gallery.photos.all()
    }

    def by(ordering):
        return [v.photo.filename for v in sorted(views.values(), key=lambda v: v.order[ordering])]

    assert all(isinstance(key, str) for view in views.values() for key in view.order.values())
    assert by("captured") == ["c.jpg", "b.jpg", "a.jpg"]  # a.jpg has no capture time
    assert by("filename") == ["a.jpg", "b.jpg", "c.jpg"]
    assert by("manual") == ["b.jpg", "a.jpg", "c.jpg"]


def srcset_record(widths: list[int]) -> dict:
    renditions = {
        "thumb": {"key": "renditions/g/p/thumb.jpg", "width": 600, "height": 400},
        "proof": {"key": "renditions/g/p/proof.jpg", "width": 2048, "height": 1365},
    }
    for width in widths:
        renditions[f"thumb-{width}"] = {
            "key": f"renditions/g/p/thumb-{width}.jpg",
            "width": width,
            "height": width * 2 // 3,
        }
    return {"status": "processed", "renditions": renditions, "render_revision": 1}


def uploaded_photo(gallery):
    add_photos(gallery, ["a.jpg"])
    gallery.photos.update(upload_state=Photo.UploadState.UPLOADED)
    return gallery.photos.get()


def test_the_srcset_lists_the_widths_narrowest_first(gallery):
    view = selectors.PhotoView(
        photo=uploaded_photo(gallery), record=srcset_record([1200, 400, 800])
    )
    assert [width for _, width in view.thumb_sources] == [400, 800, 1200]
    parts = view.thumb_srcset.split(", ")
    assert [part.rsplit(" ", 1)[1] for part in parts] == ["400w", "800w", "1200w"]
    assert "/thumb-400.jpg?" in parts[0]


def test_a_photo_processed_before_the_widths_keeps_its_one_thumbnail(gallery):
    view = selectors.PhotoView(photo=uploaded_photo(gallery), record=srcset_record([]))
    assert [(url, width) for url, width in view.thumb_sources] == [(view.thumb_url, 600)]
    assert view.thumb_srcset == ""  # the page shows `thumb` alone
    assert "/thumb.jpg?" in view.thumb_url
