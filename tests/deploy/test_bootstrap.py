"""`python -m deploy.bootstrap` against a moto server: the first run creates everything
(read back here setting by setting, the guardrails among them), a second run changes
nothing, and once the functions exist the wiring is checked."""

import dataclasses
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import timedelta

import boto3
import pytest

from deploy import bootstrap, stack
from deploy.bootstrap import alarms, bucket, functions, logs, queues
from deploy.bootstrap.__main__ import main
from lambda_processor.records import TABLE_KEY_SCHEMA
from sharing.exports import REUSE_FOR

pytestmark = pytest.mark.e2e

DATABASE_URL = "postgres://proofsheet:secret@db.example.com:5432/proofsheet"
RESOURCES = ("bucket ", "table ", "queue ", "function ", "log group ", "topic ", "alarm ")


def run_bootstrap(*, exit_code: int = 0, errors: list | None = None) -> list[str]:
    """Runs `python -m deploy.bootstrap` in this process; its output lines."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([])
    assert code == exit_code, out.getvalue() + err.getvalue()
    if errors is not None:
        errors.append(err.getvalue())
    return out.getvalue().splitlines()


def setting_lines(lines: list[str]) -> list[str]:
    """The per-setting lines, without the heading, the summary and the wiring."""
    return [line for line in lines if line.startswith(RESOURCES)]


def test_first_run_creates_everything_and_second_run_changes_nothing(
    aws, names, deploy_functions, wire_functions, monkeypatch
):
    deploy_functions()
    monkeypatch.setenv("PROOFSHEET_WEB_DATABASE_URL", DATABASE_URL)

    # The functions exist but their queue triggers do not yet: the wiring check fails.
    first = setting_lines(run_bootstrap(exit_code=1))

    assert first and not [line for line in first if "no change" in line or "waiting" in line]
    _assert_bucket(aws("s3"), names)
    _assert_guardrails(aws, names)
    _assert_table(aws("dynamodb"), names)
    _assert_queues(aws("sqs"), names)
    _assert_functions(aws("lambda"), names)

    wire_functions()
    monkeypatch.delenv("PROOFSHEET_WEB_DATABASE_URL")
    second = run_bootstrap()
    changes = setting_lines(second)
    assert len(changes) >= len(first)
    assert all(line.endswith("no change") for line in changes), "\n".join(changes)
    assert f"0 created, 0 changed, {len(changes)} no change, 0 waiting" in second
    assert second[-1].startswith("Wiring: ") and second[-1].endswith(": ok")


def _assert_bucket(s3, names):
    block = s3.get_public_access_block(Bucket=names.bucket)["PublicAccessBlockConfiguration"]
    assert block == bucket.ALL_PUBLIC_ACCESS_BLOCKED
    rules = s3.get_bucket_encryption(Bucket=names.bucket)["ServerSideEncryptionConfiguration"]
    assert rules["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    ownership = s3.get_bucket_ownership_controls(Bucket=names.bucket)["OwnershipControls"]
    assert ownership["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    (cors,) = s3.get_bucket_cors(Bucket=names.bucket)["CORSRules"]
    assert cors["AllowedOrigins"] == [names.origin]
    assert sorted(cors["AllowedMethods"]) == ["GET", "POST"]
    rules = {
        rule["ID"]: rule
        for rule in s3.get_bucket_lifecycle_configuration(Bucket=names.bucket)["Rules"]
    }
    incomplete, exports = rules[bucket.LIFECYCLE_RULE_ID], rules[bucket.EXPORTS_RULE_ID]
    assert incomplete["Status"] == "Enabled"
    assert incomplete["AbortIncompleteMultipartUpload"] == {
        "DaysAfterInitiation": bucket.INCOMPLETE_UPLOAD_DAYS
    }
    assert exports["Status"] == "Enabled"
    assert exports["Filter"] == {"Prefix": "exports/"}
    assert exports["Expiration"] == {"Days": bucket.EXPORT_EXPIRY_DAYS}
    location = s3.get_bucket_location(Bucket=names.bucket)["LocationConstraint"]
    assert location == names.aws_region


def _assert_guardrails(aws, names):
    s3 = aws("s3")
    # TLS only: the bucket refuses any request made without it.
    (statement,) = json.loads(s3.get_bucket_policy(Bucket=names.bucket)["Policy"])["Statement"]
    assert statement["Effect"] == "Deny" and statement["Principal"] == "*"
    assert statement["Action"] == "s3:*"
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert sorted(statement["Resource"]) == [names.bucket_arn(), f"{names.bucket_arn()}/*"]
    # Versioned, with non-current versions kept a while, then deleted.
    assert s3.get_bucket_versioning(Bucket=names.bucket)["Status"] == "Enabled"
    rules = s3.get_bucket_lifecycle_configuration(Bucket=names.bucket)["Rules"]
    (noncurrent,) = [rule for rule in rules if rule["ID"] == bucket.NONCURRENT_RULE_ID]
    assert noncurrent["Status"] == "Enabled"
    assert noncurrent["NoncurrentVersionExpiration"]["NoncurrentDays"] == bucket.NONCURRENT_DAYS
    # Uploads under originals/ go to the ingest queue, which only the bucket may send to.
    notifications = s3.get_bucket_notification_configuration(Bucket=names.bucket)
    (queue,) = notifications["QueueConfigurations"]
    assert queue["QueueArn"] == names.ingest_queue_arn
    assert queue["Events"] == ["s3:ObjectCreated:*"]
    (rule,) = queue["Filter"]["Key"]["FilterRules"]
    assert (rule["Name"].lower(), rule["Value"]) == ("prefix", "originals/")
    assert "LambdaFunctionConfigurations" not in notifications
    # The topic, with the operator's e-mail.
    sns = aws("sns")
    topics = [topic["TopicArn"] for topic in sns.list_topics()["Topics"]]
    assert topics == [names.alarm_topic_arn]
    (subscription,) = sns.list_subscriptions_by_topic(TopicArn=names.alarm_topic_arn)[
        "Subscriptions"
    ]
    assert (subscription["Protocol"], subscription["Endpoint"]) == ("email", names.operator_email)
    # The alarms, each to the topic when it fires and when it clears.
    found = {
        alarm["AlarmName"]: alarm for alarm in aws("cloudwatch").describe_alarms()["MetricAlarms"]
    }
    watched = {
        (alarm["Namespace"], alarm["MetricName"], tuple(d["Value"] for d in alarm["Dimensions"]))
        for alarm in found.values()
    }
    assert watched == {
        ("AWS/SQS", "ApproximateNumberOfMessagesVisible", (names.dead_letter_queue,)),
        ("AWS/Lambda", "Errors", (names.processor_function,)),
        ("AWS/Lambda", "Throttles", (names.processor_function,)),
        ("AWS/Lambda", "Errors", (names.worker_function,)),
        ("AWS/ApiGateway", "5XXError", (names.web_function, "web")),
    }
    for alarm in found.values():
        assert alarm["AlarmActions"] == alarm["OKActions"] == [names.alarm_topic_arn]
        assert alarm["ActionsEnabled"] is True
    dead_letters = found[f"{names.project}-dead-letters"]
    assert dead_letters["Threshold"] == alarms.DEAD_LETTERS_AT_LEAST
    assert dead_letters["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    worker_errors = found[f"{names.project}-worker-errors"]
    assert (worker_errors["Statistic"], worker_errors["Threshold"]) == (
        "Sum",
        alarms.WORKER_ERRORS_AT_LEAST,
    )
    # Every function's log group, with its retention.
    groups = {
        group["logGroupName"]: group.get("retentionInDays")
        for group in aws("logs").describe_log_groups()["logGroups"]
    }
    assert groups == {
        f"/aws/lambda/{function}": logs.RETENTION_DAYS for function in names.functions.values()
    }


def _assert_table(dynamodb, names):
    table = dynamodb.describe_table(TableName=names.table)["Table"]
    assert table["KeySchema"] == TABLE_KEY_SCHEMA
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert table["DeletionProtectionEnabled"] is True
    backups = dynamodb.describe_continuous_backups(TableName=names.table)
    recovery = backups["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert recovery["PointInTimeRecoveryStatus"] == "ENABLED"


def _attributes(sqs, queue: str) -> dict:
    url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]


def _assert_queues(sqs, names):
    dead_letters = _attributes(sqs, names.dead_letter_queue)
    assert dead_letters["QueueArn"] == names.dead_letter_queue_arn
    assert dead_letters["MessageRetentionPeriod"] == queues.FOURTEEN_DAYS
    render = _attributes(sqs, names.render_queue)
    assert render["QueueArn"] == names.render_queue_arn
    assert render["VisibilityTimeout"] == queues.RENDER_VISIBILITY_TIMEOUT
    redrive = json.loads(render["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"] == names.dead_letter_queue_arn
    assert int(redrive["maxReceiveCount"]) == queues.RENDER_MAX_RECEIVES
    ingest = _attributes(sqs, names.ingest_queue)
    assert ingest["VisibilityTimeout"] == queues.INGEST_VISIBILITY_TIMEOUT
    redrive = json.loads(ingest["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"] == names.dead_letter_queue_arn
    (allowed,) = json.loads(ingest["Policy"])["Statement"]
    assert allowed["Principal"] == {"Service": "s3.amazonaws.com"}
    assert allowed["Condition"]["ArnEquals"] == {"aws:SourceArn": names.bucket_arn()}
    outcomes = _attributes(sqs, names.outcome_queue)
    assert outcomes["QueueArn"] == names.outcome_queue_arn
    assert outcomes["VisibilityTimeout"] == queues.OUTCOME_VISIBILITY_TIMEOUT
    redrive = json.loads(outcomes["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"] == names.dead_letter_queue_arn
    assert int(redrive["maxReceiveCount"]) == queues.OUTCOME_MAX_RECEIVES
    for attributes in (dead_letters, ingest, render, outcomes):
        assert attributes["SqsManagedSseEnabled"] == "true"


def _assert_functions(lambda_, names):
    invoke = lambda_.get_function_event_invoke_config(FunctionName=names.processor_function)
    assert invoke["MaximumRetryAttempts"] == functions.PROCESSOR_RETRIES
    assert invoke["MaximumEventAgeInSeconds"] == functions.PROCESSOR_MAX_EVENT_AGE_S
    keys = set()
    for function in (names.web_function, names.worker_function):
        configuration = lambda_.get_function_configuration(FunctionName=function)
        variables = configuration["Environment"]["Variables"]
        assert len(variables["DJANGO_SECRET_KEY"]) >= functions.SECRET_KEY_MIN_LENGTH
        assert variables["DATABASE_URL"] == DATABASE_URL
        assert variables["PROOFSHEET_TABLE"] == names.table  # what Zappa set is kept
        keys.add(variables["DJANGO_SECRET_KEY"])
    assert len(keys) == 1  # the worker checks what the web signed


def test_before_zappa_deploy_the_function_steps_wait_and_say_what_to_do(aws, deploy_functions):
    lines = setting_lines(run_bootstrap())

    waiting = [line for line in lines if "waiting" in line]
    assert len(waiting) == 3
    for stage in ("processor", "web", "worker"):
        assert any(
            f"run `zappa deploy {stage}`, then this command again" in line for line in waiting
        )

    deploy_functions()
    after_deploy = setting_lines(run_bootstrap(exit_code=1))  # no queue triggers yet
    assert [line for line in after_deploy if "waiting" in line] == [
        line for line in after_deploy if "DATABASE_URL" in line
    ]
    assert any("async retries" in line and "created" in line for line in after_deploy)
    assert any("DJANGO_SECRET_KEY" in line and "created" in line for line in after_deploy)


def test_settings_changed_by_hand_are_put_back(aws, names):
    run_bootstrap()
    s3, dynamodb = aws("s3"), aws("dynamodb")
    s3.put_bucket_cors(
        Bucket=names.bucket,
        CORSConfiguration={"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["PUT"]}]},
    )
    s3.delete_public_access_block(Bucket=names.bucket)
    dynamodb.update_continuous_backups(
        TableName=names.table,
        PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False},
    )

    lines = setting_lines(run_bootstrap())

    restored = [line for line in lines if not line.endswith("no change") and "waiting" not in line]
    assert len(restored) == 3, "\n".join(lines)
    (cors,) = s3.get_bucket_cors(Bucket=names.bucket)["CORSRules"]
    assert cors["AllowedOrigins"] == [names.origin]
    block = s3.get_public_access_block(Bucket=names.bucket)["PublicAccessBlockConfiguration"]
    assert block == bucket.ALL_PUBLIC_ACCESS_BLOCKED
    backups = dynamodb.describe_continuous_backups(TableName=names.table)
    recovery = backups["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert recovery["PointInTimeRecoveryStatus"] == "ENABLED"


def test_exports_expire_from_the_originals_bucket_only_and_outlast_their_reuse(aws, names):
    separate = dataclasses.replace(names, output_bucket=f"{names.project}-renditions-test")
    bootstrap.run(separate)

    def expiring(bucket_name: str) -> list[dict]:
        rules = aws("s3").get_bucket_lifecycle_configuration(Bucket=bucket_name)["Rules"]
        return [rule for rule in rules if "Expiration" in rule]

    assert [rule["Filter"] for rule in expiring(separate.bucket)] == [{"Prefix": "exports/"}]
    assert expiring(separate.output_bucket) == []
    # An export is reused for REUSE_FOR, then a request builds a new one.
    assert timedelta(days=bucket.EXPORT_EXPIRY_DAYS) > REUSE_FOR


def test_lifecycle_rules_of_the_owner_are_kept(aws, names):
    s3 = aws("s3")
    run_bootstrap()
    theirs = {
        "ID": "owner-archive",
        "Status": "Enabled",
        "Filter": {"Prefix": "archive/"},
        "Expiration": {"Days": 400},
    }
    rules = s3.get_bucket_lifecycle_configuration(Bucket=names.bucket)["Rules"]
    # The owner adds a rule of theirs and, by hand, removes our exports rule.
    kept = [rule for rule in rules if rule["ID"] != bucket.EXPORTS_RULE_ID]
    s3.put_bucket_lifecycle_configuration(
        Bucket=names.bucket, LifecycleConfiguration={"Rules": [*kept, theirs]}
    )

    lines = setting_lines(run_bootstrap())

    (lifecycle,) = [line for line in lines if names.bucket in line and "lifecycle" in line]
    assert "changed" in lifecycle and "expire exports/ after" in lifecycle
    ids = {
        rule["ID"] for rule in s3.get_bucket_lifecycle_configuration(Bucket=names.bucket)["Rules"]
    }
    assert ids == {"owner-archive", *bucket.OUR_RULE_IDS}


def test_refuses_to_touch_an_account_the_stack_does_not_name(moto_endpoint, names):
    elsewhere = dataclasses.replace(names, aws_account_id="111122223333")

    with pytest.raises(bootstrap.WrongAccount, match="account 123456789012"):
        bootstrap.run(elsewhere)

    assert boto3.client("s3", region_name=names.aws_region).list_buckets()["Buckets"] == []


def test_the_command_explains_a_wrong_account_without_a_traceback(
    moto_endpoint, names, monkeypatch
):
    elsewhere = dataclasses.replace(names, aws_account_id="111122223333")
    monkeypatch.setattr(stack, "load", lambda: elsewhere)
    errors = []
    run_bootstrap(exit_code=2, errors=errors)
    assert "names 111122223333: nothing was changed" in errors[0]
    assert "Traceback" not in errors[0]


def test_zappas_old_s3_trigger_is_replaced_by_the_ingest_queue(aws, names, deploy_functions):
    deploy_functions()
    s3 = aws("s3")
    s3.create_bucket(
        Bucket=names.bucket, CreateBucketConfiguration={"LocationConstraint": names.aws_region}
    )
    processor = aws("lambda").get_function_configuration(FunctionName=names.processor_function)
    # What `zappa deploy processor` made before the ingest queue: a trigger named after it.
    s3.put_bucket_notification_configuration(
        Bucket=names.bucket,
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {
                    "Id": names.processor_function,
                    "LambdaFunctionArn": processor["FunctionArn"],
                    "Events": ["s3:ObjectCreated:*"],
                }
            ]
        },
    )

    lines = setting_lines(run_bootstrap(exit_code=1))  # no queue triggers in this test

    (notification,) = [line for line in lines if "upload notification" in line]
    assert "changed" in notification and "Zappa's S3 trigger" in notification
    configuration = s3.get_bucket_notification_configuration(Bucket=names.bucket)
    assert "LambdaFunctionConfigurations" not in configuration
    (queue,) = configuration["QueueConfigurations"]
    assert queue["QueueArn"] == names.ingest_queue_arn
