"""Zappa's own deploy steps, run against a moto server: each role gets our policy and
nothing else, the functions and their event sources are made as zappa_settings.json says,
bootstrap's wiring check passes then and names what goes missing, and uploads arriving
while `zappa update processor` runs are all processed.

(`zappa deploy web` builds API Gateway through CloudFormation, beyond what moto does: the
web test deploys everything else, the function, its schedule and its queue.)
"""

import io
import json
import zipfile

import boto3
import pytest
from PIL import Image
from zappa.cli import ZappaCLI

from deploy import bootstrap, iam
from deploy.stack import PROCESSOR_STAGE, REPO_DIR, STAGES, WEB_STAGE, WORKER_STAGE
from lambda_processor import aws as processor_aws
from lambda_processor.handler import handle
from tests.aws_fixtures import lambda_sqs_event
from tests.conftest import SAMPLES

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


@pytest.mark.parametrize("stage", STAGES)
def test_each_role_gets_the_policy_file_and_nothing_else(stage, zappa, aws, names):
    zappa(stage).zappa.create_iam_roles()  # what `zappa deploy` does first

    role = f"{names.function_name(stage)}-ZappaLambdaExecutionRole"
    assert aws("iam").list_role_policies(RoleName=role)["PolicyNames"] == ["zappa-permissions"]
    assert aws("iam").list_attached_role_policies(RoleName=role)["AttachedPolicies"] == []
    policy = aws("iam").get_role_policy(RoleName=role, PolicyName="zappa-permissions")
    assert policy["PolicyDocument"] == json.loads((REPO_DIR / iam.policy_path(stage)).read_text())


def _deploy(zappa, stage: str, tmp_path, *, api_gateway: bool = True) -> ZappaCLI:
    cli = zappa(stage)
    cli.use_apigateway = cli.use_apigateway and api_gateway
    cli.zappa.create_iam_roles()
    cli.deploy(source_zip=_small_zip(tmp_path))  # creates the function, then schedules events
    return cli


def test_processor_deploy_takes_the_ingest_and_render_queues_and_leaves_the_bucket_alone(
    zappa, aws, names, tmp_path
):
    bootstrap.run(names)  # README step 3: the resources exist before the deploy
    notification_before = _notification(aws("s3"), names)
    _deploy(zappa, PROCESSOR_STAGE, tmp_path)

    function = aws("lambda").get_function_configuration(FunctionName=names.processor_function)
    assert (function["Runtime"], function["MemorySize"], function["Timeout"]) == (
        "python3.12",
        2048,
        300,
    )
    assert function["Role"].endswith(f"role/{names.processor_function}-ZappaLambdaExecutionRole")
    # Lambda calls the processor's own handler (lambda_processor.entry), not Zappa's.
    assert function["Handler"] == "lambda_processor.entry.lambda_handler"
    assert function["Environment"]["Variables"] == {
        "PROOFSHEET_BUCKET": names.bucket,
        "PROOFSHEET_TABLE": names.table,
        "PROOFSHEET_OUTCOME_QUEUE_URL": names.outcome_queue_url,
        "PROOFSHEET_RENDER_QUEUE_URL": names.render_queue_url,
    }
    concurrency = aws("lambda").get_function_concurrency(FunctionName=names.processor_function)
    assert concurrency["ReservedConcurrentExecutions"] == names.lambda_concurrency["processor"]
    # The bucket's notification is bootstrap's: the deploy did not touch it.
    notification_after = _notification(aws("s3"), names)
    assert notification_after == notification_before
    assert "LambdaFunctionConfigurations" not in notification_after
    mappings = aws("lambda").list_event_source_mappings()["EventSourceMappings"]
    assert sorted((m["EventSourceArn"], m["FunctionArn"], m["BatchSize"]) for m in mappings) == [
        (names.ingest_queue_arn, function["FunctionArn"], 1),
        (names.render_queue_arn, function["FunctionArn"], 1),
    ]
    rules = aws("events").list_rules(NamePrefix=names.processor_function)["Rules"]
    assert [rule["ScheduleExpression"] for rule in rules] == ["rate(15 minutes)"]

    # README step 5: once the function exists, bootstrap sets its retries.
    after = [
        c for c in bootstrap.run(names) if c.resource == f"function {names.processor_function}"
    ]
    assert [(c.setting, c.outcome) for c in after] == [("async retries", "created")]


def test_wiring_check_passes_once_both_stages_are_deployed_and_names_a_missing_trigger(
    zappa, aws, names, tmp_path
):
    bootstrap.run(names)
    _deploy(zappa, PROCESSOR_STAGE, tmp_path)
    _deploy(zappa, WEB_STAGE, tmp_path, api_gateway=False)
    _deploy(zappa, WORKER_STAGE, tmp_path)
    assert bootstrap.deployed(names)
    bootstrap.check_wiring(names)  # all wired: no error

    # What Zappa leaves when "Problem creating sqs event schedule" hit the ingest queue.
    lambda_ = aws("lambda")
    (ingest,) = lambda_.list_event_source_mappings(EventSourceArn=names.ingest_queue_arn)[
        "EventSourceMappings"
    ]
    lambda_.delete_event_source_mapping(UUID=ingest["UUID"])
    with pytest.raises(bootstrap.WiringIncomplete) as missing:
        bootstrap.check_wiring(names)
    (problem,) = str(missing.value).split("\n- ")[1:]
    assert problem.startswith(
        f"queue {names.ingest_queue} -> function {names.processor_function}: no trigger"
    )

    # And the bucket notification and a redrive removed by hand are named too.
    aws("s3").put_bucket_notification_configuration(
        Bucket=names.bucket, NotificationConfiguration={}
    )
    sqs = aws("sqs")
    url = sqs.get_queue_url(QueueName=names.outcome_queue)["QueueUrl"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": ""})
    with pytest.raises(bootstrap.WiringIncomplete) as missing:
        bootstrap.check_wiring(names)
    message = str(missing.value)
    assert f"bucket {names.bucket} does not notify queue {names.ingest_queue}" in message
    assert f"queue {names.outcome_queue} has no redrive to the dead-letter queue" in message
    assert message.count("\n- ") == 3

    # Outcomes were the web's before the worker: a trigger left from then is named.
    lambda_.create_event_source_mapping(
        EventSourceArn=names.outcome_queue_arn, FunctionName=names.web_function, BatchSize=1
    )
    with pytest.raises(bootstrap.WiringIncomplete, match=f"also triggers {names.web_function}"):
        bootstrap.check_wiring(names)


def _notification(s3, names) -> dict:
    configuration = s3.get_bucket_notification_configuration(Bucket=names.bucket)
    configuration.pop("ResponseMetadata")
    return configuration


def _small_photo() -> bytes:
    """A real photo, made small so that each of the many uploads is processed quickly."""
    image = Image.open(SAMPLES / "Landscape_1.jpg")
    image.thumbnail((320, 320))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _no_function_urls(cli: ZappaCLI) -> None:
    """moto has no ListFunctionUrlConfigs, which `zappa update` calls to remove a function
    URL: it gets AWS's answer for a function without one (ours have none)."""
    from botocore.awsrequest import AWSResponse

    def answer(**_):
        return AWSResponse("", 200, {}, None), {"FunctionUrlConfigs": []}

    cli.zappa.lambda_client.meta.events.register(
        "before-call.lambda.ListFunctionUrlConfigs", answer
    )


def _hook_every_call(cli: ZappaCLI, hook) -> None:
    """Calls `hook(event_name)` before every AWS call Zappa makes, with the clients it
    holds and those it makes later from its session (event sources make their own)."""
    cli.zappa.boto_session.events.register("before-call", hook)
    for name, value in vars(cli.zappa).items():
        if name.endswith("_client"):
            value.meta.events.register("before-call", hook)


@pytest.fixture
def processor_behind_moto(monkeypatch, aws, names):
    """The processor, where moto's Lambda (which needs Docker) would run it: moto polls each
    queue with an event source mapping as Lambda does and hands the batch to `invoke`; here
    that runs `lambda_processor.handler.handle` with the deployed function's environment.
    A raise is reported as Lambda's function error, so moto leaves the message on the queue."""
    from moto.awslambda.models import LambdaBackend

    handled = []

    def invoke(self, function_name, qualifier, body, headers, response_headers):
        assert function_name.endswith(f":function:{names.processor_function}"), function_name
        try:
            handled.append(handle(json.loads(body), None))
        except Exception as error:
            handled.append(error)
            response_headers["x-amz-function-error"] = "Unhandled"
        return b"null"

    def start() -> list:
        variables = aws("lambda").get_function_configuration(FunctionName=names.processor_function)[
            "Environment"
        ]["Variables"]
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("AWS_REGION", names.aws_region)
        processor_aws.reset_clients()
        monkeypatch.setattr(LambdaBackend, "invoke", invoke)
        return handled

    yield start
    processor_aws.reset_clients()


def test_uploads_during_zappa_update_are_all_processed_and_the_notification_never_changes(
    zappa, aws, names, tmp_path, bootstrapped, processor_behind_moto
):
    bootstrapped()
    cli = _deploy(zappa, PROCESSOR_STAGE, tmp_path)
    handled = processor_behind_moto()
    s3 = aws("s3")
    notification = _notification(s3, names)
    photo = _small_photo()
    uploaded, zappa_calls = [], []

    def upload_between_calls(event_name, **_):
        # One upload before every call `zappa update` makes, whatever step it is in.
        zappa_calls.append(event_name)
        key = f"originals/gal-update/photo-{len(uploaded):03d}/upload.jpg"
        s3.put_object(Bucket=names.bucket, Key=key, Body=photo, ContentType="image/jpeg")
        uploaded.append(key)

    _hook_every_call(cli, upload_between_calls)
    _no_function_urls(cli)
    cli.update(source_zip=_small_zip(tmp_path))  # Zappa's own update path

    touched = [name for name in zappa_calls if "Notification" in name]
    assert touched == [], touched
    assert _notification(s3, names) == notification
    assert len(uploaded) >= 10, zappa_calls  # the update made that many calls at least
    # moto hands its Lambda one receive per message sent, so the last message sent waits
    # in the queue (S3's test event came first); Lambda's poller would take it: so do we.
    sqs = aws("sqs")
    ingest_url = sqs.get_queue_url(QueueName=names.ingest_queue)["QueueUrl"]
    while waiting := sqs.receive_message(QueueUrl=ingest_url, MaxNumberOfMessages=1).get(
        "Messages"
    ):
        handled.append(handle(lambda_sqs_event(waiting, queue_arn=names.ingest_queue_arn), None))
        sqs.delete_message(QueueUrl=ingest_url, ReceiptHandle=waiting[0]["ReceiptHandle"])
    assert [error for error in handled if isinstance(error, Exception)] == []
    assert len(handled) == len(uploaded) + 1  # and S3's test event, ignored
    records = _records(names, uploaded)
    assert {record["original"]["key"] for record in records} == set(uploaded)
    assert {record["status"] for record in records} == {"processed"}
    for queue in (names.ingest_queue, names.dead_letter_queue):
        url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        assert attributes["ApproximateNumberOfMessages"] == "0", queue
        assert attributes["ApproximateNumberOfMessagesNotVisible"] == "0", queue


def _records(names, keys: list[str]) -> list[dict]:
    table = boto3.resource("dynamodb", region_name=names.aws_region).Table(names.table)
    found = []
    for key in keys:
        _, gallery, photo, _ = key.split("/")
        item = table.get_item(Key={"gallery_id": gallery, "photo_id": photo}).get("Item")
        if item and item.get("status") == "processed":
            found.append(item)
    return found


def test_web_deploy_serves_requests_only_and_the_worker_takes_the_rest(zappa, aws, names, tmp_path):
    bootstrap.run(names)
    # CloudFormation's API Gateway stack is beyond moto.
    _deploy(zappa, WEB_STAGE, tmp_path, api_gateway=False)
    _deploy(zappa, WORKER_STAGE, tmp_path)

    lambda_ = aws("lambda")
    web = lambda_.get_function_configuration(FunctionName=names.web_function)
    assert (web["MemorySize"], web["Timeout"]) == (1024, 29)
    # Lambda calls the stages' own handlers, not Zappa's.
    assert web["Handler"] == "config.lambda_web.lambda_handler"
    assert web["Environment"]["Variables"]["PROOFSHEET_WORKER_FUNCTION"] == names.worker_function
    worker = lambda_.get_function_configuration(FunctionName=names.worker_function)
    assert (worker["MemorySize"], worker["Timeout"]) == (1024, 900)
    assert worker["Handler"] == "config.lambda_worker.lambda_handler"
    assert worker["EphemeralStorage"] == {"Size": 512}
    assert worker["Environment"]["Variables"]["PROOFSHEET_RENDER_QUEUE_URL"] == (
        names.render_queue_url
    )
    for stage, function in (("web", names.web_function), ("worker", names.worker_function)):
        reserved = lambda_.get_function_concurrency(FunctionName=function)
        assert reserved["ReservedConcurrentExecutions"] == names.lambda_concurrency[stage]

    events = aws("events")
    rules = {
        rule["Name"]: rule["ScheduleExpression"]
        for rule in events.list_rules(NamePrefix=names.project)["Rules"]
    }
    # The worker's handler (config.lambda_commands) finds the function in the rule's name.
    sweep = f"{names.worker_function}-proofs_api.tasks.deliver_due_webhooks"
    assert rules[sweep] == "rate(1 minute)"
    (target,) = events.list_targets_by_rule(Rule=sweep)["Targets"]
    assert target["Arn"] == worker["FunctionArn"]
    # The web's only schedule is Zappa's keep-warm.
    assert [name for name in rules if name.startswith(f"{names.web_function}-")] == [
        f"{names.web_function}-zappa-keep-warm-handler.keep_warm_callback"
    ]

    mappings = lambda_.list_event_source_mappings()["EventSourceMappings"]
    assert [(m["EventSourceArn"], m["FunctionArn"], m["BatchSize"]) for m in mappings] == [
        (names.outcome_queue_arn, worker["FunctionArn"], 1)
    ]
