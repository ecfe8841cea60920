import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from gallery import selectors, services
from gallery.models import Gallery, LocalJob, LocalRecord, Photo
from gallery.storage import record_table
from lambda_processor import records as schema


def test_gallery_create_writes_the_watermark_for_the_processor(gallery):
    settings_item = record_table().get_gallery_settings(gallery.pk)
    assert settings_item["watermark_text"] == "PROOF"
    assert settings_item["revision"] == 1


def test_gallery_create_refuses_a_maximum_below_the_minimum(photographer):
    with pytest.raises(ValidationError, match="below the minimum"):
        services.gallery_create(
            owner=photographer, title="Rules", min_favourites=10, max_favourites=5
        )
    assert not Gallery.objects.exists()


def test_photo_create_keeps_two_files_of_the_same_name(gallery):
    first = services.photo_create(
        gallery=gallery, filename="IMG_0001.JPG", size=1000, content_type="image/jpeg"
    )
    second = services.photo_create(
        gallery=gallery, filename="IMG_0001.JPG", size=1000, content_type="image/jpeg"
    )
    assert first.original_key != second.original_key
    assert first.original_key.endswith("/IMG_0001.jpg")
    assert [first.position, second.position] == [1, 2]


def test_photo_create_sanitises_names_and_builds_the_key(gallery):
    photo = services.photo_create(
        gallery=gallery, filename="../../etc/pass wd<>.jpeg", size=10, content_type="image/jpeg"
    )
    assert photo.original_key == f"originals/{gallery.pk}/{photo.pk}/pass wd__.jpeg"
    assert schema.parse_original_key(photo.original_key).photo_id == photo.pk


@pytest.mark.parametrize(
    ("size", "content_type", "message"),
    [
        (0, "image/jpeg", "is empty"),
        (10**12, "image/jpeg", "the largest file accepted"),
        (100, "application/pdf", "not a photo we accept"),
    ],
)
def test_photo_create_refuses_what_it_cannot_take(gallery, size, content_type, message):
    with pytest.raises(ValidationError, match=message):
        services.photo_create(
            gallery=gallery, filename="x.jpg", size=size, content_type=content_type
        )
    assert not Photo.objects.exists()


def test_a_processed_photo_has_its_renditions_and_record(processed_photo):
    view = selectors.photo_view(photo=processed_photo)
    assert view.status == "processed"
    assert view.rendition("thumb")["width"] == 600
    assert view.rendition("proof")["width"] == 1800  # never enlarged past the original
    assert default_storage.exists(view.rendition("proof")["key"])
    assert view.thumb_url.startswith("/files/renditions/")


def test_watermark_change_bumps_the_revision_and_renders_again(
    processed_photo, run_jobs, sample_paths
):
    gallery = processed_photo.gallery
    proof_key = selectors.photo_view(photo=processed_photo).rendition("proof")["key"]
    before = default_storage.open(proof_key).read()

    services.gallery_update(gallery=gallery, watermark_text="SAMPLE ONLY")
    assert gallery.render_revision == 2
    assert LocalJob.objects.filter(finished_at__isnull=True).count() == 1
    run_jobs()

    record = selectors.photo_view(photo=processed_photo).record
    assert record["render_revision"] == 2
    assert default_storage.open(proof_key).read() != before
    original = default_storage.open(processed_photo.original_key).read()
    assert original == sample_paths[1].read_bytes()


def test_other_changes_do_not_render_again(processed_photo):
    services.gallery_update(gallery=processed_photo.gallery, title="Renamed", client_name="Bo")
    assert processed_photo.gallery.render_revision == 1
    assert not LocalJob.objects.filter(finished_at__isnull=True).exists()


def test_photos_reorder_puts_named_photos_first(gallery):
    photos = [
        services.photo_create(
            gallery=gallery, filename=f"{n}.jpg", size=5, content_type="image/jpeg"
        )
        for n in range(4)
    ]
    services.photos_reorder(gallery=gallery, photo_ids=[photos[2].pk, photos[0].pk])
    order = list(gallery.photos.order_by("position").values_list("filename", flat=True))
    assert order == ["2.jpg", "0.jpg", "1.jpg", "3.jpg"]


def test_photos_reorder_refuses_photos_of_another_gallery(gallery, other_gallery):
    stranger = services.photo_create(
        gallery=other_gallery, filename="x.jpg", size=5, content_type="image/jpeg"
    )
    with pytest.raises(ValidationError, match="not in this gallery"):
        services.photos_reorder(gallery=gallery, photo_ids=[stranger.pk])


def test_gallery_delete_leaves_no_object_and_no_record(processed_photo, stored_keys):
    gallery = processed_photo.gallery
    assert len(stored_keys(f"originals/{gallery.pk}/")) == 1
    assert len(stored_keys(f"renditions/{gallery.pk}/")) == 5  # thumb, 3 srcset widths, proof

    services.gallery_delete(gallery=gallery)

    assert stored_keys() == []
    assert not LocalRecord.objects.filter(gallery_id=gallery.pk).exists()
    assert not Photo.objects.exists()


def test_photo_delete_removes_only_that_photo(
    processed_photo, gallery, sample_paths, run_jobs, stored_keys
):
    with sample_paths[3].open("rb") as handle:
        keep = services.photo_import(gallery=gallery, filename="keep.jpg", file=handle)
    run_jobs()
    services.photo_delete(photo=processed_photo)
    remaining = stored_keys()
    assert remaining and all(f"/{keep.pk}/" in key for key in remaining)
    assert record_table().get(gallery.pk, processed_photo.pk) is None
    assert record_table().get(gallery.pk, keep.pk)["status"] == "processed"


def test_a_corrupt_original_is_recorded_as_failed_and_kept(gallery, run_jobs, tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 500)  # a JPEG header, then nothing
    with broken.open("rb") as handle:
        photo = services.photo_import(gallery=gallery, filename="broken.jpg", file=handle)
    run_jobs()
    view = selectors.photo_view(photo=photo)
    assert view.status == "failed"
    assert view.error
    assert default_storage.open(photo.original_key).read() == broken.read_bytes()


def test_a_gallery_expiry_in_the_past_is_refused_as_a_links_is(photographer, gallery):
    from datetime import timedelta

    from django.utils import timezone

    past = timezone.now() - timedelta(days=1)
    with pytest.raises(ValidationError, match="in the past"):
        services.gallery_create(owner=photographer, title="Late", expires_at=past)
    with pytest.raises(ValidationError, match="in the past"):
        services.gallery_update(gallery=gallery, expires_at=past)
    # Saving other settings of a gallery that has since expired still works.
    Gallery.objects.filter(pk=gallery.pk).update(expires_at=past)
    gallery.refresh_from_db()
    services.gallery_update(gallery=gallery, title="Renamed", expires_at=gallery.expires_at)


def test_a_re_render_fills_in_the_srcset_of_a_photo_processed_before_it(processed_photo, run_jobs):
    row = LocalRecord.objects.get(photo_id=processed_photo.pk)
    row.item["renditions"] = {
        name: entry for name, entry in row.item["renditions"].items() if name in {"thumb", "proof"}
    }
    row.save()  # the item as the processor wrote it before the srcset widths
    assert selectors.photo_view(photo=processed_photo).thumb_srcset == ""

    services.photos_render(gallery=processed_photo.gallery)
    run_jobs()

    srcset = selectors.photo_view(photo=processed_photo).thumb_srcset
    assert [part.rsplit(" ", 1)[1] for part in srcset.split(", ")] == ["400w", "800w", "1200w"]
