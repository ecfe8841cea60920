"""Fixtures for the deployment tests: the stack's names, a moto server, the two Zappa
packages built by `make package`, a way to run a package as Lambda would, and Zappa's
asynchronous tasks dispatched against stubbed AWS clients."""

import fcntl
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.stub import ANY, Stubber

from deploy import stack
from deploy.stack import REPO_DIR as REPO
from deploy.zappa_config import RUNTIME, lambda_handler
from tests.aws_fixtures import FAKE_AWS_ENV, bootstrap_for_moto, fake_aws_env, moto_server

RUNNER = Path(__file__).with_name("lambda_runner.py")


@pytest.fixture(scope="session")
def names() -> stack.Stack:
    return stack.load()


@pytest.fixture(scope="session")
def zappa_settings() -> dict:
    return json.loads((REPO / "zappa_settings.json").read_text())


@pytest.fixture
def moto_endpoint(monkeypatch) -> str:
    """A moto server with nothing in it; every boto3 client made in the test (and
    bootstrap's) uses it."""
    with moto_server() as endpoint:  # starts from empty
        fake_aws_env(monkeypatch, endpoint_url=endpoint)
        yield endpoint


@pytest.fixture
def aws(moto_endpoint, names):
    """boto3 clients in the stack's region, on the moto server."""

    def client(service: str):
        return boto3.client(service, region_name=names.aws_region)

    return client


def _function_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def lambda_handler(event, context):\n    return event\n")
    return buffer.getvalue()


@pytest.fixture
def deploy_functions(aws, names):
    """Stands in for `zappa deploy`: both functions, as Zappa names them, in moto.

    moto creates a function without Docker (it needs Docker only to invoke one).
    """

    def deploy() -> None:
        role = aws("iam").create_role(
            RoleName="proofsheet-test-role",
            AssumeRolePolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "lambda.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                }
            ),
        )["Role"]["Arn"]
        for function in names.functions.values():
            aws("lambda").create_function(
                FunctionName=function,
                Runtime=RUNTIME,
                Role=role,
                Handler="handler.lambda_handler",
                Code={"ZipFile": _function_zip()},
                Environment={"Variables": {"PROOFSHEET_TABLE": names.table}},
            )

    return deploy


@pytest.fixture
def bootstrapped(aws, names):
    """Runs bootstrap for tests that then put and get objects (see bootstrap_for_moto)."""
    return lambda: bootstrap_for_moto(names)


@pytest.fixture
def wire_functions(aws, names):
    """Stands in for the queue triggers `zappa deploy` makes (zappa_settings.json's SQS
    `event_source`s): each consumed queue -> its function."""

    def wire() -> None:
        from deploy.bootstrap.verify import consumed_queues

        for link in consumed_queues(names):
            aws("lambda").create_event_source_mapping(
                EventSourceArn=names.queue_arn(link.queue),
                FunctionName=names.function_name(link.stage),
                BatchSize=1,
                Enabled=True,
            )

    return wire


@dataclass(frozen=True)
class Packages:
    web: Path
    processor: Path
    worker: Path
    build_seconds: float


def _clean_env() -> dict[str, str]:
    # The Makefile sets its own virtualenv, region and fake credentials.
    dropped = ("VIRTUAL_ENV", "AWS_", "DJANGO_SETTINGS_MODULE", "PYTHONPATH")
    return {key: value for key, value in os.environ.items() if not key.startswith(dropped)}


# Left out of the copy the packages are built from: made by builds and runs, or large.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", ".venv-package", "dist", "staticfiles", "var", "test-output",
    "__pycache__", ".pytest_cache", ".ruff_cache", "node_modules",
)  # fmt: skip


@contextmanager
def _exclusive(lock_file: Path):
    with open(lock_file, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _build(tree: Path, env: dict[str, str]) -> float:
    """`make package` in a copy of the working tree; returns the seconds it took.

    The copy keeps the build's `collectstatic` and `dist/` away from the files that tests
    running beside it read. The packaging virtualenv is made once, in the repository,
    as `make package` makes it, and shared with the copy.
    """
    with _exclusive(REPO / ".venv-package.lock"):
        venv = subprocess.run(
            ["make", ".venv-package/.installed"], cwd=REPO, env=env, capture_output=True, text=True
        )  # one pip install at a time into .venv-package
    assert venv.returncode == 0, venv.stdout[-5000:] + venv.stderr[-5000:]
    shutil.rmtree(tree, ignore_errors=True)  # what a failed build in another worker left
    shutil.copytree(REPO, tree, ignore=NOT_COPIED, symlinks=True)
    (tree / ".venv-package").symlink_to(REPO / ".venv-package", target_is_directory=True)
    started = time.monotonic()
    build = subprocess.run(["make", "package"], cwd=tree, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-5000:] + build.stderr[-5000:]
    return time.monotonic() - started


@pytest.fixture(scope="session")
def packages(tmp_path_factory) -> Packages:
    """Both packages, built by `make package` once per test run (a clean clone has none).

    Whichever xdist worker comes first builds; the others wait for it and reuse the
    result (the workers of one run share the parent of their temporary folders). The
    tests also ask for one worker (xdist_group), but pytest 9.2 drops the group suffix
    pytest-xdist 3.8 puts on node ids, so the build must be safe across workers anyway.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    tree, done = shared / "package-build" / "proofsheet", shared / "package-build.json"
    with _exclusive(shared / "package-build.lock"):
        if not done.exists():
            done.write_text(json.dumps({"seconds": _build(tree, _clean_env())}))
    return Packages(
        web=tree / "dist" / "web.zip",
        worker=tree / "dist" / "worker.zip",
        processor=tree / "dist" / "processor.zip",
        build_seconds=json.loads(done.read_text())["seconds"],
    )


@pytest.fixture
def run_package(tmp_path, zappa_settings):
    """Unpacks a package into an empty folder and sends it events through the handler its
    stage gives Lambda (Zappa's, unless the stage names its own `lambda_handler`) in a
    separate Python that sees only that folder and the standard library."""

    def run(
        package: Path, events: list[dict], environment: dict[str, str], *, full: bool = False
    ) -> list | dict:
        """The handler's results; with `full`, the runner's whole output (the modules
        imported, timings)."""
        task = Path(tempfile.mkdtemp(prefix=f"task-{package.stem}-", dir=tmp_path))
        with zipfile.ZipFile(package) as archive:
            archive.extractall(task)
        events_file = task.with_suffix(".events.json")
        events_file.write_text(json.dumps(events))
        results_file = task.with_suffix(".results.json")
        completed = subprocess.run(
            [
                sys.executable,
                "-I",
                "-S",
                "-B",
                str(RUNNER),
                str(task),
                str(events_file),
                str(results_file),
                lambda_handler(zappa_settings[package.stem]),
            ],
            env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **environment},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert completed.returncode == 0, completed.stderr[-6000:]
        output = json.loads(results_file.read_text())
        assert all(str(task) == path or "site-packages" not in path for path in output["sys_path"])
        return output if full else output["results"]

    return run


@pytest.fixture
def lambda_environment(names, zappa_settings):
    """The environment Lambda gives a stage's function: its `aws_environment_variables`,
    the variables Lambda sets itself, and credentials (fake ones, for moto)."""

    def environment(stage: str, **extra: str) -> dict[str, str]:
        settings = zappa_settings[stage]
        return {
            **settings.get("aws_environment_variables", {}),
            **FAKE_AWS_ENV,
            "AWS_REGION": names.aws_region,
            "AWS_DEFAULT_REGION": names.aws_region,
            "AWS_LAMBDA_FUNCTION_NAME": names.function_name(stage),
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(settings["memory_size"]),
            **extra,
        }

    return environment


@pytest.fixture
def dispatch_task(monkeypatch, names, settings):
    """Calls a Zappa task as the web function would inside Lambda, with the web's settings,
    and returns the payload Zappa sent. Every AWS client zappa.asynchronous holds is stubbed:
    the one invoke of the worker function is expected, and any other call (SNS, STS,
    DynamoDB, a second invoke) fails the test."""
    from zappa import asynchronous

    fake_aws_env(monkeypatch)
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", names.web_function)
    settings.PROOFSHEET_WORKER_FUNCTION = names.worker_function  # as config.env reads it
    monkeypatch.setenv("AWS_REGION", names.aws_region)
    stubbers = {}
    for attribute, service in (
        ("LAMBDA_CLIENT", "lambda"),
        ("SNS_CLIENT", "sns"),
        ("STS_CLIENT", "sts"),
        ("DYNAMODB_CLIENT", "dynamodb"),
    ):
        client = boto3.client(service, region_name=names.aws_region)
        stubbers[service] = Stubber(client)
        stubbers[service].activate()
        monkeypatch.setattr(asynchronous, attribute, client, raising=False)
    sent = []
    stubbers["lambda"].client.meta.events.register(
        "before-parameter-build.lambda.Invoke", lambda params, **_: sent.append(params["Payload"])
    )

    def dispatch(task, *args) -> dict:
        sent.clear()
        stubbers["lambda"].add_response(
            "invoke",
            {"StatusCode": 202},
            {"FunctionName": names.worker_function, "InvocationType": "Event", "Payload": ANY},
        )
        response = task(*args)
        assert response.sent, "Zappa did not get Lambda's 202 for the asynchronous invoke"
        for stubber in stubbers.values():
            stubber.assert_no_pending_responses()
        (payload,) = sent
        return json.loads(payload)

    yield dispatch
    for stubber in stubbers.values():
        stubber.deactivate()
