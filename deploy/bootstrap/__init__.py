"""Sets up Proofsheet's AWS resources with boto3, idempotently: every step reads what is
there, changes only what differs, and says what it did. Run before and after
`zappa deploy` (README, Deploying to AWS); `python -m deploy.bootstrap` runs it, and once
the functions exist it checks the wiring (`verify`) and fails naming what is missing.

boto3 finds the credentials as usual (profile, environment, SSO) and honours
AWS_ENDPOINT_URL, which is how the tests point it at a moto server.
"""

import boto3

from deploy.stack import PROCESSOR_STAGE, WEB_STAGE, WORKER_STAGE, Stack

from . import alarms, bucket, functions, logs, queues, table, verify
from .report import Change, summary
from .verify import WiringIncomplete


class WrongAccount(RuntimeError):
    """The credentials in use belong to another account than deploy/stack.json names."""


def check_account(session, stack: Stack) -> None:
    account = session.client("sts").get_caller_identity()["Account"]
    if account != stack.aws_account_id:
        raise WrongAccount(
            f"These credentials are for account {account}, but deploy/stack.json names "
            f"{stack.aws_account_id}: nothing was changed. Use the right profile, or fix the stack."
        )


def _session(stack: Stack):
    return boto3.session.Session(region_name=stack.aws_region)


def run(stack: Stack, *, web_database_url: str | None = None) -> list[Change]:
    session = _session(stack)
    check_account(session, stack)
    s3, dynamodb, sqs, lambda_, logs_, sns, cloudwatch = (
        session.client(name)
        for name in ("s3", "dynamodb", "sqs", "lambda", "logs", "sns", "cloudwatch")
    )
    changes: list[Change] = []
    for name in stack.buckets:
        # ZIP exports are written to the originals bucket only (sharing.exports.export_key).
        changes += bucket.ensure(
            s3,
            bucket=name,
            region=stack.aws_region,
            origin=stack.origin,
            holds_exports=name == stack.bucket,
        )
    changes += table.ensure(dynamodb, table=stack.table)
    # The dead-letter queue first: the other queues' redrive policies name it.
    changes += queues.ensure(
        sqs, name=stack.dead_letter_queue, attributes=queues.dead_letter_attributes()
    )
    changes += queues.ensure(
        sqs,
        name=stack.ingest_queue,
        attributes=queues.ingest_attributes(
            stack.dead_letter_queue_arn,
            queue_arn=stack.ingest_queue_arn,
            bucket_arn=stack.bucket_arn(),
            account=stack.aws_account_id,
        ),
    )
    # After the queue's policy: S3 checks that it may send there.
    changes.append(
        bucket.ensure_notification(
            s3,
            bucket=stack.bucket,
            queue_arn=stack.ingest_queue_arn,
            processor_function=stack.processor_function,
        )
    )
    changes += queues.ensure(
        sqs,
        name=stack.render_queue,
        attributes=queues.render_attributes(stack.dead_letter_queue_arn),
    )
    changes += queues.ensure(
        sqs,
        name=stack.outcome_queue,
        attributes=queues.outcome_attributes(stack.dead_letter_queue_arn),
    )
    # Before `zappa deploy`, so Lambda never makes them without a retention.
    for function in stack.functions.values():
        changes += logs.ensure(logs_, group=stack.log_group(function))
    changes += alarms.ensure_topic(sns, stack=stack)
    changes += alarms.ensure_alarms(cloudwatch, stack=stack)
    changes += functions.ensure_processor_retries(
        lambda_, function=stack.processor_function, stage=PROCESSOR_STAGE
    )
    changes += functions.ensure_django_secrets(
        lambda_,
        functions={WEB_STAGE: stack.web_function, WORKER_STAGE: stack.worker_function},
        database_url=web_database_url,
    )
    return changes


def deployed(stack: Stack) -> bool:
    """Whether every function exists (the wiring can only be checked then)."""
    lambda_ = _session(stack).client("lambda")
    return all(
        functions.function_configuration(lambda_, name) is not None
        for name in stack.functions.values()
    )


def check_wiring(stack: Stack) -> None:
    """Raises WiringIncomplete naming each missing link."""
    session = _session(stack)
    verify.check(
        s3=session.client("s3"),
        sqs=session.client("sqs"),
        lambda_=session.client("lambda"),
        stack=stack,
    )


__all__ = [
    "Change",
    "WiringIncomplete",
    "WrongAccount",
    "check_wiring",
    "deployed",
    "run",
    "summary",
]
