"""Event shapes from tests/events -> targets."""

import json

import pytest

from lambda_processor.events import RENDER_EVENT_NAME, EventInfo, targets
from tests.aws_fixtures import lambda_sqs_event, load_event


def test_aws_sample_key_is_decoded_with_plus_as_space():
    [target] = targets(load_event("aws_s3_put"))
    assert target.key == "originals/gal-1/photo_1/red flower.jpg"
    assert target.bucket == "example-bucket" and target.skip_reason is None
    assert target.event == EventInfo(
        name="ObjectCreated:Put",
        time="2024-05-04T10:15:30.123Z",
        etag="0123456789abcdef0123456789abcdef",
        sequencer="0066360D1C3F8E2A41",
        size=1024,
    )


def test_moto_shape_has_slashes_encoded_and_no_sequencer():
    [target] = targets(load_event("moto_s3_put"))
    assert target.key == "originals/gal-1/photo_1/red flower.jpg"
    assert target.event.sequencer is None and target.event.order.startswith("t:")


def test_powertools_sample_multipart_upload_is_a_creation():
    [target] = targets(load_event("powertools_s3_event"))
    assert target.key == "originals/7Qm2xZ/pK9_vR3/IMG_4821.HEIC"
    assert target.event.name == "ObjectCreated:CompleteMultipartUpload"
    assert target.skip_reason is None


@pytest.mark.parametrize("name", ["s3_test_event", "moto_s3_test_event"])
def test_test_events_are_skipped(name):
    [target] = targets(load_event(name))
    assert target.skip_reason == "s3:TestEvent" and target.key is None


def test_sqs_messages_carry_s3_events_and_test_events():
    bodies = [load_event("moto_s3_test_event"), load_event("moto_s3_put")]
    messages = [
        {"MessageId": str(n), "ReceiptHandle": "r", "Body": json.dumps(b), "MD5OfBody": "m"}
        for n, b in enumerate(bodies)
    ]
    event = lambda_sqs_event(messages, queue_arn="arn:aws:sqs:us-east-1:123456789012:q")
    assert event["Records"][0]["eventSource"] == "aws:sqs"
    first, second = targets(event)
    assert first.skip_reason == "s3:TestEvent"
    assert second.key == "originals/gal-1/photo_1/red flower.jpg" and not second.skip_reason


def test_removals_and_unknown_shapes_are_skipped():
    removal = load_event("aws_s3_put")
    removal["Records"][0]["eventName"] = "ObjectRemoved:Delete"
    assert targets(removal)[0].skip_reason == "ObjectRemoved:Delete is not a creation"
    assert targets({})[0].skip_reason == "unrecognised event"
    assert targets({"Records": [{"body": "not json"}]})[0].skip_reason
    assert targets({"Records": ["junk"]})[0].skip_reason == "unrecognised record"


def test_render_requests_list_plain_keys():
    event = {"proofsheet": "render", "keys": ["originals/g/p/a b+c.jpg", "originals/g/q/d.jpg"]}
    first, second = targets(event)
    assert first.key == "originals/g/p/a b+c.jpg"  # not URL-decoded: plain keys
    assert first.event.name == second.event.name == RENDER_EVENT_NAME
    assert first.event.is_render and first.bucket is None


def test_event_info_accepts_a_mapping():
    info = EventInfo.coerce({"name": "local:Upload", "time": "2024-01-01T00:00:00Z", "etag": ""})
    assert info == EventInfo(name="local:Upload", time="2024-01-01T00:00:00Z", etag="")
    assert info.as_record()["order"] == "t:2024-01-01T00:00:00.000000Z:"
