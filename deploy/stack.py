"""The names of Proofsheet's AWS resources, read from `deploy/stack.json`, and everything
derived from them (ARNs, the queue URLs, the Lambda function names and ARNs).

Every other file that names a resource (zappa_settings.json, the IAM policies, the
bootstrap command, the tests) gets the name from here, so a name is written once.
"""

import json
import re
from dataclasses import dataclass, fields
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
REPO_DIR = DEPLOY_DIR.parent
STACK_FILE = DEPLOY_DIR / "stack.json"

# Zappa stage names; Zappa names each function "<project>-<stage>".
WEB_STAGE = "web"
PROCESSOR_STAGE = "processor"
# Django off the request path: ZIP exports, outcome messages, webhook deliveries.
WORKER_STAGE = "worker"
STAGES = (WEB_STAGE, PROCESSOR_STAGE, WORKER_STAGE)
QUEUE_AND_TABLE_FIELDS = (
    "table",
    "render_queue",
    "ingest_queue",
    "outcome_queue",
    "dead_letter_queue",
)

# Lambda's own log group for a function; logs ARNs end in ":*" for the streams inside.
LOG_GROUP_PREFIX = "/aws/lambda/"

_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,80}")
_ACCOUNT = re.compile(r"\d{12}")
_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-\d")
_DOMAIN = re.compile(r"([a-z0-9-]+\.)+[a-z]{2,}")
_EMAIL = re.compile(r"[^@\s]+@([a-z0-9-]+\.)+[a-z]{2,}", re.IGNORECASE)


class StackError(ValueError):
    """stack.json names something AWS would refuse, or misses a name."""


@dataclass(frozen=True)
class Stack:
    project: str
    aws_account_id: str
    aws_region: str
    bucket: str
    output_bucket: str
    table: str
    render_queue: str
    ingest_queue: str
    outcome_queue: str
    dead_letter_queue: str
    zappa_bucket: str
    domain: str
    site_origin: str
    certificate_arn: str
    # Who the alarms page (an SNS e-mail subscription, confirmed from the mail it sends).
    operator_email: str
    # Reserved concurrency per stage (Zappa's `lambda_concurrency`): a burst of uploads
    # cannot take the concurrency the website needs.
    lambda_concurrency: dict

    def __post_init__(self):
        problems = list(self._problems())
        if problems:
            raise StackError("deploy/stack.json:\n- " + "\n- ".join(problems))

    def _problems(self):
        if not _NAME.fullmatch(self.project) or "_" in self.project:
            yield f"project {self.project!r}: letters, digits and hyphens only"
        if not _ACCOUNT.fullmatch(self.aws_account_id):
            yield f"aws_account_id {self.aws_account_id!r}: the 12 digits of your AWS account"
        if not _REGION.fullmatch(self.aws_region):
            yield f"aws_region {self.aws_region!r}: a region such as eu-west-1"
        for name in ("bucket", "zappa_bucket"):
            if not _BUCKET.fullmatch(getattr(self, name)):
                yield f"{name} {getattr(self, name)!r}: a valid S3 bucket name"
        if self.output_bucket and not _BUCKET.fullmatch(self.output_bucket):
            yield f"output_bucket {self.output_bucket!r}: empty, or a valid S3 bucket name"
        for name in QUEUE_AND_TABLE_FIELDS:
            if not _NAME.fullmatch(getattr(self, name)):
                yield f"{name} {getattr(self, name)!r}: letters, digits, '.', '_' and '-'"
        if self.domain and not _DOMAIN.fullmatch(self.domain):
            yield f"domain {self.domain!r}: a host name such as proofs.example.com, or empty"
        if not (self.domain or self.site_origin):
            yield "domain or site_origin: the site's address is needed for CORS and CSRF"
        if self.site_origin and not self.site_origin.startswith("https://"):
            yield f"site_origin {self.site_origin!r}: an https:// origin, or empty"
        if self.certificate_arn and not self.certificate_arn.startswith("arn:aws:acm:"):
            yield "certificate_arn: an ACM certificate's ARN, or empty"
        if not _EMAIL.fullmatch(self.operator_email):
            yield f"operator_email {self.operator_email!r}: the address the alarms are sent to"
        concurrency = self.lambda_concurrency
        if (
            not isinstance(concurrency, dict)
            or set(concurrency) != set(STAGES)
            or not all(
                isinstance(value, int) and not isinstance(value, bool) and value >= 1
                for value in concurrency.values()
            )
        ):
            yield f"lambda_concurrency {concurrency!r}: a number of at least 1 for each of {STAGES}"

    # Derived names ------------------------------------------------------------------

    @property
    def renditions_bucket(self) -> str:
        return self.output_bucket or self.bucket

    @property
    def buckets(self) -> list[str]:
        return sorted({self.bucket, self.renditions_bucket})

    @property
    def origin(self) -> str:
        """The browser origin of the site: CORS on the bucket, CSRF, links in e-mails."""
        return (self.site_origin or f"https://{self.domain}").rstrip("/")

    @property
    def allowed_hosts(self) -> list[str]:
        host = self.origin.removeprefix("https://").split("/")[0]
        return sorted({host, self.domain} - {""})

    def function_name(self, stage: str) -> str:
        return f"{self.project}-{stage}"

    @property
    def web_function(self) -> str:
        return self.function_name(WEB_STAGE)

    @property
    def processor_function(self) -> str:
        return self.function_name(PROCESSOR_STAGE)

    @property
    def worker_function(self) -> str:
        return self.function_name(WORKER_STAGE)

    def function_arn(self, stage: str) -> str:
        return (
            f"arn:aws:lambda:{self.aws_region}:{self.aws_account_id}:"
            f"function:{self.function_name(stage)}"
        )

    def bucket_arn(self, bucket: str | None = None) -> str:
        return f"arn:aws:s3:::{bucket or self.bucket}"

    def objects_arn(self, bucket: str, prefix: str) -> str:
        return f"arn:aws:s3:::{bucket}/{prefix}*"

    @property
    def table_arn(self) -> str:
        return f"arn:aws:dynamodb:{self.aws_region}:{self.aws_account_id}:table/{self.table}"

    def queue_arn(self, queue: str) -> str:
        return f"arn:aws:sqs:{self.aws_region}:{self.aws_account_id}:{queue}"

    def queue_url(self, queue: str) -> str:
        return f"https://sqs.{self.aws_region}.amazonaws.com/{self.aws_account_id}/{queue}"

    @property
    def render_queue_arn(self) -> str:
        return self.queue_arn(self.render_queue)

    @property
    def render_queue_url(self) -> str:
        return self.queue_url(self.render_queue)

    @property
    def ingest_queue_arn(self) -> str:
        return self.queue_arn(self.ingest_queue)

    @property
    def outcome_queue_arn(self) -> str:
        return self.queue_arn(self.outcome_queue)

    @property
    def outcome_queue_url(self) -> str:
        return self.queue_url(self.outcome_queue)

    @property
    def dead_letter_queue_arn(self) -> str:
        return self.queue_arn(self.dead_letter_queue)

    @property
    def alarm_topic(self) -> str:
        return f"{self.project}-alarms"

    @property
    def alarm_topic_arn(self) -> str:
        return f"arn:aws:sns:{self.aws_region}:{self.aws_account_id}:{self.alarm_topic}"

    @property
    def functions(self) -> dict[str, str]:
        """Stage -> function name, for every stage."""
        return {stage: self.function_name(stage) for stage in STAGES}

    def log_group(self, function: str) -> str:
        return f"{LOG_GROUP_PREFIX}{function}"

    def log_group_arn(self, function: str) -> str:
        return (
            f"arn:aws:logs:{self.aws_region}:{self.aws_account_id}:"
            f"log-group:{self.log_group(function)}:*"
        )


def load(path: Path = STACK_FILE) -> Stack:
    data = json.loads(Path(path).read_text())
    known = {field.name for field in fields(Stack)}
    unknown = sorted(set(data) - known - {"_about"})
    if unknown:
        raise StackError(f"{path}: unknown names {unknown}; known: {sorted(known)}")
    missing = sorted(known - set(data))
    if missing:
        raise StackError(f"{path}: missing {missing}")
    # Every name is text, but for the numbers per stage.
    return Stack(
        **{name: data[name] if name == "lambda_concurrency" else str(data[name]) for name in known}
    )
