"""After a deploy: is every link that carries work there? Zappa says "Deployment complete!"
even when an event source failed to attach ("Problem creating sqs event schedule", an IAM
propagation delay on a real account), so bootstrap reads the wiring back and names what is
missing: the bucket -> ingest queue notification (and the queue's permission for it),
each queue -> its function (enabled, and no other), and each consumed queue's redrive to the
dead-letter queue."""

import json
from dataclasses import dataclass

from deploy.stack import PROCESSOR_STAGE, WORKER_STAGE, Stack

from .bucket import notification, our_queue_notification
from .queues import comparable, queue_url

# Lambda's states for a mapping that polls, or is about to.
ACTIVE_STATES = {"Enabled", "Enabling", "Updating", "Creating"}


class WiringIncomplete(RuntimeError):
    """Something that carries uploads, renders or outcomes is not wired."""


@dataclass(frozen=True)
class Link:
    queue: str
    stage: str
    why: str


def consumed_queues(stack: Stack) -> list[Link]:
    return [
        Link(stack.ingest_queue, PROCESSOR_STAGE, "uploads"),
        Link(stack.render_queue, PROCESSOR_STAGE, "re-render requests and the sweep"),
        Link(stack.outcome_queue, WORKER_STAGE, "outcomes for webhooks"),
    ]


def problems(*, s3, sqs, lambda_, stack: Stack) -> list[str]:
    """What is missing, one sentence each; empty when everything is wired."""
    found = _bucket_problems(s3, stack)
    for link in consumed_queues(stack):
        found += _queue_problems(sqs, stack, link)
        found += _mapping_problems(lambda_, stack, link)
    return found


def check(**clients) -> None:
    missing = problems(**clients)
    if missing:
        raise WiringIncomplete(
            "The deployment is not wired; nothing reaches these until fixed:\n- "
            + "\n- ".join(missing)
            + "\nRun `python -m deploy.bootstrap` again (it restores the bucket and queue "
            "settings); for a missing trigger run `zappa update <stage>` or `zappa schedule "
            "<stage>`, then bootstrap again."
        )


def _bucket_problems(s3, stack: Stack) -> list[str]:
    configuration = s3.get_bucket_notification_configuration(Bucket=stack.bucket)
    if our_queue_notification(configuration) != notification(stack.ingest_queue_arn):
        return [
            f"bucket {stack.bucket} does not notify queue {stack.ingest_queue} of uploads "
            "under originals/ (the bucket notification is missing or differs)"
        ]
    return []


def _queue_problems(sqs, stack: Stack, link: Link) -> list[str]:
    url = queue_url(sqs, link.queue)
    if url is None:
        return [f"queue {link.queue} ({link.why}) does not exist"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    found = []
    redrive = comparable("RedrivePolicy", attributes.get("RedrivePolicy"))
    if not redrive or redrive["deadLetterTargetArn"] != stack.dead_letter_queue_arn:
        found.append(
            f"queue {link.queue} has no redrive to the dead-letter queue "
            f"{stack.dead_letter_queue}: a failing message would be retried until it expires"
        )
    if link.queue == stack.ingest_queue:
        statements = json.loads(attributes.get("Policy") or '{"Statement": []}')["Statement"]
        if not any(
            statement.get("Principal") == {"Service": "s3.amazonaws.com"}
            and statement.get("Effect") == "Allow"
            for statement in statements
        ):
            found.append(f"queue {link.queue} does not let bucket {stack.bucket} send to it")
    return found


def _mapping_problems(lambda_, stack: Stack, link: Link) -> list[str]:
    function, arn = stack.function_name(link.stage), stack.function_arn(link.stage)
    found = lambda_.list_event_source_mappings(EventSourceArn=stack.queue_arn(link.queue))[
        "EventSourceMappings"
    ]
    ours = [mapping for mapping in found if mapping["FunctionArn"] == arn]
    others = sorted(
        mapping["FunctionArn"].rsplit(":", 1)[-1] for mapping in found if mapping not in ours
    )
    if others:
        # Left by an older layout (outcomes were the web's): each message would go to one.
        return [
            f"queue {link.queue} also triggers {', '.join(others)}: only {function} should "
            "take it (aws lambda delete-event-source-mapping --uuid ...)"
        ]
    if not ours:
        return [
            f"queue {link.queue} -> function {function}: no trigger, so {link.why} are "
            f"never taken (Zappa's 'Problem creating sqs event schedule')"
        ]
    if not any(mapping.get("State") in ACTIVE_STATES for mapping in ours):
        states = ", ".join(sorted({mapping.get("State", "?") for mapping in ours}))
        return [f"queue {link.queue} -> function {function}: trigger not enabled ({states})"]
    return []
