"""Zappa's asynchronous tasks in the web code, dispatched as inside the web's Lambda: each
makes exactly one AWS call, an asynchronous invoke of the worker function, which is what
the scan counts for `zappa.asynchronous.task` (in gallery.dispatch.tasks.worker_task) and what the
web and worker policies grant."""

import importlib
import inspect

import pytest

from deploy.stack import REPO_DIR
from tests.deploy import aws_calls


def _task_modules() -> list[str]:
    """The modules that make tasks with gallery.dispatch.tasks.worker_task, the one place that
    calls Zappa's task (the scan finds the invoke there)."""
    assert [
        str(path.relative_to(REPO_DIR))
        for path in aws_calls.code_of(aws_calls.WEB_PACKAGES)
        if aws_calls.operations([path]).get("invoke")
    ] == ["gallery/dispatch/tasks.py"]
    return sorted(
        ".".join(path.relative_to(REPO_DIR).with_suffix("").parts)
        for path in aws_calls.code_of(aws_calls.WEB_PACKAGES)
        if "gallery.dispatch.tasks.worker_task"
        in aws_calls._imported_modules(aws_calls._tree(path))
    )


def _tasks() -> list:
    """Every function wrapped by Zappa's @task in the modules that import it."""
    found = []
    for name in _task_modules():
        module = importlib.import_module(name)
        found += [
            value
            for value in vars(module).values()
            if callable(value) and hasattr(value, "sync") and hasattr(value, "service")
        ]
    return found


def test_the_scan_finds_the_task_modules():
    assert _task_modules() == ["proofs_api.tasks", "sharing.tasks"]
    assert {task.__name__ for task in _tasks()} == {"build_export", "deliver_in_background"}


@pytest.mark.parametrize("task", _tasks(), ids=lambda task: task.__name__)
def test_a_task_invokes_only_the_worker_function(task, dispatch_task):
    assert task.service == "lambda"  # not SNS: no topic, no sns:Publish
    arguments = ["an-id"] * len(inspect.signature(task.sync).parameters)

    payload = dispatch_task(task, *arguments)

    assert payload["command"] == "zappa.asynchronous.route_lambda_task"
    assert payload["task_path"] == f"{task.__module__}.{task.__name__}"
    assert payload["args"] == arguments
    assert payload["capture_response"] is False  # no DynamoDB response table
