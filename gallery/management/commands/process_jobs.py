"""One local processing worker process: claims queued uploads and re-renders, processes each
as the Lambda would, until it is stopped. `make run` (`manage.py run_local`) starts
PROOFSHEET_LOCAL_WORKERS of these and restarts any that dies."""

import signal
import threading

from django.core.management.base import BaseCommand

from gallery.worker import LocalWorker


class Command(BaseCommand):
    help = "Process queued uploads in this process until SIGTERM or Ctrl-C."

    def add_arguments(self, parser):
        parser.add_argument(
            "--poll",
            type=float,
            default=0.5,
            help="Seconds between looks at an empty queue (default 0.5).",
        )

    def handle(self, *args, poll: float, **options):
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())
        worker = LocalWorker(poll_seconds=poll)
        worker.start()
        # The job in hand is finished before the process exits; the rest stays queued.
        while not stopping.wait(1):
            if not worker.running:  # pragma: no cover - the loop only ends when stopped
                break
        worker.stop()
