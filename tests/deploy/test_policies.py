"""The IAM policy files Zappa attaches: no wildcard action, no resource beyond the
project's own, and exactly the permissions the code and Lambda itself use."""

import json

import pytest

from deploy import iam
from deploy.stack import PROCESSOR_STAGE, REPO_DIR, WEB_STAGE
from tests.deploy import aws_calls

STAGES = [WEB_STAGE, PROCESSOR_STAGE]
CODE = {WEB_STAGE: aws_calls.WEB_PACKAGES, PROCESSOR_STAGE: aws_calls.PROCESSOR_PACKAGES}
LOG_ACTIONS = {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}
SQS_EVENT_SOURCE_ACTIONS = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}


def _statements(stage: str) -> list[dict]:
    document = json.loads((REPO_DIR / iam.policy_path(stage)).read_text())
    assert document["Version"] == "2012-10-17"
    return document["Statement"]


def _listed(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def _grants(stage: str) -> set[tuple[str, str]]:
    return {
        (action, resource)
        for statement in _statements(stage)
        for action in _listed(statement["Action"])
        for resource in _listed(statement["Resource"])
    }


def _project_resources(names, stage: str) -> set[str]:
    objects = {
        names.objects_arn(bucket, prefix)
        for bucket in names.buckets
        for prefix in (iam.ORIGINALS, iam.RENDITIONS)
    }
    return {
        *(names.bucket_arn(bucket) for bucket in names.buckets),
        *objects,
        names.table_arn,
        names.render_queue_arn,
        names.dead_letter_queue_arn,
        names.log_group_arn(names.function_name(stage)),
    }


def _lambda_service_uses(names, stage_settings: dict, stage: str) -> set[tuple[str, str]]:
    """What Lambda does with the function's role on its behalf, read from its settings."""
    uses = {(action, names.log_group_arn(names.function_name(stage))) for action in LOG_ACTIONS}
    for event in stage_settings.get("events", []):
        arn = event["event_source"]["arn"]
        if arn.startswith("arn:aws:sqs:"):  # the event source mapping polls the queue
            uses |= {(action, arn) for action in SQS_EVENT_SOURCE_ACTIONS}
    if dead_letters := stage_settings.get("dead_letter_arn"):
        uses.add(("sqs:SendMessage", dead_letters))
    return uses


@pytest.mark.parametrize("stage", STAGES)
def test_zappa_attaches_the_policy_file_to_a_role_it_manages(stage, zappa_settings):
    settings = zappa_settings[stage]
    assert settings["attach_policy"] == iam.policy_path(stage)
    assert (REPO_DIR / settings["attach_policy"]).is_file()
    assert settings["manage_roles"] is True
    assert "extra_permissions" not in settings and "role_arn" not in settings


@pytest.mark.parametrize("stage", STAGES)
def test_no_statement_uses_a_wildcard_action_or_negation(stage):
    for statement in _statements(stage):
        assert statement["Effect"] == "Allow"
        assert not {"NotAction", "NotResource", "NotPrincipal", "Principal"} & set(statement)
        for action in _listed(statement["Action"]):
            assert "*" not in action and "?" not in action, statement["Sid"]


@pytest.mark.parametrize("stage", STAGES)
def test_every_resource_is_one_of_the_projects_own(stage, names):
    allowed = _project_resources(names, stage)
    for action, resource in _grants(stage):
        assert resource in allowed, f"{action} on {resource}"
        service = action.split(":")[0]
        assert resource.startswith(f"arn:aws:{service}:"), f"{action} on {resource}"


@pytest.mark.parametrize("stage", STAGES)
def test_actions_are_exactly_those_the_code_and_lambda_use(stage, names, zappa_settings):
    found = aws_calls.operations(aws_calls.code_of(CODE[stage]))
    used_by_code = aws_calls.actions_for(found)
    used_by_lambda = {
        action for action, _ in _lambda_service_uses(names, zappa_settings[stage], stage)
    }
    granted = {action for action, _ in _grants(stage)}

    assert granted - used_by_code - used_by_lambda == set(), "granted, but nothing uses it"
    assert (used_by_code | used_by_lambda) - granted == set(), f"used, not granted: {found}"


@pytest.mark.parametrize("stage", STAGES)
def test_lambda_may_do_its_part_on_the_right_resources(stage, names, zappa_settings):
    missing = _lambda_service_uses(names, zappa_settings[stage], stage) - _grants(stage)
    assert missing == set()


def test_processor_reads_originals_and_writes_only_renditions(names):
    grants = _grants(PROCESSOR_STAGE)
    writes = {
        resource for action, resource in grants if action in {"s3:PutObject", "s3:DeleteObject"}
    }
    assert writes == {names.objects_arn(names.renditions_bucket, iam.RENDITIONS)}
    reads = {resource for action, resource in grants if action == "s3:GetObject"}
    assert reads == {names.objects_arn(names.bucket, iam.ORIGINALS)}


def test_web_puts_only_originals_and_lists_only_photo_folders(names):
    statements = _statements(WEB_STAGE)
    puts = {resource for action, resource in _grants(WEB_STAGE) if action == "s3:PutObject"}
    assert puts == {names.objects_arn(names.bucket, iam.ORIGINALS)}
    (listing,) = [s for s in statements if "s3:ListBucket" in _listed(s["Action"])]
    assert listing["Condition"] == {
        "StringLikeIfExists": {"s3:prefix": [f"{iam.ORIGINALS}*", f"{iam.RENDITIONS}*"]}
    }


def test_operation_table_catches_an_unknown_call(tmp_path):
    module = tmp_path / "uses_sns.py"
    module.write_text("import boto3\n\nboto3.client('sns').publish(TopicArn='t', Message='m')\n")
    found = aws_calls.operations([module])
    with pytest.raises(AssertionError, match="publish"):
        aws_calls.actions_for(found)
