"""Restart safety: work queued when the process stops is done when it starts again."""

import pytest

from gallery import selectors
from gallery.models import LocalJob
from gallery.worker import LocalWorker
from tests.photos import import_photos


@pytest.fixture
def queued_photos(gallery, sample_paths):
    return import_photos(gallery, sample_paths[:3])


@pytest.mark.django_db(transaction=True)
def test_work_queued_before_a_stop_is_done_after_a_restart(queued_photos, wait_for):
    # No worker ran (the process stopped with the work queued), and the process took one
    # job in hand and died with it: its attempt was counted but it never finished.
    in_hand = LocalJob.objects.order_by("id").first()
    in_hand.attempts = 1
    in_hand.save()
    assert LocalJob.objects.filter(finished_at__isnull=True).count() == 3
    assert {selectors.photo_view(photo=p).status for p in queued_photos} == {"processing"}

    restarted = LocalWorker(poll_seconds=0.1)
    restarted.start()
    try:
        assert wait_for(lambda: not LocalJob.objects.filter(finished_at__isnull=True).exists())
    finally:
        restarted.stop()
    assert {selectors.photo_view(photo=p).status for p in queued_photos} == {"processed"}


@pytest.mark.django_db(transaction=True)
def test_stopping_leaves_the_rest_of_the_queue_for_the_next_start(queued_photos, wait_for):
    worker = LocalWorker(poll_seconds=0.1)
    worker.start()
    assert wait_for(lambda: LocalJob.objects.filter(finished_at__isnull=False).exists())
    worker.stop()
    finished = LocalJob.objects.filter(finished_at__isnull=False).count()
    assert 1 <= finished <= 3
    LocalWorker().run_pending()
    assert not LocalJob.objects.filter(finished_at__isnull=True).exists()
