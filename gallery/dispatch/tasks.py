"""Work the web hands to the worker function on AWS: Zappa's `task`, sent to the function
that settings.PROOFSHEET_WORKER_FUNCTION names (a long timeout, its own concurrency), so a
ZIP export or a webhook delivery never runs in the web function.

Zappa's task invokes that function asynchronously when it runs inside Lambda
(AWS_LAMBDA_FUNCTION_NAME is set), and otherwise (locally, in tests) runs the function in
place. Arguments must be JSON: pass ids, not objects.
"""

import functools

from django.conf import settings
from zappa.asynchronous import task


def worker_task(function):
    """Like `zappa.asynchronous.task`, with the worker's name read when called (settings
    are set up by then; at import they may not be)."""

    @functools.wraps(function)
    def dispatch(*args, **kwargs):
        worker = settings.PROOFSHEET_WORKER_FUNCTION or None  # None: the running function
        return task(function, remote_aws_lambda_function_name=worker)(*args, **kwargs)

    # What Zappa's route_lambda_task calls in the worker, and what tells a task apart.
    dispatch.sync = function
    dispatch.service = "lambda"
    return dispatch
