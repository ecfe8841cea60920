"""Events as Lambda hands them to a function, for the deploy tests and bench_deploy."""

import hashlib
import json

from lambda_processor.records import render_messages
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


def render_queue_event(*, queue_arn: str, keys: list[str]) -> dict:
    """What Lambda's SQS poller hands the processor for one render request (the message
    body from the schema in lambda_processor.records)."""
    body = json.dumps(render_messages(keys)[0])
    message = {
        "MessageId": "9b7c6a5e-1111-4222-8333-444455556666",
        "ReceiptHandle": "render-receipt",
        "Body": body,
        "MD5OfBody": hashlib.md5(body.encode(), usedforsecurity=False).hexdigest(),
    }
    return lambda_sqs_event([message], queue_arn=queue_arn)
