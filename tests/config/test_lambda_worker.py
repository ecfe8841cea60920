"""The worker function's own Lambda handler, fed what reaches the worker: the outcome queue's
messages, the schedules and the tasks the web starts (config.lambda_worker)."""

import sys

import pytest
from zappa.cli import ZappaCLI

from config import lambda_commands, lambda_worker
from deploy.stack import REPO_DIR
from deploy.zappa_config import UPLOAD_SWEEP_FUNCTION, WEBHOOK_SWEEP_FUNCTION
from tests.deploy.conftest import dispatch_task, names  # noqa: F401 (fixtures)
from tests.deploy.lambda_events import outcome_queue_event, scheduled_event

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def zappa_settings_text() -> str:
    """The `zappa_settings` module `zappa package worker` writes into the package, written by
    Zappa from zappa_settings.json."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO_DIR)
        patch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            patch.setenv(name, "testing")
        cli = ZappaCLI()
        cli.api_stage = "worker"
        cli.load_settings("zappa_settings.json")
        return cli.get_zappa_settings_string()


@pytest.fixture(autouse=True)
def zappa_settings_module(zappa_settings_text, monkeypatch, tmp_path):
    (tmp_path / "zappa_settings.py").write_text(zappa_settings_text)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "zappa_settings", raising=False)


def test_the_outcome_queues_messages_go_to_the_outcome_function(names):  # noqa: F811
    # The photo is unknown here: the outcome is taken (1) and nothing else happens.
    event = outcome_queue_event(queue_arn=names.outcome_queue_arn)

    assert lambda_worker.lambda_handler(event, None) == 1


def test_a_queue_the_stage_does_not_consume_is_refused_not_dropped(names):  # noqa: F811
    with pytest.raises(lambda_commands.UnknownEvent, match=names.render_queue):
        lambda_worker.lambda_handler(outcome_queue_event(queue_arn=names.render_queue_arn), None)


@pytest.mark.parametrize("function", [WEBHOOK_SWEEP_FUNCTION, UPLOAD_SWEEP_FUNCTION])
def test_a_schedule_runs_the_function_its_rule_names(function, names):  # noqa: F811
    event = scheduled_event(names, f"{names.worker_function}-{function}")

    assert lambda_worker.lambda_handler(event, None) == 0  # nothing due, nothing abandoned


def test_a_task_the_web_started_runs_here(dispatch_task):  # noqa: F811
    from proofs_api.tasks import deliver_in_background

    # The payload Zappa's task sends when the web code calls it inside Lambda.
    task = dispatch_task(deliver_in_background, ["no-such-delivery"])

    assert lambda_worker.lambda_handler(task, None) == 0  # no such delivery
