"""`make package` builds the three Zappa packages; each, unpacked alone, runs as Lambda
runs it.

The processor handles the bucket's notifications through the ingest queue (and a render
request through the render queue) against a moto server whose resources bootstrap created,
and announces each outcome on the outcome queue; the web answers API Gateway's request
for the sign-in page; the worker takes what reaches it off the request path: an outcome
message, the webhook sweep's schedule and a Zappa task. Everything goes through the handler
the stage gives Lambda, with the settings Zappa wrote into the package: its own for
the processor (lambda_processor.entry), the web (config.lambda_web, apig-wsgi for API
Gateway's requests) and the worker (config.lambda_worker), none of them Zappa's.
"""

import base64
import json
import secrets
import time
import zipfile

import boto3
import pytest

from deploy.sizes import UNPACKED_LIMIT, describe, unpacked_bytes
from deploy.zappa_config import UPLOAD_SWEEP_FUNCTION, WEBHOOK_SWEEP_FUNCTION
from tests.aws_fixtures import lambda_sqs_event
from tests.conftest import SAMPLES
from tests.deploy.lambda_events import api_gateway_event, outcome_queue_event, scheduled_event

pytestmark = [pytest.mark.e2e, pytest.mark.long, pytest.mark.xdist_group("package")]

UPLOADED_KEY = "originals/gal-1/photo-1/Landscape 1.jpg"  # arrives as "Landscape+1.jpg"
RENDERED_KEY = "originals/gal-1/photo-2/Landscape_1.jpg"  # already stored, asked to render


def test_both_packages_are_built_and_fit_in_lambda(packages, output_dir):
    report = [f"make package took {packages.build_seconds:.0f} s"]
    for package in (packages.web, packages.processor, packages.worker):
        line, fits = describe(package)
        report.append(line)
        assert fits, line
        assert unpacked_bytes(package) < UNPACKED_LIMIT
    print("\n".join(report))
    (output_dir / "package-sizes.txt").write_text("\n".join(report) + "\n")


def test_packages_hold_what_each_function_needs_and_no_more(packages):
    web = set(zipfile.ZipFile(packages.web).namelist())
    processor = set(zipfile.ZipFile(packages.processor).namelist())
    worker = set(zipfile.ZipFile(packages.worker).namelist())
    for names in (web, processor, worker):
        assert {"handler.py", "zappa_settings.py", "lambda_processor/handler.py"} <= names
        # botocore's service models are .json.gz files: excluding "*.gz" breaks boto3.
        assert any(name.startswith("botocore/data/s3/") and name.endswith(".gz") for name in names)
        assert not any(
            name.startswith(("tests/", "deploy/", ".venv/", "troposphere/")) for name in names
        )
    assert not {"package.json", "eslint.config.js"} & web  # the JavaScript tools stay behind
    assert "staticfiles/staticfiles.json" in web
    assert "config/settings/production.py" in web
    assert {"config/settings/production.py", "gallery/dispatch/tasks.py"} <= worker
    assert not any(name.startswith(("django/", "gallery/", "staticfiles/")) for name in processor)


def _receive(sqs, queue_url: str, *, count: int = 1, timeout: float = 20.0) -> list[dict]:
    """`count` messages from the queue, polled (long polls of a second) until they came."""
    messages: list[dict] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = sqs.receive_message(
            QueueUrl=queue_url,
            WaitTimeSeconds=1,
            MaxNumberOfMessages=count - len(messages),
            AttributeNames=["All"],
        )
        messages += answer.get("Messages", [])
        if len(messages) == count:
            return messages
    raise TimeoutError(f"{len(messages)} of {count} messages on {queue_url}")


def test_processor_package_handles_s3_and_render_queue_events_as_lambda_would(
    packages, run_package, lambda_environment, aws, moto_endpoint, names, bootstrapped
):
    bootstrapped()  # the bucket, table and queues, as a deployment has them
    original = (SAMPLES / "Landscape_1.jpg").read_bytes()
    s3, sqs = aws("s3"), aws("sqs")
    for key in (UPLOADED_KEY, RENDERED_KEY):
        s3.put_object(Bucket=names.bucket, Key=key, Body=original, ContentType="image/jpeg")
    # The bucket's notifications, as Lambda's SQS event source delivers them: S3's test
    # event (sent when bootstrap wired the bucket), then one message per upload.
    ingest_url = sqs.get_queue_url(QueueName=names.ingest_queue)["QueueUrl"]
    uploads = lambda_sqs_event(_receive(sqs, ingest_url, count=3), queue_arn=names.ingest_queue_arn)
    # What the web sends to re-render a photo, as Lambda's SQS event source delivers it.
    queue_url = sqs.get_queue_url(QueueName=names.render_queue)["QueueUrl"]
    sqs.send_message(
        QueueUrl=queue_url, MessageBody=json.dumps({"proofsheet": "render", "keys": [RENDERED_KEY]})
    )
    render = lambda_sqs_event(_receive(sqs, queue_url), queue_arn=names.render_queue_arn)

    results = run_package(
        packages.processor,
        [uploads, render],
        lambda_environment("processor", AWS_ENDPOINT_URL=moto_endpoint),
    )

    # The test event is ignored; the two uploads are processed (one again, by the render).
    assert results == [
        {"records": 3, "outcomes": {"ignored": 1, "processed": 2}},
        {"records": 1, "outcomes": {"processed": 1}},
    ]
    outcomes_url = sqs.get_queue_url(QueueName=names.outcome_queue)["QueueUrl"]
    announced = [json.loads(m["Body"]) for m in _receive(sqs, outcomes_url, count=3)]
    assert sorted(announced, key=lambda body: body["photo_id"]) == [
        {
            "proofsheet": "outcome",
            "gallery_id": "gal-1",
            "photo_id": photo,
            "status": "processed",
            "error": None,
        }
        for photo in ("photo-1", "photo-2", "photo-2")
    ]
    table = boto3.resource("dynamodb", region_name=names.aws_region).Table(names.table)
    for photo, key in (("photo-1", UPLOADED_KEY), ("photo-2", RENDERED_KEY)):
        item = table.get_item(Key={"gallery_id": "gal-1", "photo_id": photo})["Item"]
        assert item["status"] == "processed"
        assert item["original"]["key"] == key
        for rendition in ("thumb", "proof"):
            stored = item["renditions"][rendition]
            assert stored["key"].startswith(f"renditions/gal-1/{photo}/")
            head = s3.head_object(Bucket=names.renditions_bucket, Key=stored["key"])
            assert head["ContentType"] == "image/jpeg"
            assert head["ContentLength"] == stored["bytes"]


def test_web_package_migrates_and_serves_the_sign_in_page_through_api_gateway(
    packages, run_package, lambda_environment, names, tmp_path
):
    host = f"a1b2c3d4e5.execute-api.{names.aws_region}.amazonaws.com"
    manifest = json.loads(zipfile.ZipFile(packages.web).read("staticfiles/staticfiles.json"))
    stylesheet = manifest["paths"]["css/app.css"]
    environment = lambda_environment(
        "web",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        # Production refuses to start without DATABASE_URL; SQLite stands in for PostgreSQL.
        DATABASE_URL=f"sqlite:///{tmp_path / 'web.sqlite3'}",
    )

    # What `zappa manage web migrate` sends.
    assert run_package(packages.web, [{"manage": "migrate --noinput"}], environment) == [{}]
    output = run_package(
        packages.web,
        [
            api_gateway_event("/accounts/login/", host=host, stage="web"),
            api_gateway_event(f"/static/{stylesheet}", host=host, stage="web"),
        ],
        environment,
        full=True,
    )
    page, css = output["results"]

    assert page["statusCode"] == 200, page.get("body", "")[:2000]
    assert page["multiValueHeaders"]["Content-Type"][0].startswith("text/html")
    assert 'name="password"' in page["body"]
    # Without a custom domain, API Gateway's stage is part of every URL the site makes.
    assert f'/web/static/{stylesheet}"' in page["body"]
    assert css["statusCode"] == 200
    assert css["multiValueHeaders"]["Content-Type"][0].startswith("text/css")
    # What a new instance loads for pages that query nothing: no PostgreSQL driver and no
    # requests (Django REST framework would load both), no image pipeline.
    loaded = {module.split(".")[0] for module in output["modules"]}
    assert not {"psycopg", "requests", "PIL", "pillow_heif"} & loaded
    # Nor drf-spectacular's schema machinery: the schema and the API's docs load it.
    assert "drf_spectacular.openapi" not in output["modules"]
    # Nor the URLconfs (and views) of the client pages, the API and the admin: they load
    # when a request or a reverse() needs them (core.deferred_urls).
    deferred = {"sharing.urls", "proofs_api.urls", "config.admin_urls", "rest_framework.views"}
    assert not deferred & set(output["modules"])
    # Lambda calls config.lambda_web: Zappa's handler (werkzeug, zappa.utilities) never
    # loads; boto3 and botocore wait for a page that signs a URL (the CSP header only names
    # the bucket); PyYAML and uritemplate for the schema (config.lambda_web.DRF_UNUSED_OPTIONAL).
    hidden = {"handler", "werkzeug", "zappa", "boto3", "botocore", "yaml", "uritemplate"}
    assert not hidden & loaded


def test_web_package_serves_the_api_schema_as_yaml_after_a_first_page(
    packages, run_package, lambda_environment, names, tmp_path
):
    host = f"a1b2c3d4e5.execute-api.{names.aws_region}.amazonaws.com"
    environment = lambda_environment(
        "web",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'web.sqlite3'}",
    )
    schema = api_gateway_event("/api/schema/", host=host, stage="web")
    for headers in (schema["headers"], schema["multiValueHeaders"]):
        headers.pop("Accept")
    schema["multiValueHeaders"]["Accept"] = ["application/vnd.oai.openapi"]

    page, answer = run_package(
        packages.web,
        [api_gateway_event("/accounts/login/", host=host, stage="web"), schema],
        environment,
    )

    assert (page["statusCode"], answer["statusCode"]) == (200, 200)
    # Not a text type for API Gateway: base64, as Zappa's handler sent it.
    assert answer["isBase64Encoded"] is True
    document = base64.b64decode(answer["body"]).decode()
    assert document.startswith("openapi: 3.")
    assert "\n  /api/galleries/:\n" in document


def test_worker_package_takes_outcomes_the_webhook_schedule_and_the_tasks(
    packages, run_package, lambda_environment, dispatch_task, names, tmp_path
):
    from proofs_api.tasks import deliver_in_background

    # The payload Zappa's task sends when the web code calls it inside Lambda.
    task = dispatch_task(deliver_in_background, ["no-such-delivery"])
    environment = lambda_environment(
        "worker",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'web.sqlite3'}",
    )

    migrate, outcomes, sweep, delivered, uploads_swept = run_package(
        packages.worker,
        [
            {"manage": "migrate --noinput"},
            outcome_queue_event(queue_arn=names.outcome_queue_arn),
            scheduled_event(names, f"{names.worker_function}-{WEBHOOK_SWEEP_FUNCTION}"),
            task,
            scheduled_event(names, f"{names.worker_function}-{UPLOAD_SWEEP_FUNCTION}"),
        ],
        environment,
    )

    assert migrate == {}
    # Each reached its function through config.lambda_worker, with Django set up (all four
    # query the database): the outcome was taken (its photo is unknown here), nothing
    # was due, the task found no such delivery, and no upload was abandoned.
    assert (outcomes, sweep, delivered, uploads_swept) == (1, 0, 0, 0)
