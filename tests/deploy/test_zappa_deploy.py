"""Zappa's own deploy steps, run against a moto server: each role gets our policy and
nothing else, and the functions and their event sources are made as zappa_settings.json
says.

(`zappa deploy web` builds API Gateway through CloudFormation, beyond what moto does: the
web test deploys everything else, the function, its schedule and its queue.)
"""

import io
import json
import zipfile

import pytest
from zappa.cli import ZappaCLI

from deploy import bootstrap, iam
from deploy.stack import PROCESSOR_STAGE, REPO_DIR, WEB_STAGE

pytestmark = pytest.mark.e2e


@pytest.fixture
def zappa(moto_endpoint, monkeypatch, names):
    monkeypatch.chdir(REPO_DIR)  # where `zappa` runs: attach_policy paths are relative to it
    # With credentials in the environment, Zappa 0.63 takes AWS_DEFAULT_REGION over the
    # stage's aws_region (the README says to set it).
    monkeypatch.setenv("AWS_DEFAULT_REGION", names.aws_region)

    def load(stage: str) -> ZappaCLI:
        cli = ZappaCLI()
        cli.api_stage = stage
        cli.load_settings("zappa_settings.json")
        return cli

    return load


def _small_zip(tmp_path) -> str:
    path = tmp_path / "function.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def lambda_handler(event, context):\n    return None\n")
    path.write_bytes(buffer.getvalue())
    return str(path)


@pytest.mark.parametrize("stage", [WEB_STAGE, PROCESSOR_STAGE])
def test_each_role_gets_the_policy_file_and_nothing_else(stage, zappa, aws, names):
    zappa(stage).zappa.create_iam_roles()  # what `zappa deploy` does first

    role = f"{names.function_name(stage)}-ZappaLambdaExecutionRole"
    assert aws("iam").list_role_policies(RoleName=role)["PolicyNames"] == ["zappa-permissions"]
    assert aws("iam").list_attached_role_policies(RoleName=role)["AttachedPolicies"] == []
    policy = aws("iam").get_role_policy(RoleName=role, PolicyName="zappa-permissions")
    assert policy["PolicyDocument"] == json.loads((REPO_DIR / iam.policy_path(stage)).read_text())


def test_processor_deploy_wires_the_bucket_and_the_render_queue(zappa, aws, names, tmp_path):
    bootstrap.run(names)  # README step 3: the resources exist before the deploy
    cli = zappa(PROCESSOR_STAGE)
    cli.zappa.create_iam_roles()
    cli.deploy(source_zip=_small_zip(tmp_path))  # creates the function, then schedules events

    function = aws("lambda").get_function_configuration(FunctionName=names.processor_function)
    assert (function["Runtime"], function["MemorySize"], function["Timeout"]) == (
        "python3.12",
        2048,
        300,
    )
    assert function["Role"].endswith(f"role/{names.processor_function}-ZappaLambdaExecutionRole")
    assert function["Environment"]["Variables"] == {
        "PROOFSHEET_BUCKET": names.bucket,
        "PROOFSHEET_TABLE": names.table,
        "PROOFSHEET_OUTCOME_QUEUE_URL": names.outcome_queue_url,
    }
    notifications = aws("s3").get_bucket_notification_configuration(Bucket=names.bucket)
    (notification,) = notifications["LambdaFunctionConfigurations"]
    assert notification["Id"] == names.processor_function
    assert notification["LambdaFunctionArn"] == function["FunctionArn"]
    assert notification["Events"] == ["s3:ObjectCreated:*"]
    assert notification["Filter"] == {
        "Key": {"FilterRules": [{"Name": "prefix", "Value": "originals/"}]}
    }
    mappings = aws("lambda").list_event_source_mappings()["EventSourceMappings"]
    assert [(m["EventSourceArn"], m["FunctionArn"], m["BatchSize"]) for m in mappings] == [
        (names.render_queue_arn, function["FunctionArn"], 1)
    ]

    # README step 5: once the function exists, bootstrap_aws sets its retries.
    after = [c for c in bootstrap.run(names) if c.resource.endswith(names.processor_function)]
    assert [(c.setting, c.outcome) for c in after] == [("async retries", "created")]


def test_web_deploy_schedules_the_webhook_sweep_and_takes_the_outcome_queue(
    zappa, aws, names, tmp_path
):
    bootstrap.run(names)
    cli = zappa(WEB_STAGE)
    cli.use_apigateway = False  # CloudFormation's API Gateway stack is beyond moto
    cli.zappa.create_iam_roles()
    cli.deploy(source_zip=_small_zip(tmp_path))

    function = aws("lambda").get_function_configuration(FunctionName=names.web_function)
    assert (function["MemorySize"], function["Timeout"]) == (1024, 900)
    assert function["EphemeralStorage"] == {"Size": 10240}
    assert function["Environment"]["Variables"]["PROOFSHEET_RENDER_QUEUE_URL"] == (
        names.render_queue_url
    )

    events = aws("events")
    rules = {
        rule["Name"]: rule["ScheduleExpression"]
        for rule in events.list_rules(NamePrefix=names.web_function)["Rules"]
    }
    # Zappa's handler finds the function to call in the rule's name.
    sweep = f"{names.web_function}-proofs_api.tasks.deliver_due_webhooks"
    assert rules[sweep] == "rate(1 minute)"
    (target,) = events.list_targets_by_rule(Rule=sweep)["Targets"]
    assert target["Arn"] == function["FunctionArn"]

    mappings = aws("lambda").list_event_source_mappings()["EventSourceMappings"]
    assert [(m["EventSourceArn"], m["FunctionArn"], m["BatchSize"]) for m in mappings] == [
        (names.outcome_queue_arn, function["FunctionArn"], 1)
    ]
