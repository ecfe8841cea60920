"""Calls an unpacked Zappa package the way Lambda's Python runtime does.

    python -I -S -B lambda_runner.py TASK_DIR EVENTS_JSON RESULTS_JSON [HANDLER [MODULE,...]]

`-I -S`: no site-packages, no user site, no PYTHON* variables, so the only code that
can be imported besides the standard library is the package in TASK_DIR, which
becomes the working directory and the head of sys.path, as /var/task is in Lambda.
`-B`: nothing written beside the code, as /var/task is read-only in Lambda (a stale
`.pyc` is compiled again by every new instance).
Each event goes to HANDLER (the function's Lambda handler, `module.function`: Zappa's
`handler.lambda_handler` unless the stage names its own `lambda_handler`) in one process
(one warm function); the results are written as JSON to RESULTS_JSON, with how long the
import of the handler's module (plus the MODULEs named, the function's own code) and each
event took, in wall-clock and in CPU milliseconds (CPU time moves less on a busy machine).
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


ZAPPA_HANDLER = "handler.lambda_handler"  # Zappa's handler.py at the package root


def main(
    task_dir: str,
    events_path: str,
    results_path: str,
    handler_path: str = ZAPPA_HANDLER,
    modules: str = "",
) -> None:
    leaked = [path for path in sys.path if "site-packages" in path]
    if leaked:
        raise SystemExit(f"site-packages on sys.path: {leaked}")
    os.chdir(task_dir)
    sys.path.insert(0, task_dir)
    module_name, function_name = (handler_path or ZAPPA_HANDLER).rsplit(".", 1)
    started, started_cpu = time.perf_counter(), time.process_time()
    lambda_handler = getattr(importlib.import_module(module_name), function_name)
    for module in filter(None, modules.split(",")):
        importlib.import_module(module)
    import_ms = (time.perf_counter() - started) * 1000
    import_cpu_ms = (time.process_time() - started_cpu) * 1000
    with open(events_path) as handle:
        events = json.load(handle)
    results, event_ms, event_cpu_ms = [], [], []
    for event in events:
        started, started_cpu = time.perf_counter(), time.process_time()
        results.append(lambda_handler(event, LambdaContext()))
        event_ms.append((time.perf_counter() - started) * 1000)
        event_cpu_ms.append((time.process_time() - started_cpu) * 1000)
    with open(results_path, "w") as handle:
        json.dump(
            {
                "results": results,
                "sys_path": sys.path,
                "modules": sorted(sys.modules),
                "import_ms": import_ms,
                "event_ms": event_ms,
                "import_cpu_ms": import_cpu_ms,
                "event_cpu_ms": event_cpu_ms,
            },
            handle,
        )


if __name__ == "__main__":
    main(*sys.argv[1:6])
