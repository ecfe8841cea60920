"""Local mode: work is kept in rows (jobs, deliveries) that threads of this process drain,
so a restart loses nothing."""

from django.conf import settings
from django.db import transaction

from core import background
from lambda_processor.events import RENDER_EVENT_NAME

from .. import local_queue, worker


class LocalDispatcher:
    zips_in_background = False

    def original_stored(self, *, key: str) -> None:
        self._enqueue(key=key)

    def render(self, *, keys: list[str]) -> None:
        for key in keys:
            self._enqueue(key=key, event_name=RENDER_EVENT_NAME)

    def run_task(self, task_path: str, *args) -> None:  # noqa: ARG002 (the rows hold the work)
        loop = background.loop_for(task_path)
        if loop is not None and settings.PROOFSHEET_LOCAL_WORKER:
            loop.start()
            loop.wake()

    def start_background(self) -> None:
        if settings.PROOFSHEET_LOCAL_WORKER:
            for loop in background.registered():
                loop.start()

    def _enqueue(self, *, key: str, event_name: str = local_queue.UPLOAD_EVENT_NAME) -> None:
        local_queue.job_enqueue(key=key, event_name=event_name)
        # Waking a loop that is not running does nothing: it clears the wake-up as it starts.
        transaction.on_commit(worker.get_worker().wake)
