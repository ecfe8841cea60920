"""`manage.py run_local` (what `make run` starts): one command serves the site with gzip,
processes uploads in worker processes, and stops every process it started on Ctrl-C."""

import gzip
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from gallery import selectors
from gallery.models import LocalJob
from tests.conftest import REPO
from tests.photos import import_photos


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (our server)
            return response.status, dict(response.headers), response.read()
    except OSError:  # not listening (yet, or any more)
        return None


def workers_of(pid: int) -> set[int]:
    """The processing worker processes `run_local` has running."""
    return {child for child in descendants(pid) if b"process_jobs" in _read(child, "cmdline")}


def descendants(pid: int) -> set[int]:
    """Every process under `pid` (Linux's /proc)."""
    found = set()
    for child in map(int, _read(pid, "task", str(pid), "children").split()):
        found |= {child, *descendants(child)}
    return found


def _read(pid: int, *path: str) -> bytes:
    """A file of /proc/<pid>/, empty once the process is gone."""
    try:
        return Path("/proc", str(pid), *path).read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return b""


@pytest.mark.django_db(transaction=True)
def test_run_local_serves_processes_and_stops_everything(
    gallery, sample_paths, local_mode_environment, wait_for
):
    base = f"http://127.0.0.1:{free_port()}"
    command = [sys.executable, "manage.py", "run_local", f"--bind={base[7:]}", "--workers=2"]
    environment = {**local_mode_environment, "PROOFSHEET_WEB_PROCESSES": "1"}
    server = subprocess.Popen(command, cwd=REPO, env=environment)  # noqa: S603
    try:
        status, headers, body = wait_for(lambda: get(f"{base}/accounts/login/"), timeout=300)
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert b"<form" in gzip.decompress(body)
        (photo,) = import_photos(gallery, sample_paths[:1])
        wait_for(lambda: LocalJob.objects.filter(finished_at__isnull=False).exists(), timeout=300)
        assert selectors.photo_view(photo=photo).status == "processed"
        # gunicorn's master and its one process, and the 2 processing workers.
        started = descendants(server.pid)
        assert len(started) == 4
        # A worker that dies is replaced.
        killed = min(workers_of(server.pid))
        os.kill(killed, signal.SIGKILL)
        wait_for(lambda: len(workers_of(server.pid) - {killed}) == 2, timeout=300)
        started |= descendants(server.pid)
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C does
        assert server.wait(timeout=120) == 0
    assert get(f"{base}/accounts/login/") is None
    assert not [pid for pid in started if Path(f"/proc/{pid}").exists()]
