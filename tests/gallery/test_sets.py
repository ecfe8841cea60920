"""A gallery's sets: created, named, ordered, deleted (never their photos), photos moved
between them; and the one photo order rule, sets first."""

import pytest
from django.core.exceptions import ValidationError

from gallery import selectors, services
from gallery.models import Gallery, Photo
from tests.gallery.test_selectors import add_photos


def names(gallery, ordering=None) -> list[str]:
    if ordering:
        gallery.ordering = ordering
    return [view.photo.filename for view in selectors.photo_list(gallery=gallery)]


def photo(gallery, filename) -> Photo:
    return gallery.photos.get(filename=filename)


def test_sets_are_created_last_renamed_and_refuse_an_empty_or_taken_name(gallery):
    ready = services.set_create(gallery=gallery, name="  Getting   ready ")
    ceremony = services.set_create(gallery=gallery, name="Ceremony")

    assert [s.name for s in selectors.set_list(gallery=gallery)] == ["Getting ready", "Ceremony"]
    assert ready.position < ceremony.position
    with pytest.raises(ValidationError, match="already has a set called"):
        services.set_create(gallery=gallery, name="ceremony")
    with pytest.raises(ValidationError, match="Give the set a name"):
        services.set_rename(photo_set=ready, name="   ")
    services.set_rename(photo_set=ceremony, name="The ceremony")
    services.set_rename(photo_set=ready, name="getting READY")  # its own name, recased
    assert [s.name for s in selectors.set_list(gallery=gallery)] == [
        "getting READY",
        "The ceremony",
    ]


def test_photos_sort_by_their_sets_order_first_then_the_gallery_ordering(gallery):
    add_photos(gallery, ["c.jpg", "a.jpg", "b.jpg", "d.jpg", "e.jpg"])
    gallery.ordering = Gallery.Ordering.MANUAL  # new galleries sort by capture time
    assert names(gallery) == ["c.jpg", "a.jpg", "b.jpg", "d.jpg", "e.jpg"]  # no sets: as before
    ceremony = services.set_create(gallery=gallery, name="Ceremony")
    reception = services.set_create(gallery=gallery, name="Reception")
    ids = lambda *filenames: [photo(gallery, n).pk for n in filenames]  # noqa: E731
    services.photos_move_to_set(gallery=gallery, photo_ids=ids("b.jpg"), photo_set=reception)
    services.photos_move_to_set(
        gallery=gallery, photo_ids=ids("d.jpg", "a.jpg"), photo_set=ceremony
    )

    # Sets in order, photos in no set after them; within a set, the gallery's ordering.
    assert names(gallery) == ["a.jpg", "d.jpg", "b.jpg", "c.jpg", "e.jpg"]
    assert names(gallery, Gallery.Ordering.FILENAME) == [
        "a.jpg",
        "d.jpg",
        "b.jpg",
        "c.jpg",
        "e.jpg",
    ]
    services.sets_reorder(gallery=gallery, set_ids=[reception.pk])
    assert names(gallery, Gallery.Ordering.FILENAME) == [
        "b.jpg",
        "a.jpg",
        "d.jpg",
        "c.jpg",
        "e.jpg",
    ]
    assert names(gallery, Gallery.Ordering.MANUAL) == ["b.jpg", "a.jpg", "d.jpg", "c.jpg", "e.jpg"]
    # Moved photos go last in their new set, in their present order.
    services.photos_move_to_set(gallery=gallery, photo_ids=ids("c.jpg"), photo_set=ceremony)
    assert names(gallery, Gallery.Ordering.MANUAL) == ["b.jpg", "a.jpg", "d.jpg", "c.jpg", "e.jpg"]
    services.photos_reorder(gallery=gallery, photo_ids=ids("c.jpg"))
    assert names(gallery) == ["b.jpg", "c.jpg", "a.jpg", "d.jpg", "e.jpg"]


def test_deleting_a_set_keeps_its_photos_in_no_set(gallery):
    add_photos(gallery, ["a.jpg", "b.jpg"])
    ceremony = services.set_create(gallery=gallery, name="Ceremony")
    services.photos_move_to_set(
        gallery=gallery, photo_ids=[photo(gallery, "a.jpg").pk], photo_set=ceremony
    )

    assert services.set_delete(photo_set=ceremony) == 1

    assert gallery.photos.count() == 2
    assert photo(gallery, "a.jpg").photo_set is None
    assert not gallery.sets.exists()


def test_another_gallerys_sets_and_photos_are_refused(gallery, other_gallery):
    add_photos(gallery, ["a.jpg"])
    add_photos(other_gallery, ["z.jpg"])
    theirs = services.set_create(gallery=other_gallery, name="Ceremony")
    mine = services.set_create(gallery=gallery, name="Ceremony")  # names are per gallery

    with pytest.raises(ValidationError, match="one of this gallery's sets"):
        services.photos_move_to_set(
            gallery=gallery, photo_ids=[photo(gallery, "a.jpg").pk], photo_set=theirs
        )
    with pytest.raises(ValidationError, match="not in this gallery"):
        services.photos_move_to_set(
            gallery=gallery, photo_ids=[photo(other_gallery, "z.jpg").pk], photo_set=mine
        )
    with pytest.raises(ValidationError, match="not in this gallery"):
        services.sets_reorder(gallery=gallery, set_ids=[theirs.pk])
    with pytest.raises(ValidationError, match="one of this gallery's sets"):
        services.photo_create(
            gallery=gallery, filename="x.jpg", size=10, content_type="image/jpeg", photo_set=theirs
        )


def test_an_upload_goes_into_its_set(gallery):
    ceremony = services.set_create(gallery=gallery, name="Ceremony")
    created = services.photo_create(
        gallery=gallery, filename="x.jpg", size=10, content_type="image/jpeg", photo_set=ceremony
    )
    assert created.photo_set == ceremony
