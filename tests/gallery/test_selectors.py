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


def test_by_file_name_photos_sort_as_people_read_numbers_and_ignore_case(gallery):
    names = ["IMG_10.jpg", "img_2.jpg", "IMG_1.JPG", "b.jpg", "A.jpg"]
    for position, name in enumerate(names, start=1):
        Photo.objects.create(
            gallery=gallery,
            filename=name,
            original_key=f"originals/{gallery.pk}/{position}/{name}",
            size_bytes=1,
            position=position,
        )
    gallery.ordering = Gallery.Ordering.FILENAME

    listed = [view.photo.filename for view in selectors.photo_list(gallery=gallery)]

    assert listed == ["A.jpg", "b.jpg", "IMG_1.JPG", "img_2.jpg", "IMG_10.jpg"]
