"""Re-capture the event shapes moto delivers to SQS (run from the repo root):

    .venv/bin/python -m tests.events.capture_moto_events

Writes ``moto_s3_put.json`` (the S3 notification in the SQS message body) and
``moto_s3_test_event.json`` (the test event sent when the notification is set).
"""

import json
from pathlib import Path
from unittest import mock

import boto3

from tests.aws_fixtures import (
    FAKE_AWS_ENV,
    REGION,
    create_notified_queue,
    moto_server,
    receive_until,
)

HERE = Path(__file__).resolve().parent
KEY = "originals/gal-1/photo_1/red flower.jpg"


def main() -> None:
    with mock.patch.dict("os.environ", FAKE_AWS_ENV), moto_server() as endpoint:
        s3 = boto3.client("s3", region_name=REGION, endpoint_url=endpoint)
        s3.create_bucket(Bucket="proofsheet-originals")
        url, _ = create_notified_queue(
            bucket="proofsheet-originals", queue="originals-created", endpoint_url=endpoint
        )
        s3.put_object(Bucket="proofsheet-originals", Key=KEY, Body=b"not really a photo")
        messages = receive_until(url, lambda got: len(got) >= 2, endpoint_url=endpoint)
    bodies = [json.loads(message["Body"]) for message in messages]
    test_event = next(body for body in bodies if body.get("Event") == "s3:TestEvent")
    put_event = next(body for body in bodies if "Records" in body)
    for name, body in (("moto_s3_test_event", test_event), ("moto_s3_put", put_event)):
        (HERE / f"{name}.json").write_text(json.dumps(body, indent=2) + "\n")


if __name__ == "__main__":
    main()
