"""`manage.py process_jobs` as real processes over the test database: a worker killed while it
holds a claim loses nothing; another worker process takes the job again and processes it."""

import os
import signal
import subprocess
import sys

import pytest

from gallery import local_queue, selectors
from gallery.models import LocalJob
from tests.conftest import REPO
from tests.photos import import_photos


def start_worker(environment: dict, *, lease_seconds: int = 120) -> subprocess.Popen:
    environment = {**environment, "PROOFSHEET_LOCAL_JOB_LEASE_SECONDS": str(lease_seconds)}
    command = [sys.executable, "manage.py", "process_jobs", "--poll", "0.1"]
    return subprocess.Popen(command, cwd=REPO, env=environment)  # noqa: S603 (our command)


@pytest.mark.django_db(transaction=True)
def test_a_job_held_by_a_killed_worker_is_taken_again(
    gallery, sample_paths, private_storage, local_mode_environment, wait_for
):
    (photo,) = import_photos(gallery, sample_paths[:1])
    job = LocalJob.objects.get()
    # The original becomes a named pipe: the worker that claims the job blocks reading it
    # (as on a stalled disk), so it is certain to die holding the claim.
    original = private_storage / photo.original_key
    content = original.read_bytes()
    original.unlink()
    os.mkfifo(original)

    doomed = start_worker(local_mode_environment, lease_seconds=1)
    try:
        holder = f"{local_queue.worker_name(doomed.pid)}/"
        wait_for(lambda: LocalJob.objects.get(id=job.id).claimed_by.startswith(holder), timeout=300)
    finally:
        doomed.send_signal(signal.SIGKILL)
        doomed.wait()
    job.refresh_from_db()
    assert job.finished_at is None and job.attempts == 1
    original.unlink()
    original.write_bytes(content)

    rescuer = start_worker(local_mode_environment)
    try:
        wait_for(lambda: LocalJob.objects.get(id=job.id).finished_at is not None, timeout=300)
    finally:
        rescuer.send_signal(signal.SIGTERM)
        assert rescuer.wait(timeout=60) == 0  # a clean stop

    job.refresh_from_db()
    assert job.outcome == "processed" and job.attempts == 2
    assert job.claimed_by.startswith(f"{local_queue.worker_name(rescuer.pid)}/")
    assert selectors.photo_view(photo=photo).status == "processed"
