"""aws mode: the bucket's notification reaches the processor through the ingest queue,
render requests go through the render queue, its outcomes come back through another (to
the worker function), and tasks are Zappa's asynchronous invocations of the worker."""

import json
import logging

from django.utils.module_loading import import_string

from lambda_processor import records as schema

from .. import aws
from ..outcomes import outcome_received

logger = logging.getLogger(__name__)


class AwsDispatcher:
    zips_in_background = True

    def original_stored(self, *, key: str) -> None:
        """Nothing to do: the bucket's notification starts the processor."""

    def render(self, *, keys: list[str]) -> None:
        aws.send_render_request(keys=keys)

    def run_task(self, task_path: str, *args) -> None:
        # A Zappa task: inside Lambda another asynchronous invocation of this function,
        # elsewhere (a deployer's shell, tests) Zappa runs it in place.
        import_string(task_path)(*args)

    def start_background(self) -> None:
        """Nothing runs beside the requests: Lambda invokes the functions."""


def consume_outcome_event(event: dict, context=None) -> int:  # noqa: ARG001 (Zappa's signature)
    """The worker stage's function for the processor's outcome queue (an SQS event).

    Zappa has set Django up before it calls this. Returns how many outcomes were taken.
    """
    taken = 0
    for record in event.get("Records", []):
        try:
            body = json.loads(record.get("body") or "")
        except ValueError:
            logger.warning("ignored an outcome message that is not JSON")
            continue
        fields = schema.read_outcome_message(body)
        if fields is None:
            continue
        outcome_received(**fields)
        taken += 1
    return taken
