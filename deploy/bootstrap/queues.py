"""The ingest queue the bucket notifies of each upload under originals/ (the processor
consumes it; no deploy touches the notification), the render queue the web sends
re-render requests to, the outcome queue the processor announces each photo's outcome on
(the web takes them for webhooks), and the dead-letter queue that keeps what could not be
handled (upload events, render and outcome messages that failed every receive)."""

import json

from deploy.zappa_config import PROCESSOR_TIMEOUT_S, WORKER_TIMEOUT_S

from .report import CREATED, Change, converge, read_or_none

FOURTEEN_DAYS = str(14 * 24 * 3600)  # SQS's longest retention: time to look and redrive
FOUR_DAYS = str(4 * 24 * 3600)
# Lambda's advice for an SQS event source: six times the function's timeout, so a
# message is not handed out again while a slow, retried invocation still holds it.
RENDER_VISIBILITY_TIMEOUT = str(6 * PROCESSOR_TIMEOUT_S)
RENDER_MAX_RECEIVES = 5  # then the message moves to the dead-letter queue
# The worker consumes the outcome queue; Lambda refuses a queue whose visibility timeout is
# below the function's. Not six times it (Lambda's advice, against throttled retries using
# up receives): with the worker's 900 s that would retry a failed outcome after 90 minutes
# and dead-letter it after 7.5 hours. A minute over the timeout retries it after about 16
# minutes and dead-letters it after about 80. An outcome takes well under a second, so
# throttling would have to last that long to dead-letter one, and the DLQ alarm pages then.
OUTCOME_VISIBILITY_TIMEOUT = str(WORKER_TIMEOUT_S + 60)
OUTCOME_MAX_RECEIVES = 5
# Upload events are processed like render requests, by the same function.
INGEST_VISIBILITY_TIMEOUT = RENDER_VISIBILITY_TIMEOUT
INGEST_MAX_RECEIVES = 5


def dead_letter_attributes() -> dict[str, str]:
    return {"MessageRetentionPeriod": FOURTEEN_DAYS, "SqsManagedSseEnabled": "true"}


def consumed_attributes(
    dead_letter_arn: str, *, visibility_timeout: str, max_receives: int
) -> dict[str, str]:
    """A queue a function consumes, handing what fails `max_receives` times to the DLQ."""
    return {
        "MessageRetentionPeriod": FOUR_DAYS,
        "VisibilityTimeout": visibility_timeout,
        "SqsManagedSseEnabled": "true",
        "RedrivePolicy": json.dumps(
            {"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": max_receives}
        ),
    }


def render_attributes(dead_letter_arn: str) -> dict[str, str]:
    return consumed_attributes(
        dead_letter_arn,
        visibility_timeout=RENDER_VISIBILITY_TIMEOUT,
        max_receives=RENDER_MAX_RECEIVES,
    )


def outcome_attributes(dead_letter_arn: str) -> dict[str, str]:
    return consumed_attributes(
        dead_letter_arn,
        visibility_timeout=OUTCOME_VISIBILITY_TIMEOUT,
        max_receives=OUTCOME_MAX_RECEIVES,
    )


def ingest_attributes(dead_letter_arn: str, *, queue_arn: str, bucket_arn: str, account: str):
    """A consumed queue that the bucket, and only the bucket, may send to."""
    return {
        **consumed_attributes(
            dead_letter_arn,
            visibility_timeout=INGEST_VISIBILITY_TIMEOUT,
            max_receives=INGEST_MAX_RECEIVES,
        ),
        "Policy": json.dumps(
            ingest_policy(queue_arn=queue_arn, bucket_arn=bucket_arn, account=account)
        ),
    }


def ingest_policy(*, queue_arn: str, bucket_arn: str, account: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "BucketNotifiesUploads",
                "Effect": "Allow",
                "Principal": {"Service": "s3.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": queue_arn,
                "Condition": {
                    "ArnEquals": {"aws:SourceArn": bucket_arn},
                    "StringEquals": {"aws:SourceAccount": account},
                },
            }
        ],
    }


def ensure(sqs, *, name: str, attributes: dict[str, str]) -> list[Change]:
    resource = f"queue {name}"
    url = queue_url(sqs, name)
    if url is None:
        sqs.create_queue(QueueName=name, Attributes=attributes)
        return [Change(resource, "queue", CREATED, _describe_all(attributes))]
    current = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    return [
        converge(
            resource,
            setting,
            current=comparable(setting, current.get(setting)),
            wanted=comparable(setting, wanted),
            apply=lambda setting=setting, wanted=wanted: sqs.set_queue_attributes(
                QueueUrl=url, Attributes={setting: wanted}
            ),
        )
        for setting, wanted in attributes.items()
    ]


def queue_url(sqs, name: str) -> str | None:
    answer = read_or_none(
        lambda: sqs.get_queue_url(QueueName=name),
        missing={"AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"},
    )
    return answer["QueueUrl"] if answer is not None else None


def comparable(setting: str, value: str | None):
    if setting == "Policy" and value:
        return json.loads(value)
    # SQS gives the redrive policy back with its own spacing and types.
    if setting == "RedrivePolicy" and value:
        policy = json.loads(value)
        return {
            "deadLetterTargetArn": policy["deadLetterTargetArn"],
            "maxReceiveCount": int(policy["maxReceiveCount"]),
        }
    return value


def _describe_all(attributes: dict[str, str]) -> str:
    shown = {**attributes}
    if "Policy" in shown:
        shown.pop("Policy")
        shown["sent by"] = "the bucket only"
    if "RedrivePolicy" in shown:
        policy = json.loads(shown.pop("RedrivePolicy"))
        shown["dead letters after"] = f"{policy['maxReceiveCount']} receives"
    return ", ".join(f"{key} {value}" for key, value in shown.items())
