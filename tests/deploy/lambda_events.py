"""Events as Lambda hands them to a function, for the deploy tests and bench_deploy."""

import hashlib
import json

from lambda_processor.records import STATUS_FAILED, outcome_message, render_messages
from tests.aws_fixtures import lambda_sqs_event


def api_gateway_event(path: str, *, host: str, stage: str) -> dict:
    """An API Gateway REST (v1) proxy event, as it reaches Lambda for `GET path`."""
    headers = {
        "Accept": "text/html,application/xhtml+xml",
        "Host": host,
        "User-Agent": "Mozilla/5.0 (proofsheet deployment test)",
        "X-Forwarded-For": "198.51.100.7",
        "X-Forwarded-Port": "443",
        "X-Forwarded-Proto": "https",
    }
    return {
        "resource": "/{proxy+}",
        "path": path,
        "httpMethod": "GET",
        "headers": headers,
        "multiValueHeaders": {name: [value] for name, value in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": {"proxy": path.lstrip("/")},
        "stageVariables": None,
        "requestContext": {
            "resourcePath": "/{proxy+}",
            "httpMethod": "GET",
            "path": f"/{stage}{path}",
            "stage": stage,
            "accountId": "123456789012",
            "apiId": host.split(".")[0],
            "domainName": host,
            "protocol": "HTTP/1.1",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "identity": {"sourceIp": "198.51.100.7", "userAgent": headers["User-Agent"]},
        },
        "body": None,
        "isBase64Encoded": False,
    }


def _sqs_message(body: dict, *, receipt: str) -> dict:
    """One message as SQS returns it (ReceiveMessage), with its body's checksum."""
    text = json.dumps(body)
    return {
        "MessageId": "9b7c6a5e-1111-4222-8333-444455556666",
        "ReceiptHandle": receipt,
        "Body": text,
        "MD5OfBody": hashlib.md5(text.encode(), usedforsecurity=False).hexdigest(),
    }


def render_queue_event(*, queue_arn: str, keys: list[str]) -> dict:
    """What Lambda's SQS poller hands the processor for one render request (the message
    body from the schema in lambda_processor.records)."""
    message = _sqs_message(render_messages(keys)[0], receipt="render-receipt")
    return lambda_sqs_event([message], queue_arn=queue_arn)


def outcome_queue_event(*, queue_arn: str) -> dict:
    """The processor's outcome message (a photo that failed) as Lambda's SQS poller hands
    it to the worker."""
    body = outcome_message(
        gallery_id="gal-1", photo_id="photo-1", status=STATUS_FAILED, error="not an image"
    )
    return lambda_sqs_event([_sqs_message(body, receipt="outcome-receipt")], queue_arn=queue_arn)


def scheduled_event(names, rule: str) -> dict:
    """What EventBridge sends for a schedule rule (Zappa names the rule after the function)."""
    return {
        "version": "0",
        "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": names.aws_account_id,
        "time": "2026-11-22T08:00:00Z",
        "region": names.aws_region,
        "resources": [f"arn:aws:events:{names.aws_region}:{names.aws_account_id}:rule/{rule}"],
        "detail": {},
    }
