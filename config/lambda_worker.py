"""The worker function's Lambda handler (the worker stage's `lambda_handler` in zappa_settings).

Lambda calls this rather than Zappa's `handler.lambda_handler`, whose module loads werkzeug,
asyncio and boto3 (through zappa.utilities) in every new instance, for a function that serves
no HTTP. Zappa still makes the outcome queue's trigger and the schedules from the stage's
`events`, and the tasks the web starts invoke this function; each event goes where Zappa's
handler sent it (config.lambda_commands): an SQS message to the function Zappa recorded for
its queue, a schedule to the function its rule names, a task to Zappa's task router.
"""

from __future__ import annotations

import functools
import importlib
import os
from typing import Any

from config import startup

startup.init_started()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

from config import lambda_commands  # noqa: E402

django.setup()  # once per cold start, in Lambda's init
startup.init_finished()


@functools.cache  # read once per cold start, not once per message
def queue_functions() -> dict[str, str]:
    """Each queue's function, from the `zappa_settings` module Zappa writes into the package
    (its AWS_EVENT_MAPPING, made from the stage's `events`: one function per queue)."""
    mapping = importlib.import_module("zappa_settings").AWS_EVENT_MAPPING
    return {arn: function for arn, (function,) in mapping.items()}


def lambda_handler(event: dict[str, Any], context: Any) -> Any:
    return lambda_commands.handle(event, context, records=queue_functions())
