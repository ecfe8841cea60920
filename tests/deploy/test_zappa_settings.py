"""zappa_settings.json: generated from deploy/stack.json, and read by Zappa itself the
way `zappa deploy` reads it."""

import importlib
import inspect
from pathlib import Path

import botocore
import pytest
from zappa.cli import ZappaCLI

from deploy import render, stack, zappa_config
from deploy.bootstrap import queues
from deploy.stack import PROCESSOR_STAGE, REPO_DIR, STAGES, WEB_STAGE, WORKER_STAGE
from tests.aws_fixtures import fake_aws_env
from tests.deploy import aws_calls

SECRETS = {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_EMAIL_HOST_PASSWORD"}


def test_generated_files_match_the_stack(names):
    assert render.stale(names) == [], "run: python -m deploy.render"


@pytest.fixture
def zappa_cli(monkeypatch):
    """Zappa's own reading of a stage, as `zappa deploy STAGE` does (no AWS call made)."""
    fake_aws_env(monkeypatch)
    monkeypatch.chdir(REPO_DIR)

    def load(stage: str) -> ZappaCLI:
        cli = ZappaCLI()
        cli.api_stage = stage
        cli.load_settings("zappa_settings.json")
        return cli

    return load


@pytest.mark.parametrize("stage", STAGES)
def test_zappa_names_each_function_as_the_stack_does(stage, zappa_cli, names):
    cli = zappa_cli(stage)
    assert cli.lambda_name == names.function_name(stage)
    assert cli.runtime == "python3.12"
    assert cli.zappa.aws_region == names.aws_region
    assert cli.s3_bucket_name == names.zappa_bucket


@pytest.mark.parametrize("stage", STAGES)
def test_configuration_is_in_lambda_environment_variables_and_secrets_nowhere(
    stage, zappa_settings
):
    settings = zappa_settings[stage]
    assert "environment_variables" not in settings  # those are written into the package
    assert not SECRETS & set(settings["aws_environment_variables"])
    assert "AWS_REGION" not in settings["aws_environment_variables"]  # Lambda reserves it
    assert settings["debug"] is False  # Zappa's debug returns tracebacks to browsers


@pytest.mark.parametrize("stage", STAGES)
def test_packages_keep_botocore_data_files(stage, zappa_settings):
    patterns = zappa_settings[stage]["exclude"] + zappa_settings[stage]["exclude_glob"]
    assert not [pattern for pattern in patterns if pattern.endswith(".gz")]


def test_processor_package_keeps_the_models_of_the_services_its_code_calls(zappa_settings):
    calls = aws_calls.operations(aws_calls.code_of(aws_calls.PROCESSOR_PACKAGES))
    services = {action.split(":")[0] for action in aws_calls.actions_for(calls)}
    assert services == set(zappa_config.PROCESSOR_AWS_SERVICES)
    # The stage's patterns, as Zappa globs them, against botocore's own data folder.
    data = Path(botocore.__file__).parent / "data"
    prefix = f"{zappa_config.BOTOCORE_DATA}/"
    patterns = [p for p in zappa_settings[PROCESSOR_STAGE]["exclude_glob"] if p.startswith(prefix)]
    left_out = {path for pattern in patterns for path in data.glob(pattern.removeprefix(prefix))}
    kept = {path.name for path in data.iterdir()} - {path.name for path in left_out}
    assert kept == services | {path.name for path in data.glob("*.json")}  # endpoints, ...


def test_folders_except_leaves_out_every_other_name_whatever_it_shares_with_a_kept_one(tmp_path):
    names = ["s3", "s3control", "s", "sqs", "sq", "sqsx", "ssm", "dynamodb", "dynamodbstreams"]
    names += ["dax", "d", "dynamo", "dz", "_x", "3s", "S3"]
    for name in names:
        (tmp_path / name).mkdir()
    (tmp_path / "endpoints.json").write_text("{}")
    for pattern in zappa_config.folders_except("data", ("s3", "sqs", "dynamodb")):
        for path in tmp_path.glob(pattern.removeprefix("data/")):
            path.rmdir()
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "dynamodb",
        "endpoints.json",
        "s3",
        "sqs",
    ]


@pytest.mark.parametrize("stage", [WEB_STAGE, WORKER_STAGE])
def test_web_and_worker_run_django_with_the_stack_names(stage, zappa_settings, names):
    settings = zappa_settings[stage]
    assert settings["django_settings"] == "config.settings.production"
    assert settings["aws_environment_variables"] == {
        "PROOFSHEET_BUCKET": names.bucket,
        "PROOFSHEET_TABLE": names.table,
        "PROOFSHEET_MODE": "aws",
        "PROOFSHEET_RENDER_QUEUE_URL": names.render_queue_url,
        "PROOFSHEET_SITE_ORIGIN": names.origin,
        "DJANGO_ALLOWED_HOSTS": ",".join(names.allowed_hosts),
        "PROOFSHEET_SIGNUP_ENABLED": "false",
        "PROOFSHEET_WORKER_FUNCTION": names.worker_function,
    }


def test_web_stage_serves_requests_only_within_api_gateways_limit(zappa_cli, zappa_settings):
    web = zappa_settings[WEB_STAGE]
    assert web["binary_support"] is True
    assert web["events"] == []  # keep_warm's schedule is Zappa's own
    cli = zappa_cli(WEB_STAGE)  # what `zappa deploy` / `zappa update` pass to Lambda
    assert cli.timeout_seconds == zappa_config.WEB_TIMEOUT_S <= 30
    assert "ephemeral_storage" not in web  # no ZIP is built here


def test_worker_takes_outcomes_sweeps_webhooks_and_runs_the_tasks(zappa_cli, zappa_settings, names):
    worker = zappa_settings[WORKER_STAGE]
    assert worker["apigateway_enabled"] is False
    sweep, reminders, outcomes, upload_sweep = worker["events"]
    assert sweep == {
        "function": "proofs_api.tasks.deliver_due_webhooks",
        "expression": "rate(1 minute)",
    }
    assert reminders == {
        "function": "sharing.tasks.send_due_reminders",
        "expression": "rate(10 minutes)",
    }
    assert upload_sweep == {
        "function": "gallery.sweep.sweep_abandoned_uploads",
        "expression": "rate(15 minutes)",
    }
    assert outcomes["function"] == "gallery.dispatch.aws.consume_outcome_event"
    assert outcomes["event_source"] == {
        "arn": names.outcome_queue_arn,
        "batch_size": 1,
        "enabled": True,
    }
    # Zappa tasks invoke the function directly: no SNS topic, no response table.
    assert not {"async_source", "async_resources", "async_response_table"} & set(worker)

    written = zappa_cli(WORKER_STAGE).get_zappa_settings_string()
    mapping = {names.outcome_queue_arn: ["gallery.dispatch.aws.consume_outcome_event"]}
    assert f"AWS_EVENT_MAPPING={mapping}" in written
    assert "DJANGO_SETTINGS='config.settings.production'" in written
    assert "ASYNC_RESPONSE_TABLE=''" in written


def test_worker_has_time_for_a_zip_export_and_no_more_disk_than_lambda_gives(zappa_cli):
    cli = zappa_cli(WORKER_STAGE)
    assert cli.timeout_seconds == zappa_config.WORKER_TIMEOUT_S <= 900
    # Exports stream to S3: Lambda's least /tmp (MB), brought down from an earlier 10 GB.
    assert cli.ephemeral_storage == {"Size": 512}


def test_processor_announces_outcomes_and_asks_for_renders_of_lost_uploads(zappa_settings, names):
    variables = zappa_settings[PROCESSOR_STAGE]["aws_environment_variables"]
    assert variables == {
        "PROOFSHEET_BUCKET": names.bucket,
        "PROOFSHEET_TABLE": names.table,
        "PROOFSHEET_OUTCOME_QUEUE_URL": names.outcome_queue_url,
        "PROOFSHEET_RENDER_QUEUE_URL": names.render_queue_url,  # lambda_processor.sweep
    }


def test_processor_stage_takes_uploads_from_the_ingest_queue_never_from_the_bucket(
    zappa_cli, zappa_settings, names
):
    processor = zappa_settings[PROCESSOR_STAGE]
    assert processor["apigateway_enabled"] is False
    assert not {"django_settings", "app_function"} & set(processor)
    assert processor["dead_letter_arn"] == names.dead_letter_queue_arn
    ingest, render, sweep = processor["events"]
    # No S3 event source: `zappa update` would remove and re-add the bucket notification.
    assert not [
        event
        for event in processor["events"]
        if ":s3:" in event.get("event_source", {}).get("arn", "")
    ]
    for event, queue in ((ingest, names.ingest_queue_arn), (render, names.render_queue_arn)):
        assert event["function"] == zappa_config.PROCESSOR_FUNCTION
        assert event["event_source"] == {"arn": queue, "batch_size": 1, "enabled": True}
    assert sweep == {
        "function": zappa_config.LOST_UPLOADS_SWEEP_FUNCTION,
        "expression": zappa_config.LOST_UPLOADS_SWEEP_SCHEDULE,
    }

    # What Zappa writes into the package: the event source ARN -> the function to call.
    written = zappa_cli(PROCESSOR_STAGE).get_zappa_settings_string()
    mapping = {names.ingest_queue_arn: ["lambda_processor.handler.handle"]}
    mapping[names.render_queue_arn] = ["lambda_processor.handler.handle"]
    assert f"AWS_EVENT_MAPPING={mapping}" in written
    assert "DJANGO_SETTINGS=None" in written
    # Lambda calls the processor's own handler, which routes as that mapping says.
    assert zappa_cli(PROCESSOR_STAGE).lambda_handler == "lambda_processor.entry.lambda_handler"


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_reserves_the_concurrency_the_stack_gives_it(stage, zappa_cli, names):
    cli = zappa_cli(stage)  # what `zappa update` passes to put_function_concurrency
    assert cli.lambda_concurrency == names.lambda_concurrency[stage] >= 1


@pytest.mark.parametrize(
    "path",
    sorted(
        {
            event["function"]
            for stage in STAGES
            for event in zappa_config.zappa_settings(stack.load())[stage]["events"]
        }
    ),
)
def test_event_function_takes_lambdas_two_arguments(path):
    module, name = path.rsplit(".", 1)
    function = getattr(importlib.import_module(module), name)
    # Zappa retries a call that raises TypeError with fewer arguments: the signature
    # must take (event, context) so a TypeError inside is never mistaken for it.
    assert list(inspect.signature(function).parameters) == ["event", "context"]


@pytest.mark.parametrize(
    ("stage", "visibility", "times"),
    [
        (PROCESSOR_STAGE, queues.RENDER_VISIBILITY_TIMEOUT, 6),
        (PROCESSOR_STAGE, queues.INGEST_VISIBILITY_TIMEOUT, 6),
        # Not six times the worker's 900 s: a failed outcome would wait 90 minutes.
        (WORKER_STAGE, queues.OUTCOME_VISIBILITY_TIMEOUT, 1),
    ],
)
def test_each_queue_outlasts_the_timeout_of_the_function_that_takes_it(
    stage, visibility, times, zappa_settings
):
    timeout = zappa_settings[stage]["timeout_seconds"]
    assert timeout <= 900
    # Lambda refuses an SQS source whose visibility is below the function's timeout, and
    # advises six times it.
    assert int(visibility) >= times * timeout
    assert int(queues.OUTCOME_VISIBILITY_TIMEOUT) * queues.OUTCOME_MAX_RECEIVES <= 2 * 3600
