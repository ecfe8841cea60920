"""The IAM policy files Zappa attaches: no wildcard action, no resource beyond the
project's own, and exactly the permissions the code and Lambda itself use."""

import json

import pytest

from deploy import iam
from deploy.stack import PROCESSOR_STAGE, REPO_DIR, STAGES, WEB_STAGE, WORKER_STAGE
from tests.deploy import aws_calls, call_targets

# The worker runs the web's code (what is off the request path of it).
CODE = {
    WEB_STAGE: aws_calls.WEB_PACKAGES,
    WORKER_STAGE: aws_calls.WEB_PACKAGES,
    PROCESSOR_STAGE: aws_calls.PROCESSOR_PACKAGES,
}
# Not CreateLogGroup: bootstrap makes each group, with its retention (deploy/bootstrap/logs.py).
LOG_ACTIONS = {"logs:CreateLogStream", "logs:PutLogEvents"}
SQS_EVENT_SOURCE_ACTIONS = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}
# Services whose every grant is checked resource by resource against what is reached.
TARGETED = ("sqs:", "lambda:")


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
        names.objects_arn(names.bucket, iam.EXPORTS),
        names.objects_arn(names.bucket, iam.STUDIO),
        names.table_arn,
        names.render_queue_arn,
        names.ingest_queue_arn,
        names.outcome_queue_arn,
        names.dead_letter_queue_arn,
        names.function_arn(WORKER_STAGE),
        names.log_group_arn(names.function_name(stage)),
    }


def _lambda_service_uses(names, stage_settings: dict, stage: str) -> set[tuple[str, str]]:
    """What Lambda does with the function's role on its behalf, read from its settings."""
    uses = {(action, names.log_group_arn(names.function_name(stage))) for action in LOG_ACTIONS}
    for event in stage_settings.get("events", []):
        # A schedule (`expression`) invokes through EventBridge's own resource permission.
        arn = event.get("event_source", {}).get("arn", "")
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


def _queue_and_function_grants(grants: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(action, resource) for action, resource in grants if action.startswith(TARGETED)}


def _reached_by_code(stage, names, zappa_settings) -> set[tuple[str, str]]:
    found = aws_calls.operations(aws_calls.code_of(CODE[stage]))
    environment = {
        **zappa_settings[stage]["aws_environment_variables"],
        call_targets.ITSELF: names.function_name(stage),  # Lambda sets it
    }
    return call_targets.needs(
        found,
        stage=stage,
        environment=environment,
        region=names.aws_region,
        account=names.aws_account_id,
    )


@pytest.mark.parametrize("stage", STAGES)
def test_queues_and_functions_are_granted_exactly_where_code_or_lambda_reaches(
    stage, names, zappa_settings
):
    reached = _reached_by_code(stage, names, zappa_settings) | _queue_and_function_grants(
        _lambda_service_uses(names, zappa_settings[stage], stage)
    )
    granted = _queue_and_function_grants(_grants(stage))

    assert granted - reached == set(), "granted on a queue or function nothing reaches"
    assert reached - granted == set(), "reached, not granted"


def test_the_policy_without_the_outcome_queue_would_fail(names, zappa_settings):
    # The processor's policy as it was before the outcome queue: only Lambda's own
    # dead-letter sends. The action check alone passed it (SendMessage was granted).
    before = {
        (action, resource)
        for action, resource in _grants(PROCESSOR_STAGE)
        if resource != names.outcome_queue_arn
    }
    reached = _reached_by_code(PROCESSOR_STAGE, names, zappa_settings)
    assert reached - _queue_and_function_grants(before) == {
        ("sqs:SendMessage", names.outcome_queue_arn)
    }
    unset = {**zappa_settings[PROCESSOR_STAGE]}
    unset["aws_environment_variables"] = {
        name: value
        for name, value in unset["aws_environment_variables"].items()
        if name != "PROOFSHEET_OUTCOME_QUEUE_URL"
    }
    with pytest.raises(call_targets.UndeclaredTarget, match="PROOFSHEET_OUTCOME_QUEUE_URL"):
        _reached_by_code(PROCESSOR_STAGE, names, {PROCESSOR_STAGE: unset})


def test_each_function_sends_only_to_its_own_queues_and_invokes_only_the_worker(names):
    def resources(stage: str, action: str) -> set[str]:
        return {resource for granted, resource in _grants(stage) if granted == action}

    # The outcome queue, the render queue (the lost-uploads sweep), and the dead-letter
    # queue through Lambda's `dead_letter_arn`.
    assert resources(PROCESSOR_STAGE, "sqs:SendMessage") == {
        names.outcome_queue_arn,
        names.render_queue_arn,
        names.dead_letter_queue_arn,
    }
    for stage in (WEB_STAGE, WORKER_STAGE):
        assert resources(stage, "sqs:SendMessage") == {names.render_queue_arn}
        # Zappa tasks go to the worker, whichever function starts them.
        assert resources(stage, "lambda:InvokeFunction") == {names.function_arn(WORKER_STAGE)}
    # Only the bucket sends to the ingest queue (its queue policy, set by bootstrap).
    assert resources(PROCESSOR_STAGE, "sqs:ReceiveMessage") == {
        names.ingest_queue_arn,
        names.render_queue_arn,
    }
    assert resources(WORKER_STAGE, "sqs:ReceiveMessage") == {names.outcome_queue_arn}
    assert resources(WEB_STAGE, "sqs:ReceiveMessage") == set()
    assert resources(PROCESSOR_STAGE, "lambda:InvokeFunction") == set()


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
    # Originals, and the studio's logo that a logo watermark names.
    assert reads == {
        names.objects_arn(names.bucket, iam.ORIGINALS),
        names.objects_arn(names.bucket, iam.STUDIO),
    }


@pytest.mark.parametrize("stage", [WEB_STAGE, WORKER_STAGE])
def test_web_puts_only_originals_exports_and_logos_and_lists_only_its_folders(stage, names):
    statements = _statements(stage)
    grants = _grants(stage)
    exports = names.objects_arn(names.bucket, iam.EXPORTS)
    logos = names.objects_arn(names.bucket, iam.STUDIO)
    puts = {resource for action, resource in grants if action == "s3:PutObject"}
    assert puts == {names.objects_arn(names.bucket, iam.ORIGINALS), exports, logos}
    for action in ("s3:GetObject", "s3:DeleteObject"):  # the logo's URL; its replacement
        assert (action, logos) in grants
    aborts = {resource for action, resource in grants if action == "s3:AbortMultipartUpload"}
    assert aborts == {exports}
    for action in ("s3:GetObject", "s3:DeleteObject"):  # the presigned GET; gallery deletion
        assert (action, exports) in grants
    (listing,) = [s for s in statements if "s3:ListBucket" in _listed(s["Action"])]
    assert listing["Condition"] == {
        "StringLikeIfExists": {
            "s3:prefix": [
                f"{iam.ORIGINALS}*",
                f"{iam.RENDITIONS}*",
                f"{iam.EXPORTS}*",
                f"{iam.STUDIO}*",
            ]
        }
    }


def test_operation_table_catches_an_unknown_call(tmp_path):
    module = tmp_path / "uses_sns.py"
    module.write_text("import boto3\n\nboto3.client('sns').publish(TopicArn='t', Message='m')\n")
    found = aws_calls.operations([module])
    with pytest.raises(AssertionError, match="publish"):
        aws_calls.actions_for(found)


def test_calls_through_the_projects_client_helpers_are_found(tmp_path):
    module = tmp_path / "announces.py"
    module.write_text(
        "from lambda_processor import aws\n"
        "from sharing.exports import export_key\n\n"
        "def announce(url, body):\n"
        "    aws.client('sqs').send_message(QueueUrl=url, MessageBody=body)\n\n"
        "def upload(archive, export):\n"
        "    aws.client('s3').upload_fileobj(archive, 'bucket', export_key(export))\n"
    )
    assert aws_calls.operations([module]) == {
        "send_message": {str(module)},
        "upload_fileobj": {str(module)},
    }


def test_own_functions_named_like_operations_are_not_calls(tmp_path):
    module = tmp_path / "pages.py"
    module.write_text(
        "from gallery import aws\n\n"
        "class Pages:\n"
        "    def query_all(self, gallery):\n"
        "        return self.query(gallery) + aws.list_keys(bucket='b', prefix=gallery)\n"
    )
    assert aws_calls.operations([module]) == {}


def test_zappa_tasks_count_as_invoking_a_function(tmp_path):
    module = tmp_path / "later.py"
    module.write_text("from zappa.asynchronous import task\n\n@task\ndef later(x):\n    pass\n")
    found = aws_calls.operations([module])
    assert found == {"invoke": {str(module)}}
    assert aws_calls.actions_for(found) == {"lambda:InvokeFunction"}
    with pytest.raises(call_targets.UndeclaredTarget, match="declare what it reaches"):
        call_targets.needs(found, stage="web", environment={}, region="r", account="a")


def test_the_bucket_policy_refuses_every_request_without_tls_and_grants_nothing(names):
    from deploy.bootstrap import bucket

    for name in names.buckets:
        statement = bucket.tls_only_statement(name)
        assert statement["Effect"] == "Deny"  # access is granted by the roles alone
        assert (statement["Principal"], statement["Action"]) == ("*", "s3:*")
        assert sorted(statement["Resource"]) == [
            names.bucket_arn(name),
            f"{names.bucket_arn(name)}/*",
        ]
        assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_only_the_bucket_of_this_account_may_send_to_the_ingest_queue(names):
    from deploy.bootstrap import queues

    policy = queues.ingest_policy(
        queue_arn=names.ingest_queue_arn,
        bucket_arn=names.bucket_arn(),
        account=names.aws_account_id,
    )
    (statement,) = policy["Statement"]
    assert statement["Effect"] == "Allow"
    assert statement["Principal"] == {"Service": "s3.amazonaws.com"}
    assert (statement["Action"], statement["Resource"]) == (
        "sqs:SendMessage",
        names.ingest_queue_arn,
    )
    assert statement["Condition"] == {
        "ArnEquals": {"aws:SourceArn": names.bucket_arn()},
        "StringEquals": {"aws:SourceAccount": names.aws_account_id},
    }


@pytest.mark.parametrize("stage", STAGES)
def test_a_function_cannot_make_a_log_group_without_bootstraps_retention(stage):
    assert not [action for action, _ in _grants(stage) if action.startswith("logs:CreateLogGroup")]
