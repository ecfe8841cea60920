"""The events besides HTTP requests that Zappa sends the Django functions, taken as Zappa's
handler took them (config.lambda_web, config.lambda_worker):

- an EventBridge schedule: Zappa names each rule `<function name>-<module.function>`, so the
  rule's name says what to run; its keep-warm rule (`...-handler.keep_warm_callback`) only
  keeps an instance started, which importing the handler did;
- `{"manage": "migrate --noinput"}`: `zappa manage <stage> <command>`;
- `{"raw_command": "..."}`: `zappa invoke <stage> --raw "..."` (docs/deploying.md), Python run
  as it is: only those allowed to invoke the function can send it (API Gateway never does);
- `{"command": "zappa.asynchronous.route_lambda_task", ...}`: a Zappa task
  (gallery.dispatch.tasks.worker_task), which Zappa's router runs from its `task_path`.

Each is logged as a dict; an error is logged with its traceback and raised, so Lambda counts
it and a retried event is retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

KEEP_WARM = "keep_warm_callback"
TASK_ROUTER = "zappa.asynchronous.route_lambda_task"


class UnknownEvent(ValueError):
    """An event none of the function's paths takes."""


def scheduled_function(event: dict[str, Any]) -> str | None:
    """The `module.function` an EventBridge schedule's rule names, or None for another event."""
    if event.get("detail-type") != "Scheduled Event":
        return None
    rule = event["resources"][0].rsplit("/", 1)[-1]
    return rule.rsplit("-", 1)[-1]


def manage(command: str) -> dict:
    from django.core import management

    management.call_command(*command.split(" "))
    return {}  # what Zappa's handler answered


def run_raw(code: str) -> None:
    exec(code, {"__name__": "__zappa_raw_command__"})  # noqa: S102 (the deployer's own code)


def run_function(path: str, event: dict[str, Any], context: Any) -> Any:
    return import_string(path)(event, context)


def _nothing() -> None:
    return None


def route(
    event: dict[str, Any], context: Any, records: dict[str, str] | None
) -> tuple[str, str, Callable[[], Any]]:
    """What the event is, the function it names, and how to run it."""
    if function := scheduled_function(event):
        if function.endswith(KEEP_WARM):
            return "keep_warm", function, _nothing
        return "schedule", function, partial(run_function, function, event, context)
    if "manage" in event:
        return "manage", event["manage"], partial(manage, event["manage"])
    if "raw_command" in event:
        return "raw_command", "", partial(run_raw, event["raw_command"])
    if event.get("command") == TASK_ROUTER:
        task = event.get("task_path", "")
        return "task", task, partial(run_function, TASK_ROUTER, event, context)
    if event.get("Records") and records is not None:
        queue = event["Records"][0].get("eventSourceARN", "")
        if queue not in records:
            raise UnknownEvent(f"no function takes the messages of {queue or 'this source'}")
        return "records", records[queue], partial(run_function, records[queue], event, context)
    raise UnknownEvent(f"not an event this function takes (keys: {sorted(event)})")


def handle(event: dict[str, Any], context: Any, *, records: dict[str, str] | None = None) -> Any:
    """Runs a schedule's, a command's, a task's or (with `records`, which maps an SQS queue's
    ARN to the function its messages go to) a queue's event."""
    try:
        kind, function, run = route(event, context, records)
    except UnknownEvent:
        logger.exception({"event": "unknown", "keys": sorted(event), "outcome": "error"})
        raise
    try:
        result = run()
    except Exception:
        logger.exception({"event": kind, "function": function, "outcome": "error"})
        raise
    logger.info({"event": kind, "function": function, "outcome": "done"})
    return result
