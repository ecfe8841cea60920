"""The work dispatcher: how work leaves the request path. Processing a new original, render
requests, outcome handling, tasks such as webhook sends and ZIP exports.

One implementation per mode, each in its own module (`local`: rows drained by threads of
this process; `aws`: S3 notifications, SQS queues and Zappa's asynchronous invocations),
chosen here once from `PROOFSHEET_MODE`. Callers never ask which mode they run in.
"""

import functools
from typing import Protocol

from django.conf import settings


class Dispatcher(Protocol):
    # Whether a ZIP of many photos is built off the request path (and fetched when ready)
    # rather than streamed in the response.
    zips_in_background: bool

    def original_stored(self, *, key: str) -> None:
        """A new original is in storage (an upload, or a file the server imported)."""

    def render(self, *, keys: list[str]) -> None:
        """Renders these originals again (a new watermark, or a retry after a failure)."""

    def run_task(self, task_path: str, *args) -> None:
        """Runs the function at `task_path` with these (JSON) arguments off the request
        path; locally, wakes the background loop that drains the task's rows."""

    def start_background(self) -> None:
        """For the web process's start-up: whatever must run beside the requests."""


@functools.cache
def _for_mode(mode: str) -> Dispatcher:
    if mode == "aws":
        from .aws import AwsDispatcher

        return AwsDispatcher()
    from .local import LocalDispatcher

    return LocalDispatcher()


def dispatcher() -> Dispatcher:
    return _for_mode(settings.PROOFSHEET_MODE)
