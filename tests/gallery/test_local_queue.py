"""Claims on the local queue: one worker per job, a lease that runs out, attempts counted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gallery import local_queue
from gallery.models import LocalJob
from tests.photos import import_photos


@pytest.fixture
def queued(gallery, sample_paths):
    import_photos(gallery, sample_paths[:2])
    return list(LocalJob.objects.order_by("id"))


def test_two_workers_take_different_jobs_oldest_first(queued):
    first = local_queue.job_claim(worker="host:1")
    second = local_queue.job_claim(worker="host:2")

    assert [first.id, second.id] == [job.id for job in queued]
    assert first.claimed_by.startswith("host:1/") and second.claimed_by.startswith("host:2/")
    assert first.attempts == second.attempts == 1
    assert local_queue.job_claim(worker="host:3") is None


def test_a_claim_is_taken_again_once_its_lease_has_run_out(queued, settings):
    settings.PROOFSHEET_LOCAL_JOB_LEASE_SECONDS = 60
    held = local_queue.job_claim(worker="host:1")
    assert held.claimed_until > timezone.now() + timedelta(seconds=50)
    local_queue.job_claim(worker="host:2")  # the other job
    assert local_queue.job_claim(worker="host:3") is None

    # The lease runs out (the worker died, or hangs): the job is free again.
    LocalJob.objects.filter(id=held.id).update(claimed_until=timezone.now() - timedelta(seconds=1))
    again = local_queue.job_claim(worker="host:3")

    assert again.id == held.id
    assert again.attempts == 2
    assert again.claimed_by.startswith("host:3/")


def test_a_dead_workers_claims_are_freed_at_once(queued):
    held = local_queue.job_claim(worker="host:41")
    local_queue.job_claim(worker="host:4")

    # Only the dead worker's claims, not those of a worker whose name starts the same.
    assert local_queue.job_claims_release(worker="host:4") == 1
    assert local_queue.job_claim(worker="host:5").id != held.id
    assert local_queue.job_claims_release(worker="host:41") == 1
    assert local_queue.job_claim(worker="host:5").id == held.id


def test_a_job_claimed_max_attempts_times_is_not_taken_again(queued):
    LocalJob.objects.update(attempts=local_queue.MAX_ATTEMPTS - 1)
    taken = [local_queue.job_claim(worker="host:1") for _ in queued]
    LocalJob.objects.update(claimed_until=None)

    assert all(job.attempts == local_queue.MAX_ATTEMPTS for job in taken)
    assert local_queue.job_claim(worker="host:1") is None


def test_a_finished_job_is_never_claimed(queued, run_jobs):
    assert run_jobs() == len(queued)
    LocalJob.objects.update(claimed_until=None)

    assert local_queue.job_claim(worker="host:1") is None
    assert set(LocalJob.objects.values_list("outcome", flat=True)) == {"processed"}
