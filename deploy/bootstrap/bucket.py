"""The private bucket(s): no public access, encrypted, ACLs off, TLS only, versioned (a
deletion by mistake can be undone for NONCURRENT_DAYS), CORS for the site's browser
uploads, incomplete multipart uploads cleaned away, old ZIP exports expired; and the
originals bucket's notification of each upload to the ingest queue."""

import json

from botocore.exceptions import ClientError

from deploy.iam import EXPORTS, ORIGINALS

from .report import CREATED, UNCHANGED, Change, converge, error_code, read_or_none

ALL_PUBLIC_ACCESS_BLOCKED = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}
ENCRYPTIONS_ACCEPTED = {"AES256", "aws:kms", "aws:kms:dsse"}  # an existing KMS key is kept
LIFECYCLE_RULE_ID = "proofsheet-abort-incomplete-uploads"
INCOMPLETE_UPLOAD_DAYS = 2
EXPORTS_RULE_ID = "proofsheet-expire-exports"
# A ZIP export is reused for 6 hours (sharing.exports.REUSE_FOR) and served by a 10-minute
# presigned URL; after that a new request builds a new archive, so older ones only cost.
EXPORT_EXPIRY_DAYS = 3
NONCURRENT_RULE_ID = "proofsheet-expire-noncurrent-versions"
# How long an overwritten or deleted object can be brought back (S3 versioning keeps the
# old version as non-current); after that it is gone and costs nothing more.
NONCURRENT_DAYS = 30
OUR_RULE_IDS = {LIFECYCLE_RULE_ID, EXPORTS_RULE_ID, NONCURRENT_RULE_ID}
TLS_ONLY_SID = "DenyInsecureTransport"
NOTIFICATION_ID = "proofsheet-originals-to-ingest-queue"
UPLOAD_EVENTS = ["s3:ObjectCreated:*"]
CORS_MAX_AGE_SECONDS = 3600


class BucketTaken(RuntimeError):
    """The bucket name is in use by someone else."""


def ensure(s3, *, bucket: str, region: str, origin: str, holds_exports: bool) -> list[Change]:
    resource = f"bucket {bucket}"
    return [
        _exists(s3, bucket, region, resource),  # first: the others need the bucket
        _public_access_block(s3, bucket, resource),
        _encryption(s3, bucket, resource),
        _ownership(s3, bucket, resource),
        _tls_only(s3, bucket, resource),
        _versioning(s3, bucket, resource),
        _cors(s3, bucket, resource, origin),
        _lifecycle(s3, bucket, resource, holds_exports),
    ]


def _exists(s3, bucket: str, region: str, resource: str) -> Change:
    try:
        s3.head_bucket(Bucket=bucket)
        return Change(resource, "bucket", UNCHANGED)
    except ClientError as error:
        if error_code(error) in {"403", "AccessDenied", "Forbidden"}:
            raise BucketTaken(
                f"{resource} belongs to another account (bucket names are global): "
                "choose another name in deploy/stack.json"
            ) from error
        if error_code(error) not in {"404", "NoSuchBucket", "NotFound"}:
            raise
    options = {"Bucket": bucket}
    if region != "us-east-1":  # us-east-1 refuses its own name as a LocationConstraint
        options["CreateBucketConfiguration"] = {"LocationConstraint": region}
    s3.create_bucket(**options)
    s3.get_waiter("bucket_exists").wait(Bucket=bucket, WaiterConfig={"Delay": 1})
    return Change(resource, "bucket", CREATED, region)


def _public_access_block(s3, bucket: str, resource: str) -> Change:
    answer = read_or_none(
        lambda: s3.get_public_access_block(Bucket=bucket),
        missing={"NoSuchPublicAccessBlockConfiguration"},
    )
    current = answer and answer["PublicAccessBlockConfiguration"]
    return converge(
        resource,
        "public access block",
        current=current,
        wanted=ALL_PUBLIC_ACCESS_BLOCKED,
        apply=lambda: s3.put_public_access_block(
            Bucket=bucket, PublicAccessBlockConfiguration=ALL_PUBLIC_ACCESS_BLOCKED
        ),
        describe=lambda value: "all four on" if value == ALL_PUBLIC_ACCESS_BLOCKED else str(value),
    )


def _encryption(s3, bucket: str, resource: str) -> Change:
    answer = read_or_none(
        lambda: s3.get_bucket_encryption(Bucket=bucket),
        missing={"ServerSideEncryptionConfigurationNotFoundError"},
    )
    algorithm = None
    if answer:
        rules = answer["ServerSideEncryptionConfiguration"]["Rules"]
        algorithm = rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"]
    return converge(
        resource,
        "default encryption",
        current=algorithm if algorithm not in ENCRYPTIONS_ACCEPTED else "accepted",
        wanted="accepted",
        apply=lambda: s3.put_bucket_encryption(
            Bucket=bucket,
            ServerSideEncryptionConfiguration={
                "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
            },
        ),
        describe=lambda value: "SSE-S3 (AES256)" if value == "accepted" else str(value),
    )


def _ownership(s3, bucket: str, resource: str) -> Change:
    answer = read_or_none(
        lambda: s3.get_bucket_ownership_controls(Bucket=bucket),
        missing={"OwnershipControlsNotFoundError"},
    )
    current = answer and answer["OwnershipControls"]["Rules"][0]["ObjectOwnership"]
    return converge(
        resource,
        "object ownership",
        current=current,
        wanted="BucketOwnerEnforced",
        apply=lambda: s3.put_bucket_ownership_controls(
            Bucket=bucket,
            OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        ),
        describe=lambda value: f"{value} (ACLs off)" if value == "BucketOwnerEnforced" else value,
    )


def cors_rules(origin: str) -> list[dict]:
    """Browsers POST originals straight to the bucket and may fetch presigned GETs."""
    return [
        {
            "AllowedOrigins": [origin],
            "AllowedMethods": ["GET", "POST"],
            "AllowedHeaders": ["*"],
            "ExposeHeaders": ["ETag"],
            "MaxAgeSeconds": CORS_MAX_AGE_SECONDS,
        }
    ]


def _cors(s3, bucket: str, resource: str, origin: str) -> Change:
    wanted = cors_rules(origin)
    answer = read_or_none(
        lambda: s3.get_bucket_cors(Bucket=bucket), missing={"NoSuchCORSConfiguration"}
    )
    current = None
    if answer:
        # Compare only what we set: S3 adds an ID and may order fields its own way.
        current = [{key: rule.get(key) for key in wanted[0]} for rule in answer["CORSRules"]]
    return converge(
        resource,
        "CORS",
        current=current,
        wanted=wanted,
        apply=lambda: s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": wanted}),
        describe=lambda rules: "; ".join(
            f"{','.join(rule['AllowedMethods'])} from {','.join(rule['AllowedOrigins'])}"
            for rule in rules
        ),
    )


def tls_only_statement(bucket: str) -> dict:
    """Refuses any request to the bucket or its objects not made over TLS."""
    return {
        "Sid": TLS_ONLY_SID,
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def _tls_only(s3, bucket: str, resource: str) -> Change:
    answer = read_or_none(
        lambda: s3.get_bucket_policy(Bucket=bucket), missing={"NoSuchBucketPolicy"}
    )
    statements = json.loads(answer["Policy"])["Statement"] if answer else []
    ours = [statement for statement in statements if statement.get("Sid") == TLS_ONLY_SID]
    # Statements the owner added stay as they are.
    others = [statement for statement in statements if statement.get("Sid") != TLS_ONLY_SID]
    wanted = tls_only_statement(bucket)
    policy = {"Version": "2012-10-17", "Statement": [*others, wanted]}
    return converge(
        resource,
        "bucket policy",
        current=ours[0] if ours else None,
        wanted=wanted,
        apply=lambda: s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy)),
        describe=lambda value: (
            "requests without TLS refused" if value == wanted else json.dumps(value)
        ),
    )


def _versioning(s3, bucket: str, resource: str) -> Change:
    status = s3.get_bucket_versioning(Bucket=bucket).get("Status")
    return converge(
        resource,
        "versioning",
        current=status,
        wanted="Enabled",
        apply=lambda: s3.put_bucket_versioning(
            Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
        ),
        describe=lambda value: (
            f"{value} (non-current versions kept {NONCURRENT_DAYS} days)"
            if value == "Enabled"
            else str(value)
        ),
    )


def lifecycle_rules(*, holds_exports: bool) -> list[dict]:
    rules = [
        {
            "ID": LIFECYCLE_RULE_ID,
            "Status": "Enabled",
            "Filter": {"Prefix": ""},
            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": INCOMPLETE_UPLOAD_DAYS},
        },
        {
            "ID": NONCURRENT_RULE_ID,
            "Status": "Enabled",
            "Filter": {"Prefix": ""},
            "NoncurrentVersionExpiration": {"NoncurrentDays": NONCURRENT_DAYS},
        },
    ]
    if holds_exports:
        rules.append(
            {
                "ID": EXPORTS_RULE_ID,
                "Status": "Enabled",
                "Filter": {"Prefix": EXPORTS},
                "Expiration": {"Days": EXPORT_EXPIRY_DAYS},
            }
        )
    return rules


def _ours(rule: dict) -> dict:
    """A rule of ours as S3 gives it back, reduced to the fields we set."""
    return {
        "ID": rule["ID"],
        "Status": rule["Status"],
        "Filter": {"Prefix": (rule.get("Filter") or {}).get("Prefix", rule.get("Prefix", ""))},
        **{
            key: rule[key]
            for key in (
                "AbortIncompleteMultipartUpload",
                "Expiration",
                "NoncurrentVersionExpiration",
            )
            if key in rule
        },
    }


def _describe_rule(rule: dict) -> str:
    if "AbortIncompleteMultipartUpload" in rule:
        days = rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"]
        return f"abort incomplete multipart uploads after {days} days"
    if "Expiration" in rule:
        return f"expire {rule['Filter']['Prefix']} after {rule['Expiration']['Days']} days"
    if "NoncurrentVersionExpiration" in rule:
        days = rule["NoncurrentVersionExpiration"]["NoncurrentDays"]
        return f"non-current versions deleted after {days} days"
    return str(rule)


def _lifecycle(s3, bucket: str, resource: str, holds_exports: bool) -> Change:
    answer = read_or_none(
        lambda: s3.get_bucket_lifecycle_configuration(Bucket=bucket),
        missing={"NoSuchLifecycleConfiguration"},
    )
    rules = answer["Rules"] if answer else []
    ours = sorted(
        (_ours(rule) for rule in rules if rule.get("ID") in OUR_RULE_IDS), key=lambda r: r["ID"]
    )
    wanted = sorted(lifecycle_rules(holds_exports=holds_exports), key=lambda r: r["ID"])
    # Other rules the owner added stay as they are.
    others = [rule for rule in rules if rule.get("ID") not in OUR_RULE_IDS]
    return converge(
        resource,
        "lifecycle",
        current=ours or None,
        wanted=wanted,
        apply=lambda: s3.put_bucket_lifecycle_configuration(
            Bucket=bucket, LifecycleConfiguration={"Rules": [*others, *wanted]}
        ),
        describe=lambda rules: "; ".join(_describe_rule(rule) for rule in rules),
    )


def notification(queue_arn: str) -> dict:
    """Each upload under originals/ becomes a message on the ingest queue."""
    return {
        "Id": NOTIFICATION_ID,
        "QueueArn": queue_arn,
        "Events": UPLOAD_EVENTS,
        "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": ORIGINALS}]}},
    }


def our_queue_notification(configuration: dict) -> dict | None:
    for queue in configuration.get("QueueConfigurations", []):
        if queue.get("Id") == NOTIFICATION_ID:
            rules = queue.get("Filter", {}).get("Key", {}).get("FilterRules", [])
            return {
                **queue,
                # S3 may give the rule name back capitalised ("Prefix").
                "Filter": {
                    "Key": {
                        "FilterRules": [
                            {"Name": rule["Name"].lower(), "Value": rule["Value"]} for rule in rules
                        ]
                    }
                },
            }
    return None


def _describe_notification(value: tuple[dict | None, bool]) -> str:
    queue, zappas = value
    parts = [f"{ORIGINALS} ObjectCreated -> {queue['QueueArn']}"] if queue else []
    if zappas:
        parts.append("Zappa's S3 trigger on the processor")
    return " and ".join(parts)


def ensure_notification(s3, *, bucket: str, queue_arn: str, processor_function: str) -> Change:
    """The bucket -> ingest queue notification. Zappa's own S3 trigger for the processor
    (named after the function), left by a deployment made before the ingest queue, is
    removed; the owner's other notifications stay."""
    resource = f"bucket {bucket}"
    configuration = s3.get_bucket_notification_configuration(Bucket=bucket)
    configuration.pop("ResponseMetadata", None)
    wanted = notification(queue_arn)
    current = our_queue_notification(configuration)
    zappas = [
        item
        for item in configuration.get("LambdaFunctionConfigurations", [])
        if item.get("Id") == processor_function
    ]
    kept = {
        "QueueConfigurations": [
            item
            for item in configuration.get("QueueConfigurations", [])
            if item.get("Id") != NOTIFICATION_ID
        ]
        + [wanted],
        "LambdaFunctionConfigurations": [
            item
            for item in configuration.get("LambdaFunctionConfigurations", [])
            if item.get("Id") != processor_function
        ],
        "TopicConfigurations": configuration.get("TopicConfigurations", []),
    }
    if "EventBridgeConfiguration" in configuration:
        kept["EventBridgeConfiguration"] = configuration["EventBridgeConfiguration"]
    return converge(
        resource,
        "upload notification",
        current=(current, bool(zappas)) if current or zappas else None,
        wanted=(wanted, False),
        apply=lambda: s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration=kept
        ),
        describe=_describe_notification,
    )
