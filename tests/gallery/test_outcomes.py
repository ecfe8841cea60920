"""Processing outcomes reach integrations: failed photos and finished galleries."""

import json

import pytest

from core import events
from gallery import services
from gallery.dispatch.aws import consume_outcome_event
from tests.photos import import_photos


@pytest.fixture
def emitted():
    received = []

    def listener(*, owner, name, payload):
        received.append((owner, name, payload))

    events.subscribe(listener)
    yield received
    events._listeners.remove(listener)


def test_a_gallery_is_reported_processed_once_its_last_photo_is_done(
    gallery, sample_paths, run_jobs, emitted
):
    import_photos(gallery, sample_paths[:2])
    run_jobs()
    names = [name for _owner, name, _payload in emitted]
    assert names == ["gallery.processed"]
    owner, _name, payload = emitted[0]
    assert owner == gallery.owner
    assert payload == {"gallery": gallery.pk, "title": gallery.title, "processed": 2, "failed": 0}


def test_a_failed_photo_is_reported_with_its_reason(gallery, run_jobs, emitted, tmp_path):
    text = tmp_path / "notes.jpg"
    text.write_bytes(b"\xff\xd8\xff" + b"not really a jpeg" * 20)
    with text.open("rb") as handle:
        photo = services.photo_import(gallery=gallery, filename="notes.jpg", file=handle)
    run_jobs()
    failed = [payload for _o, name, payload in emitted if name == "photo.failed"]
    assert failed[0]["photo"] == photo.pk
    assert failed[0]["error"]
    finished = [payload for _o, name, payload in emitted if name == "gallery.processed"]
    assert finished == [
        {"gallery": gallery.pk, "title": gallery.title, "processed": 0, "failed": 1}
    ]


def test_outcome_messages_from_the_processor_queue_are_taken(processed_photo, emitted):
    photo = processed_photo
    event = {
        "Records": [
            {"body": "not json"},
            {"body": json.dumps({"proofsheet": "render", "keys": []})},
            {
                "body": json.dumps(
                    {
                        "proofsheet": "outcome",
                        "gallery_id": photo.gallery_id,
                        "photo_id": photo.pk,
                        "status": "failed",
                        "error": "This file is damaged.",
                    }
                )
            },
        ]
    }
    emitted.clear()
    assert consume_outcome_event(event) == 1
    assert [name for _o, name, _p in emitted] == ["photo.failed", "gallery.processed"]
    assert emitted[0][2]["error"] == "This file is damaged."


@pytest.mark.django_db(transaction=True)
def test_two_last_outcomes_finishing_together_announce_the_gallery_once(photographer):
    """Each of two threads reports the last photo it processed at the same moment; the
    gallery row's lock makes exactly one of them see nothing left."""
    import threading

    from django.db import connection

    from gallery.models import Photo
    from gallery.outcomes import outcome_received
    from tests.factories import GalleryFactory

    announced = []

    def listener(*, owner, name, payload):  # noqa: ARG001
        if name == "gallery.processed":
            announced.append(payload["gallery"])

    events.subscribe(listener)
    try:
        galleries = []
        for _ in range(8):
            gallery = GalleryFactory(owner=photographer)
            photos = [
                Photo.objects.create(
                    gallery=gallery,
                    filename=f"{n}.jpg",
                    original_key=f"originals/{gallery.pk}/{n}/{n}.jpg",
                    size_bytes=1,
                    upload_state=Photo.UploadState.UPLOADED,
                )
                for n in range(2)
            ]
            galleries.append((gallery, photos))
        for gallery, photos in galleries:
            start = threading.Barrier(2)

            def report(photo, gallery=gallery, start=start):
                start.wait()
                try:
                    outcome_received(
                        gallery_id=gallery.pk, photo_id=photo.pk, status="processed", error=None
                    )
                finally:
                    connection.close()

            threads = [threading.Thread(target=report, args=(photo,)) for photo in photos]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    finally:
        events._listeners.remove(listener)
    assert sorted(announced) == sorted(gallery.pk for gallery, _ in galleries)
