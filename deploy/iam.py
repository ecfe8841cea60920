"""The two Lambda roles' permissions, least privilege, written out as IAM policy documents.

Zappa attaches each file as the role's only inline policy (`attach_policy` replaces its
default, which grants `s3:*`, `dynamodb:*` and more). Each statement names what the code
or Lambda itself does with it; `tests/deploy/test_policies.py` checks the documents
against the boto3 calls the code makes.
"""

from lambda_processor.records import ORIGINALS_PREFIX as ORIGINALS
from lambda_processor.records import RENDITIONS_PREFIX as RENDITIONS

from .stack import PROCESSOR_STAGE, WEB_STAGE, WORKER_STAGE, Stack

EXPORTS = "exports/"  # sharing.exports.export_key (a Django app: not imported here)
STUDIO = "studio/"  # gallery.branding.LOGO_PREFIX: the studios' re-encoded logos
VERSION = "2012-10-17"
# What Lambda's SQS event source does with the consuming function's role.
SQS_CONSUME = ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]


def _statement(sid: str, actions: list[str], resources: list[str], **condition) -> dict:
    statement = {
        "Sid": sid,
        "Effect": "Allow",
        "Action": sorted(actions),
        "Resource": sorted(set(resources)),
    }
    if condition:
        statement["Condition"] = condition
    return statement


def _logs(stack: Stack, stage: str) -> dict:
    # What Lambda writes the function's own log lines with, in its own log group only. No
    # CreateLogGroup: bootstrap makes the group with its retention before the first deploy,
    # and a group Lambda made itself would keep every line for ever.
    return _statement(
        "OwnLogGroup",
        ["logs:CreateLogStream", "logs:PutLogEvents"],
        [stack.log_group_arn(stack.function_name(stage))],
    )


def _list(stack: Stack, sid: str, buckets: list[str], prefixes: list[str]) -> dict:
    # Listing is limited to the given prefixes. "IfExists": a HEAD carries no prefix, and
    # S3 answers a HEAD of a missing key with 404 (which the code expects) rather than 403
    # only to a caller that may list the bucket.
    return _statement(
        sid,
        ["s3:ListBucket"],
        [stack.bucket_arn(bucket) for bucket in buckets],
        StringLikeIfExists={"s3:prefix": [f"{prefix}*" for prefix in prefixes]},
    )


def _django_policy(stack: Stack, stage: str) -> dict:
    """The web and the worker run the same Django code (the worker only what is off the
    request path), so they get the same grants on the bucket and table; only the worker
    takes the outcome queue. Both start the worker's tasks."""
    photos = [
        stack.objects_arn(bucket, prefix)
        for bucket in stack.buckets
        for prefix in (ORIGINALS, RENDITIONS)
    ]
    # ZIP exports live in the originals bucket only (sharing.exports.export_key).
    exports = stack.objects_arn(stack.bucket, EXPORTS)
    # Logos live in the originals bucket (gallery.storage.aws.bucket_for).
    logos = stack.objects_arn(stack.bucket, STUDIO)
    return {
        "Version": VERSION,
        "Statement": [
            # Presigned GET URLs for thumbnails, proofs, released originals and ZIP exports,
            # and the HEAD that checks an upload arrived, are signed with this role; the ZIP
            # task reads the photos it packs.
            _statement(
                "ReadPhotos",
                ["s3:GetObject"],
                [stack.objects_arn(stack.bucket, ORIGINALS)]
                + [stack.objects_arn(stack.renditions_bucket, RENDITIONS)]
                + [exports, logos],
            ),
            # Settings → Studio stores the re-encoded logo and deletes the one it replaces.
            _statement("StoreLogos", ["s3:DeleteObject", "s3:PutObject"], [logos]),
            # The browser's presigned POST is signed with this role: S3 checks that the
            # signer may put the object.
            _statement(
                "SignOriginalUploads",
                ["s3:PutObject"],
                [stack.objects_arn(stack.bucket, ORIGINALS)],
            ),
            # The ZIP task uploads with boto3's upload_fileobj: a large ZIP goes up in parts
            # (authorised as PutObject), and a failed part upload is aborted.
            _statement("WriteExports", ["s3:AbortMultipartUpload", "s3:PutObject"], [exports]),
            # Deleting a photo or a gallery lists its folders, then deletes what is there.
            _list(
                stack, "ListPhotoFolders", stack.buckets, [ORIGINALS, RENDITIONS, EXPORTS, STUDIO]
            ),
            _statement("DeletePhotos", ["s3:DeleteObject"], [*photos, exports]),
            # Reads photo items; writes only the gallery settings and pending items.
            _statement(
                "PhotoRecords",
                [
                    "dynamodb:BatchGetItem",
                    "dynamodb:DeleteItem",
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:Query",
                ],
                [stack.table_arn],
            ),
            _statement("AskForRenders", ["sqs:SendMessage"], [stack.render_queue_arn]),
            # Zappa's asynchronous tasks (ZIP exports, webhook deliveries) invoke the worker
            # function, InvocationType "Event" (gallery.dispatch.tasks.worker_task); no other.
            _statement(
                "StartWorkerTasks", ["lambda:InvokeFunction"], [stack.function_arn(WORKER_STAGE)]
            ),
            _logs(stack, stage),
        ],
    }


def web_policy(stack: Stack) -> dict:
    return _django_policy(stack, WEB_STAGE)


def worker_policy(stack: Stack) -> dict:
    policy = _django_policy(stack, WORKER_STAGE)
    # Lambda's SQS event source polls the outcome queue with the function's role and hands
    # the messages to gallery.dispatch.aws.consume_outcome_event.
    policy["Statement"].insert(
        -1,
        _statement(
            "TakeOutcomes",
            SQS_CONSUME,
            [stack.outcome_queue_arn],
        ),
    )
    return policy


def processor_policy(stack: Stack) -> dict:
    return {
        "Version": VERSION,
        "Statement": [
            # GetObject covers the HEAD that checks the size before downloading.
            _statement(
                "ReadOriginals", ["s3:GetObject"], [stack.objects_arn(stack.bucket, ORIGINALS)]
            ),
            # A logo watermark: the studio's re-encoded logo, named by the gallery's settings.
            _statement(
                "ReadStudioLogos", ["s3:GetObject"], [stack.objects_arn(stack.bucket, STUDIO)]
            ),
            _list(stack, "TellMissingOriginals", [stack.bucket], [ORIGINALS]),
            _statement(
                "WriteRenditions",
                ["s3:PutObject"],
                [stack.objects_arn(stack.renditions_bucket, RENDITIONS)],
            ),
            # The conditional write of the photo item, after reading the gallery's settings.
            _statement("PhotoRecords", ["dynamodb:GetItem", "dynamodb:PutItem"], [stack.table_arn]),
            # Lambda's SQS event sources poll the ingest queue (the bucket's notifications)
            # and the render queue with the function's role.
            _statement(
                "TakeUploadsAndRenderRequests",
                SQS_CONSUME,
                [stack.ingest_queue_arn, stack.render_queue_arn],
            ),
            # The lost-uploads sweep (lambda_processor.sweep) asks for renders.
            _statement("RequeueLostUploads", ["sqs:SendMessage"], [stack.render_queue_arn]),
            # What became of each photo, for the web's webhooks (lambda_processor.outcomes).
            _statement("AnnounceOutcomes", ["sqs:SendMessage"], [stack.outcome_queue_arn]),
            # Lambda hands an event that failed every retry to the dead-letter queue with
            # the function's role (`dead_letter_arn`).
            _statement("DeadLetters", ["sqs:SendMessage"], [stack.dead_letter_queue_arn]),
            _logs(stack, PROCESSOR_STAGE),
        ],
    }


POLICIES = {
    WEB_STAGE: web_policy,
    PROCESSOR_STAGE: processor_policy,
    WORKER_STAGE: worker_policy,
}


def policy_path(stage: str) -> str:
    """Relative to the repository root, where Zappa runs and reads `attach_policy`."""
    return f"deploy/policies/{stage}.json"
