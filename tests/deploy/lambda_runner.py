"""Calls an unpacked Zappa package the way Lambda's Python runtime does.

    python -I -S -B lambda_runner.py TASK_DIR EVENTS_JSON RESULTS_JSON [MODULE,...]

`-I -S`: no site-packages, no user site, no PYTHON* variables, so the only code that
can be imported besides the standard library is the package in TASK_DIR, which
becomes the working directory and the head of sys.path, as /var/task is in Lambda.
`-B`: nothing written beside the code, as /var/task is read-only in Lambda (a stale
`.pyc` is compiled again by every new instance).
Each event goes to `handler.lambda_handler(event, context)` in one process (one warm
function); the results are written as JSON to RESULTS_JSON, with how long the import of
Zappa's handler (plus the MODULEs named, the function's own code) and each event took.
"""

import importlib
import json
import os
import sys
import time
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


def main(task_dir: str, events_path: str, results_path: str, modules: str = "") -> None:
    leaked = [path for path in sys.path if "site-packages" in path]
    if leaked:
        raise SystemExit(f"site-packages on sys.path: {leaked}")
    os.chdir(task_dir)
    sys.path.insert(0, task_dir)
    started = time.perf_counter()
    import handler  # Zappa's handler.py at the package root: Lambda's "handler.lambda_handler"

    for module in filter(None, modules.split(",")):
        importlib.import_module(module)
    import_ms = (time.perf_counter() - started) * 1000
    with open(events_path) as handle:
        events = json.load(handle)
    results, event_ms = [], []
    for event in events:
        started = time.perf_counter()
        results.append(handler.lambda_handler(event, LambdaContext()))
        event_ms.append((time.perf_counter() - started) * 1000)
    with open(results_path, "w") as handle:
        json.dump(
            {
                "results": results,
                "sys_path": sys.path,
                "modules": sorted(sys.modules),
                "import_ms": import_ms,
                "event_ms": event_ms,
            },
            handle,
        )


if __name__ == "__main__":
    main(*sys.argv[1:5])
