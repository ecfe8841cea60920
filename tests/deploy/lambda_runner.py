"""Calls an unpacked Zappa package the way Lambda's Python runtime does.

    python -I -S lambda_runner.py TASK_DIR EVENTS_JSON RESULTS_JSON

`-I -S`: no site-packages, no user site, no PYTHON* variables, so the only code that
can be imported besides the standard library is the package in TASK_DIR, which
becomes the working directory and the head of sys.path, as /var/task is in Lambda.
Each event goes to `handler.lambda_handler(event, context)` in one process (one warm
function); the results are written as JSON to RESULTS_JSON.
"""

import json
import os
import sys
import uuid


class LambdaContext:
    """The attributes of Lambda's context object that handlers read."""

    def __init__(self):
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "test")
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"))
        self.aws_request_id = str(uuid.uuid4())
        self.invoked_function_arn = (
            f"arn:aws:lambda:local:000000000000:function:{self.function_name}"
        )
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self.log_stream_name = "local"

    def get_remaining_time_in_millis(self):
        return 60_000


def main(task_dir: str, events_path: str, results_path: str) -> None:
    leaked = [path for path in sys.path if "site-packages" in path]
    if leaked:
        raise SystemExit(f"site-packages on sys.path: {leaked}")
    os.chdir(task_dir)
    sys.path.insert(0, task_dir)
    import handler  # Zappa's handler.py at the package root: Lambda's "handler.lambda_handler"

    with open(events_path) as handle:
        events = json.load(handle)
    results = [handler.lambda_handler(event, LambdaContext()) for event in events]
    with open(results_path, "w") as handle:
        json.dump({"results": results, "sys_path": sys.path}, handle)


if __name__ == "__main__":
    main(*sys.argv[1:4])
