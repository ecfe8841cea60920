"""`make run`: local mode in one command. Starts the web server (gunicorn: several processes,
each with a few threads) and PROOFSHEET_LOCAL_WORKERS processing processes
(`manage.py process_jobs`), sends webhooks from this process, restarts a worker that dies,
and stops everything together on Ctrl-C or SIGTERM.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import background
from gallery import local_queue, worker

STOP_SECONDS = 30  # a worker finishes the photo in hand; longer than any one photo takes
RESTART_PAUSE = 1.0  # a worker that keeps dying at start is not restarted in a tight loop


class Command(BaseCommand):
    help = "Serve the site and process uploads in local mode, until Ctrl-C."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="host:port to serve")
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.PROOFSHEET_LOCAL_WORKERS,
            help="processing processes (default PROOFSHEET_LOCAL_WORKERS, the cores)",
        )

    def handle(self, *args, bind: str, workers: int, **options):
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())
        web = self._start_web(bind)
        slots: list[subprocess.Popen | None] = [None] * workers
        started = [0.0] * workers
        # Webhook deliveries (and any other loop but processing) run as threads here; the
        # web processes start none, and processing runs in its own processes.
        loops = [loop for loop in background.registered() if loop is not worker.get_worker()]
        for loop in loops:
            loop.start()
        self.stdout.write(
            f"Proofsheet at http://{bind}/ : gunicorn, {settings.PROOFSHEET_WEB_PROCESSES} "
            f"process(es) x {settings.PROOFSHEET_WEB_THREADS} threads; {workers} processing "
            "worker process(es). Ctrl-C stops them all."
        )
        try:
            while not stopping.is_set():
                if web.poll() is not None:
                    raise CommandError(f"The web server stopped (exit status {web.returncode}).")
                for slot, process in enumerate(slots):
                    if process is not None and process.poll() is None:
                        continue
                    if time.monotonic() - started[slot] < RESTART_PAUSE:
                        continue
                    if process is not None:
                        self._lost(process)
                    slots[slot] = _start_worker()
                    started[slot] = time.monotonic()
                stopping.wait(0.5)
        finally:
            self._stop([web, *(p for p in slots if p is not None)])
            for loop in loops:
                loop.stop()

    def _start_web(self, bind: str) -> subprocess.Popen:
        # The web processes start no background threads: the workers here do that work.
        return subprocess.Popen(  # noqa: S603 (our own fixed command)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                f"--bind={bind}",
                "--worker-class=gthread",
                f"--workers={settings.PROOFSHEET_WEB_PROCESSES}",
                f"--threads={settings.PROOFSHEET_WEB_THREADS}",
                f"--graceful-timeout={STOP_SECONDS}",
                # Uploads of camera originals may take minutes on a slow network.
                "--timeout=300",
                # Its control socket is one path per user: two servers would share it.
                "--no-control-socket",
            ],
            cwd=settings.BASE_DIR,
            env={**os.environ, "PROOFSHEET_LOCAL_WORKER": "false"},
        )

    def _lost(self, process: subprocess.Popen) -> None:
        freed = local_queue.job_claims_release(worker=local_queue.worker_name(process.pid))
        self.stderr.write(
            f"Processing worker {process.pid} stopped (exit status {process.returncode}); "
            f"{freed} photo(s) it held queued again. Restarting it."
        )

    def _stop(self, processes: list[subprocess.Popen]) -> None:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for process in processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _start_worker() -> subprocess.Popen:
    manage = Path(settings.BASE_DIR) / "manage.py"
    command = [sys.executable, str(manage), "process_jobs"]
    return subprocess.Popen(command, cwd=settings.BASE_DIR)  # noqa: S603 (our own command)
