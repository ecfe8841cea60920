"""Sets up Proofsheet's AWS resources with boto3, idempotently: every step reads what is
there, changes only what differs, and says what it did. Run before and after
`zappa deploy` (README, Deploying to AWS); `python manage.py bootstrap_aws` runs it.

boto3 finds the credentials as usual (profile, environment, SSO) and honours
AWS_ENDPOINT_URL, which is how the tests point it at a moto server.
"""

import boto3

from deploy.stack import PROCESSOR_STAGE, WEB_STAGE, Stack

from . import bucket, functions, queues, table
from .report import Change, summary


class WrongAccount(RuntimeError):
    """The credentials in use belong to another account than deploy/stack.json names."""


def check_account(session, stack: Stack) -> None:
    account = session.client("sts").get_caller_identity()["Account"]
    if account != stack.aws_account_id:
        raise WrongAccount(
            f"These credentials are for account {account}, but deploy/stack.json names "
            f"{stack.aws_account_id}: nothing was changed. Use the right profile, or fix the stack."
        )


def run(stack: Stack, *, web_database_url: str | None = None) -> list[Change]:
    session = boto3.session.Session(region_name=stack.aws_region)
    check_account(session, stack)
    s3, dynamodb, sqs, lambda_ = (
        session.client(name) for name in ("s3", "dynamodb", "sqs", "lambda")
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
        name=stack.render_queue,
        attributes=queues.render_attributes(stack.dead_letter_queue_arn),
    )
    changes += queues.ensure(
        sqs,
        name=stack.outcome_queue,
        attributes=queues.outcome_attributes(stack.dead_letter_queue_arn),
    )
    changes += functions.ensure_processor_retries(
        lambda_, function=stack.processor_function, stage=PROCESSOR_STAGE
    )
    changes += functions.ensure_web_secrets(
        lambda_, function=stack.web_function, stage=WEB_STAGE, database_url=web_database_url
    )
    return changes


__all__ = ["Change", "WrongAccount", "run", "summary"]
