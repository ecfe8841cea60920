"""Local mode as `make run` runs it, for the local benchmarks: a throw-away data folder, this
process set up with the same settings (to add records and read results), and
`manage.py run_local` serving on a free port of 127.0.0.1 until the block ends."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def setup_django(data_dir: Path) -> None:
    """This process, on `make run`'s settings over `data_dir`, migrated."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    os.environ["PROOFSHEET_DATA_DIR"] = str(data_dir)
    sys.path.insert(0, str(REPO))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def data_folder():
    with tempfile.TemporaryDirectory(prefix="proofsheet-bench-local-") as folder:
        yield Path(folder)


@contextlib.contextmanager
def running_server(*, workers: int | None = None, quiet: bool = False, runserver: bool = False):
    """`manage.py run_local` over this process's data folder; yields its base URL.
    `runserver`: Django's development server instead (what `make run` ran before), to
    compare the two on the same machine at the same time."""
    port = free_port()
    command = [sys.executable, "manage.py", "run_local", f"--bind=127.0.0.1:{port}"]
    if runserver:
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    if workers is not None and not runserver:
        command.append(f"--workers={workers}")
    output = subprocess.DEVNULL if quiet else None
    server = subprocess.Popen(  # noqa: S603 (our own command)
        command, cwd=REPO, env=os.environ.copy(), stdout=output, stderr=output
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base, server)
        yield base
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C does
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_serving(base: str, server: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"run_local exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/accounts/login/", timeout=60):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("run_local did not answer in time")
