"""Benchmark: cold starts of the three Zappa packages, unpacked and run as Lambda runs them.

    .venv/bin/python bench/bench_deploy.py [--runs N] [WEB_ZIP PROCESSOR_ZIP WORKER_ZIP]

(`make bench-deploy` builds the packages with `make package` first.) Each run unpacks the
package into a new folder and starts a new Python the way the deploy tests do
(tests/deploy/lambda_runner.py: `-I -S -B`, only the package on sys.path, nothing written
beside the code), through the handler each stage gives Lambda. It prints, as median
(min-max) over the runs, wall-clock and CPU milliseconds (CPU time moves less when other
work shares the machine):

- processor: import (lambda_processor.entry, its own Lambda handler: what Lambda's init
  runs before the first event) and the first event (a render request from the render
  queue: a sample photo's original read from S3, two renditions and a record written);
- web: import (config.lambda_web, its own Lambda handler: Django set up and the WSGI app
  made, what Lambda's init runs) and the first request (the sign-in page through API
  Gateway's event, by apig-wsgi), and their sum, the first response: what the first
  visitor waits for beyond the interpreter's own start;
- worker: import (config.lambda_worker, its own Lambda handler: Django set up) and the first
  event (an outcome message from the outcome queue, taken as the worker takes it).

None of the three loads Zappa's handler (werkzeug, asyncio and boto3 before Django starts):
Zappa deploys the functions and their events, and each stage names its `lambda_handler`.
AWS is a moto server on this machine, set up as `python -m deploy.bootstrap` sets it up;
the web uses SQLite (migrated before the runs). Figures from a shared 2-core machine: compare runs
made one after the other, not across machines. Targets (issue 14): processor import under
250 ms, web first response under 700 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere

import boto3  # noqa: E402
import machine  # noqa: E402

from deploy import stack  # noqa: E402
from deploy.zappa_config import PROCESSOR_FUNCTION, lambda_handler  # noqa: E402
from tests.aws_fixtures import FAKE_AWS_ENV, bootstrap_for_moto, moto_server  # noqa: E402
from tests.deploy.lambda_events import (  # noqa: E402
    api_gateway_event,
    outcome_queue_event,
    render_queue_event,
)

RUNNER = REPO / "tests" / "deploy" / "lambda_runner.py"
SAMPLE = REPO / ".." / "shared" / "samples" / "orientation" / "Landscape_1.jpg"
TARGETS = {"processor import": 250.0, "web first response": 700.0}
ORIGINAL_KEY = "originals/gal-bench/photo-1/Landscape_1.jpg"
SETTINGS = json.loads((REPO / "zappa_settings.json").read_text())


def run_package(
    task: Path, events: list[dict], environment: dict[str, str], stage: str, modules: str = ""
) -> dict:
    """One cold instance: the runner's output (results, import and event ms, wall and CPU)."""
    work = Path(tempfile.mkdtemp(dir=task.parent))
    (work / "events.json").write_text(json.dumps(events))
    completed = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-B",
            str(RUNNER),
            str(task),
            str(work / "events.json"),
            str(work / "results.json"),
            lambda_handler(SETTINGS[stage]),
            modules,
        ],
        env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **environment},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if completed.returncode:
        raise SystemExit(f"{task.name} failed:\n{completed.stderr[-4000:]}")
    output = json.loads((work / "results.json").read_text())
    shutil.rmtree(task)
    events = ", ".join(f"{ms:.0f}" for ms in output["event_ms"])
    cpu = ", ".join(f"{ms:.0f}" for ms in output["event_cpu_ms"])
    print(
        f"  {task.name}: import {output['import_ms']:.0f} (cpu {output['import_cpu_ms']:.0f}),"
        f" events {events} (cpu {cpu}) ms",
        file=sys.stderr,
    )
    return output


def unpack(package: Path, into: Path) -> Path:
    task = Path(tempfile.mkdtemp(prefix=f"{package.stem}-", dir=into))
    with zipfile.ZipFile(package) as archive:
        archive.extractall(task)
    return task


def lambda_environment(names: stack.Stack, stage: str, **extra: str) -> dict[str, str]:
    """As tests/deploy/conftest.py's lambda_environment fixture gives it."""
    settings = SETTINGS[stage]
    return {
        **settings.get("aws_environment_variables", {}),
        **FAKE_AWS_ENV,
        "AWS_REGION": names.aws_region,
        "AWS_DEFAULT_REGION": names.aws_region,
        "AWS_LAMBDA_FUNCTION_NAME": names.function_name(stage),
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(settings["memory_size"]),
        **extra,
    }


def bench_processor(package: Path, workdir: Path, names: stack.Stack, runs: int) -> dict:
    with moto_server() as endpoint:
        os.environ.update(FAKE_AWS_ENV, AWS_ENDPOINT_URL=endpoint)
        bootstrap_for_moto(names)
        s3 = boto3.client("s3", region_name=names.aws_region)
        s3.put_object(Bucket=names.bucket, Key=ORIGINAL_KEY, Body=SAMPLE.read_bytes())
        environment = lambda_environment(names, "processor", AWS_ENDPOINT_URL=endpoint)
        timings = Timings("processor", "first event")
        for _ in range(runs):
            output = run_package(
                unpack(package, workdir),
                [render_queue_event(queue_arn=names.render_queue_arn, keys=[ORIGINAL_KEY])],
                environment,
                "processor",
                modules=PROCESSOR_FUNCTION.rsplit(".", 1)[0],
            )
            assert output["results"] == [{"records": 1, "outcomes": {"processed": 1}}], output
            timings.add(output)
    return timings.values


def django_environment(package: Path, workdir: Path, names: stack.Stack, stage: str) -> dict:
    """A Django stage's environment, its SQLite database made and migrated."""
    environment = lambda_environment(
        names,
        stage,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{workdir / f'{stage}.sqlite3'}",
    )
    run_package(unpack(package, workdir), [{"manage": "migrate --noinput"}], environment, stage)
    return environment


def bench_web(package: Path, workdir: Path, names: stack.Stack, runs: int) -> dict:
    host = f"a1b2c3d4e5.execute-api.{names.aws_region}.amazonaws.com"
    environment = django_environment(package, workdir, names, "web")
    page = api_gateway_event("/accounts/login/", host=host, stage="web")
    timings = Timings("web", "first request", total="first response")
    for _ in range(runs):
        output = run_package(unpack(package, workdir), [page], environment, "web")
        assert output["results"][0]["statusCode"] == 200, output["results"][0]
        timings.add(output)
    return timings.values


def bench_worker(package: Path, workdir: Path, names: stack.Stack, runs: int) -> dict:
    environment = django_environment(package, workdir, names, "worker")
    outcome = outcome_queue_event(queue_arn=names.outcome_queue_arn)
    timings = Timings("worker", "first event")
    for _ in range(runs):
        output = run_package(unpack(package, workdir), [outcome], environment, "worker")
        assert output["results"] == [1], output["results"]  # the outcome taken
        timings.add(output)
    return timings.values


class Timings:
    """Each figure's values over the runs, wall-clock and CPU (`... cpu`)."""

    def __init__(self, stage: str, event: str, total: str = ""):
        self.names = (f"{stage} import", f"{stage} {event}", f"{stage} {total}" if total else "")
        self.values: dict[str, list[float]] = {}

    def add(self, output: dict) -> None:
        imported, event = self.names[:2]
        for suffix, key in (("", "ms"), (" cpu", "cpu_ms")):
            figures = {
                imported: output[f"import_{key}"],
                event: output[f"event_{key}"][0],
                self.names[2]: output[f"import_{key}"] + output[f"event_{key}"][0],
            }
            for name, value in figures.items():
                if name:
                    self.values.setdefault(name + suffix, []).append(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "packages", nargs="*", default=["dist/web.zip", "dist/processor.zip", "dist/worker.zip"]
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    web, processor, worker = (Path(path).resolve() for path in args.packages)
    names = stack.load()
    with tempfile.TemporaryDirectory(prefix="bench-deploy-") as workdir:
        timings = bench_processor(processor, Path(workdir), names, args.runs)
        timings |= bench_web(web, Path(workdir), names, args.runs)
        timings |= bench_worker(worker, Path(workdir), names, args.runs)
    load = machine.load(sep=", ")
    print(f"Cold starts, {args.runs} new instances each, ms: median (min-max); load {load}")
    for name, values in timings.items():
        median = statistics.median(values)
        line = f"  {name:<26} {median:7.0f} ({min(values):.0f}-{max(values):.0f})"
        if name in TARGETS:
            met = median < TARGETS[name]
            line += f"   target < {TARGETS[name]:.0f}: {'met' if met else 'MISSED'}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
