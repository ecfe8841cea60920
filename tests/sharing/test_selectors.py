"""Reads for the client's gallery: the cover behind the name form reads one record."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gallery import services as gallery_services
from gallery.models import Gallery, LocalRecord, Photo
from sharing import selectors


def _cover_and_record_reads(gallery):
    with CaptureQueriesContext(connection) as queries:
        cover = selectors.client_cover(gallery=gallery)
    table = LocalRecord._meta.db_table
    return cover, [q["sql"] for q in queries if table in q["sql"]]


def test_the_cover_reads_only_its_own_record(gallery, photos):
    gallery_services.gallery_set_cover(gallery=gallery, photo=photos[1])
    cover, reads = _cover_and_record_reads(gallery)
    assert cover.photo == photos[1] and cover.proof_url
    assert len(reads) == 1 and photos[1].pk in reads[0]


def test_without_a_cover_the_first_photo_in_manual_order_is_read_alone(gallery, photos):
    gallery_services.photos_reorder(gallery=gallery, photo_ids=[photos[2].pk])
    cover, reads = _cover_and_record_reads(gallery)
    assert cover.photo == photos[2]
    assert len(reads) == 1 and photos[2].pk in reads[0]


@pytest.mark.parametrize("ordering", [Gallery.Ordering.FILENAME, Gallery.Ordering.CAPTURED])
def test_a_hidden_cover_or_another_order_falls_back_to_the_clients_first_photo(
    gallery, photos, ordering
):
    gallery_services.gallery_set_cover(gallery=gallery, photo=photos[0])
    gallery_services.photo_set_hidden(photo=photos[0], hidden=True)
    gallery_services.gallery_update(gallery=gallery, ordering=ordering)
    cover, _reads = _cover_and_record_reads(gallery)
    assert cover.photo == selectors.client_photos(gallery=gallery)[0].photo
    assert cover.photo != photos[0]


def test_a_gallery_with_nothing_to_show_has_no_cover(gallery):
    assert selectors.client_cover(gallery=gallery) is None


@pytest.mark.parametrize("ordering", [Gallery.Ordering.MANUAL, Gallery.Ordering.FILENAME])
def test_the_pages_tiles_break_ties_by_upload_time_as_the_gallerys_order_does(
    gallery, photos, ordering
):
    # The same position and name for all three: only the upload time tells them apart, and
    # the first made is uploaded last (the tiles read no upload time, only their rows' order).
    gallery_services.gallery_update(gallery=gallery, ordering=ordering)  # manual: numbers them
    start = timezone.now()
    for age, photo in enumerate(photos):
        Photo.objects.filter(pk=photo.pk).update(
            position=0, filename="same.jpg", created_at=start - dt.timedelta(minutes=age)
        )
    tiles = [view.photo.pk for view in selectors.client_tiles(gallery=gallery)]
    assert tiles == [photo.pk for photo in reversed(photos)]
    assert tiles == [view.photo.pk for view in selectors.client_photos(gallery=gallery)]
