"""What clients see when: a new gallery is a draft until its first publish; photos uploaded
later are held back until the photographer publishes them."""

from django.utils import timezone

from gallery import selectors, services
from gallery.models import Photo


def upload(gallery, filename, *, finished=True) -> Photo:
    created = services.photo_create(
        gallery=gallery, filename=filename, size=10, content_type="image/jpeg"
    )
    if finished:
        Photo.objects.filter(pk=created.pk).update(upload_state=Photo.UploadState.UPLOADED)
    return created


def test_a_new_gallery_is_a_draft_until_its_first_publish(photographer):
    draft = services.gallery_create(owner=photographer, title="Draft")
    assert draft.is_draft and draft.published_at is None
    upload(draft, "a.jpg")

    assert selectors.unpublished_count(gallery=draft) == 1
    assert services.gallery_publish(gallery=draft) == 1

    draft.refresh_from_db()
    assert not draft.is_draft
    assert draft.published_at <= timezone.now()
    assert selectors.unpublished_count(gallery=draft) == 0


def test_photos_added_later_are_held_back_and_one_still_uploading_waits(gallery):
    first_published = gallery.published_at
    upload(gallery, "a.jpg")
    on_its_way = upload(gallery, "b.jpg", finished=False)

    assert selectors.unpublished_count(gallery=gallery) == 1
    assert services.gallery_publish(gallery=gallery) == 1

    on_its_way.refresh_from_db()
    assert not on_its_way.published
    assert gallery.photos.get(filename="a.jpg").published
    assert gallery.published_at == first_published  # the first publish is remembered
    assert services.gallery_publish(gallery=gallery) == 0


def test_the_photo_list_for_clients_leaves_out_photos_held_back(gallery):
    upload(gallery, "a.jpg")
    services.gallery_publish(gallery=gallery)
    upload(gallery, "b.jpg")

    every = [view.photo.filename for view in selectors.photo_list(gallery=gallery)]
    published = selectors.photo_list(gallery=gallery, published_only=True)
    assert every == ["a.jpg", "b.jpg"]
    assert [view.photo.filename for view in published] == ["a.jpg"]
