"""The three Zappa stages, built from the stack's names.

`web`: Django behind API Gateway, a timeout that suits a web request. `worker`: the same
Django code with no API Gateway and a long timeout, for what runs off the request path: the
processor's outcome messages, the webhook retry sweep every minute, the abandoned-uploads
sweep (`gallery.sweep`), and the Zappa tasks the
web starts (ZIP exports, webhook deliveries; `gallery.dispatch.tasks.worker_task`). `processor`:
events only (no API Gateway); the ingest
queue (S3 `ObjectCreated` under `originals/`, wired by bootstrap, never by Zappa) and the
render queue both call `lambda_processor.handler.handle`, which needs no Django, so the
processor's package leaves Django and the web apps out; a schedule re-queues originals
whose event was lost (`lambda_processor.sweep`).

Every function path a stage names is written here, once.
"""

from .iam import policy_path
from .stack import PROCESSOR_STAGE, WEB_STAGE, WORKER_STAGE, Stack

RUNTIME = "python3.12"  # Pillow 13 needs glibc 2.27+: Amazon Linux 2023, not the 3.11 runtime
PROCESSOR_FUNCTION = "lambda_processor.handler.handle"
# What Lambda calls in the processor's function, in place of Zappa's handler.lambda_handler
# (which loads werkzeug and asyncio for a function that serves no HTTP); it sends each
# event to the function the stage's `events` name (lambda_processor/entry.py).
PROCESSOR_LAMBDA_HANDLER = "lambda_processor.entry.lambda_handler"
ZAPPA_LAMBDA_HANDLER = "handler.lambda_handler"  # Zappa's handler.py at the package root
# What Lambda calls in the web's and the worker's functions, in place of Zappa's handler
# (werkzeug, asyncio and boto3 loaded before Django starts): apig-wsgi for API Gateway's
# requests, and each other event where Zappa's handler sent it (config/lambda_web.py,
# config/lambda_worker.py, config/lambda_commands.py).
WEB_LAMBDA_HANDLER = "config.lambda_web.lambda_handler"
WORKER_LAMBDA_HANDLER = "config.lambda_worker.lambda_handler"
LOST_UPLOADS_SWEEP_FUNCTION = "lambda_processor.sweep.requeue_lost"
# An original with no record this long after its upload lost its event (or every retry of
# it failed): the sweep asks for a render. Every 15 minutes, so a lost photo waits at most
# about 45 minutes (lambda_processor.sweep.LOST_AFTER is 30).
LOST_UPLOADS_SWEEP_SCHEDULE = "rate(15 minutes)"

# Memory buys CPU on Lambda (one full vCPU at 1,769 MB). `make bench` puts a 24 MP JPEG
# well under a second at about one vCPU; 2,048 MB gives that vCPU plus room to decode the
# largest image accepted (150 MP refused above that; a 16-bit TIFF decodes to ~900 MB).
PROCESSOR_MEMORY_MB = 2048
# A render request carries up to 50 originals (lambda_processor.records.RENDER_BATCH); at
# ~1 s each plus transfer, 300 s leaves a wide margin. One upload takes a second or two.
PROCESSOR_TIMEOUT_S = 300
# One message per invocation, for the ingest and the render queue: Zappa 0.63's SQS event
# source (zappa.utilities.SqsEventSource) cannot set FunctionResponseTypes, so there is no
# ReportBatchItemFailures and a batch would be retried whole when one original fails.
RENDER_BATCH_SIZE = 1
INGEST_BATCH_SIZE = 1
WEB_MEMORY_MB = 1024
# API Gateway cuts an HTTP request after 29 s whatever the function does; past that the
# function would only go on using a concurrent execution for nobody.
WEB_TIMEOUT_S = 29
WORKER_MEMORY_MB = 1024
# The Zappa task that builds a ZIP export (sharing.exports) reads every photo of the
# selection and uploads the archive: minutes for the largest. A timed-out task leaves its
# export pending for good, so it gets Lambda's most.
WORKER_TIMEOUT_S = 900
# Lambda's least /tmp (512 MB, the free amount): nothing here writes to disk. A ZIP export
# streams into an S3 multipart upload, its memory bounded by the part size
# (sharing.exports); set explicitly so that `zappa update` takes the 10 GB an earlier
# deployment asked for back down.
WORKER_EPHEMERAL_STORAGE_MB = 512
# One outcome message per invocation, as for render requests: a batch that fails part-way
# would be retried whole, telling webhooks about the photos before the failure twice.
OUTCOME_BATCH_SIZE = 1
OUTCOME_FUNCTION = "gallery.dispatch.aws.consume_outcome_event"
WEBHOOK_SWEEP_FUNCTION = "proofs_api.tasks.deliver_due_webhooks"
# Deliveries due again (retries after 1 and 5 minutes, proofs_api.webhooks) are sent by
# this sweep; the first try goes at once through a Zappa task.
WEBHOOK_SWEEP_SCHEDULE = "rate(1 minute)"
UPLOAD_SWEEP_FUNCTION = "gallery.sweep.sweep_abandoned_uploads"
# Uploads still awaited PROOFSHEET_UPLOAD_SWEEP_AFTER (6 hours) after their form was handed
# out are removed; a quarter-hour more or less does not matter.
UPLOAD_SWEEP_SCHEDULE = "rate(15 minutes)"
# Reminders to clients (a gallery closing soon, a selection not sent) are due by the day;
# each goes once (sharing.invitations), so a run every ten minutes is plenty and cheap.
REMINDER_FUNCTION = "sharing.tasks.send_due_reminders"
REMINDER_SCHEDULE = "rate(10 minutes)"

# Names matched anywhere in the tree (shutil.ignore_patterns): never in a package. No
# bytecode either: deploy.bytecode compiles every module afresh after Zappa has zipped.
EXCLUDE_EVERYWHERE = [
    ".venv",
    "*.po",
    ".pytest_cache",
    ".ruff_cache",
    "test-output",
    "__pycache__",
    "*.pyc",
]
# Paths at the package root (the project's folders and the top-level installed packages).
EXCLUDE_AT_ROOT = [
    ".ci",
    ".gitignore",
    ".prettier*",
    "eslint.config.js",
    "node_modules",
    "package*.json",
    ".python-version",
    "*.md",
    "Makefile",
    "bench",
    "deploy",
    "dist",
    "pyproject.toml",
    "requirements*.txt",
    "scripts",
    "tests",
    "var",
    "zappa_settings.json",
]
# Zappa's command-line tools and their build helpers; the handler in Lambda needs none.
ZAPPA_CLI_ONLY = [
    "_distutils_hack",
    "argcomplete",
    "cfn_clean",
    "cfn_flip",
    "cfn_tools",
    "click",
    "distutils-precedence.pth",
    "hjson",
    "placebo",
    "setuptools",
    "slugify",
    "text_unidecode",
    "toml",
    "tqdm",
    "troposphere",
    "wheel",
]
# Every app's static folder is collected into staticfiles/ before packaging.
STATIC_SOURCES = ["**/static"]
# What Django REST framework imports whenever it can (rest_framework.compat) and nothing of
# the web's or the worker's needs: django.contrib.postgres (not an installed app) and with
# it psycopg, for pages that never touch the database (psycopg then loads with the first
# query, through Django's PostgreSQL backend); requests, for its test client only (Zappa
# imports it in its command line alone). Together about a third of the first response.
DJANGO_UNUSED = [
    "django/contrib/postgres",
    "charset_normalizer*",
    "requests*",
]
# What only the web needs: the processor runs lambda_processor and boto3 alone.
WEB_ONLY = [
    "apig_wsgi*",
    "config",
    "dj_database_url",
    "django",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "gallery",
    "manage.py",
    "proofs_api",
    "psycopg",
    "psycopg_binary",
    "psycopg_binary.libs",
    "rest_framework",
    "sharing",
    "static",
    "staticfiles",
    "storages",
    "templates",
    "whitenoise",
]

# The web's other dependencies, which the processor never imports on its paths (S3 and
# render-queue events through Zappa's handler: lambda_processor, Pillow, boto3 and what
# Zappa's handler itself needs): drf-spectacular's, Django's, requests' (urllib3 stays:
# botocore sends through it; idna only for non-ASCII host names). Their metadata goes with
# them. About 11 MiB; tests/deploy run the processor package's event paths without them.
PROCESSOR_NEVER_IMPORTS = [
    "*.dist-info/RECORD",  # pip's file lists: read by nothing at run time
    "_yaml",
    "asgiref*",
    "attr",
    "attrs*",
    "charset_normalizer*",
    "dj_database_url-*.dist-info",
    "django-*.dist-info",
    "django_storages-*.dist-info",
    "djangorestframework-*.dist-info",
    "drf_spectacular*-*.dist-info",
    "idna*",
    "inflection*",
    "jsonschema*",
    "packaging*",
    "pip-*.dist-info",
    "psycopg*-*.dist-info",
    "pyyaml-*.dist-info",
    "referencing*",
    "requests*",
    "rpds*",
    "sqlparse*",
    "uritemplate*",
    "whitenoise-*.dist-info",
    "yaml",
]

# The AWS services the processor calls (lambda_processor.aws's clients; tests/deploy check
# its code against it). Its package carries their models alone, not the other four hundred
# and more of botocore/data (27 MiB): a client loads only its own service's model, but
# botocore lists every service's folder each time it loads one (15 ms of CPU or more each
# time, several times in a new instance's first event, with all of them there).
PROCESSOR_AWS_SERVICES = ("dynamodb", "s3", "sqs")
BOTOCORE_DATA = "botocore/data"


def folders_except(parent: str, keep: tuple[str, ...]) -> list[str]:
    """Glob patterns (Zappa's `exclude_glob`: pathlib's glob, a trailing slash for folders
    only) that match every folder in `parent` but those named in `keep`, whatever else is
    there: at each prefix of a kept name, the names that continue with another character,
    stop there, or go on past a kept name. Files in `parent` are left alone."""
    assert all(name and "-" not in name and "/" not in name for name in keep)
    patterns = []
    prefixes = {name[:length] for name in keep for length in range(len(name) + 1)}
    for prefix in sorted(prefixes):
        longer = [name for name in keep if name.startswith(prefix) and name != prefix]
        following = sorted({name[len(prefix)] for name in longer})
        if following:
            patterns.append(f"{parent}/{prefix}[!{''.join(following)}]*/")
        if prefix in keep:
            patterns.append(f"{parent}/{prefix}?*/")
        elif prefix:
            patterns.append(f"{parent}/{prefix}/")
    return patterns


def _common(stack: Stack, stage: str) -> dict:
    return {
        "project_name": stack.project,
        "aws_region": stack.aws_region,
        "runtime": RUNTIME,
        "architecture": "x86_64",
        "s3_bucket": stack.zappa_bucket,
        "manage_roles": True,
        "attach_policy": policy_path(stage),
        # Zappa's debug mode logs every event and returns tracebacks to the browser.
        "debug": False,
        # The packaging machine's wheels are used as they are: no download at build time.
        "use_precompiled_packages": False,
        "tags": {"project": stack.project, "stage": stage},
        # Reserved concurrency, applied by every `zappa update` (one set by hand is removed).
        "lambda_concurrency": stack.lambda_concurrency[stage],
    }


def _queue_event(function: str, queue_arn: str, batch_size: int) -> dict:
    """A Zappa SQS event source: the queue calls `function`."""
    return {
        "function": function,
        "event_source": {"arn": queue_arn, "batch_size": batch_size, "enabled": True},
    }


def _data_environment(stack: Stack) -> dict:
    environment = {"PROOFSHEET_BUCKET": stack.bucket, "PROOFSHEET_TABLE": stack.table}
    if stack.output_bucket:
        environment["PROOFSHEET_OUTPUT_BUCKET"] = stack.output_bucket
    return environment


def _django_environment(stack: Stack) -> dict:
    # Real Lambda environment variables, not Zappa's plain-text `environment_variables` in
    # the package. Secrets are not here: deploy.bootstrap sets DJANGO_SECRET_KEY and
    # DATABASE_URL on both Django functions, and `zappa update` keeps variables it does not
    # name.
    return {
        **_data_environment(stack),
        "PROOFSHEET_MODE": "aws",
        "PROOFSHEET_RENDER_QUEUE_URL": stack.render_queue_url,
        "PROOFSHEET_SITE_ORIGIN": stack.origin,
        "DJANGO_ALLOWED_HOSTS": ",".join(stack.allowed_hosts),
        # A public site: photographers are invited, not signed up by strangers.
        "PROOFSHEET_SIGNUP_ENABLED": "false",
        # Where the Zappa tasks go (gallery.dispatch.tasks.worker_task).
        "PROOFSHEET_WORKER_FUNCTION": stack.worker_function,
    }


def _django_stage(stack: Stack, stage: str) -> dict:
    return {
        **_common(stack, stage),
        "django_settings": "config.settings.production",
        # The first deploy has no secret key or database yet (deploy.bootstrap sets them
        # afterwards), so a status check would fail it; docs/deploying.md checks the page instead.
        "touch": False,
        "exclude": EXCLUDE_EVERYWHERE,
        "exclude_glob": EXCLUDE_AT_ROOT + ZAPPA_CLI_ONLY + STATIC_SOURCES + DJANGO_UNUSED,
        "aws_environment_variables": _django_environment(stack),
    }


def web_stage(stack: Stack) -> dict:
    stage = {
        **_django_stage(stack, WEB_STAGE),
        "lambda_handler": WEB_LAMBDA_HANDLER,
        "binary_support": True,
        "memory_size": WEB_MEMORY_MB,
        "timeout_seconds": WEB_TIMEOUT_S,
        "keep_warm": True,
        "log_level": "WARNING",
        # Requests only: the work off the request path goes to the worker.
        "events": [],
    }
    if stack.domain:
        stage["domain"] = stack.domain
    if stack.certificate_arn:
        stage["certificate_arn"] = stack.certificate_arn
    return stage


def worker_stage(stack: Stack) -> dict:
    return {
        **_django_stage(stack, WORKER_STAGE),
        "lambda_handler": WORKER_LAMBDA_HANDLER,
        "apigateway_enabled": False,
        "keep_warm": False,
        "memory_size": WORKER_MEMORY_MB,
        "timeout_seconds": WORKER_TIMEOUT_S,
        "ephemeral_storage": {"Size": WORKER_EPHEMERAL_STORAGE_MB},
        "log_level": "WARNING",
        # Zappa's tasks (`zappa.asynchronous.task`) invoke this function directly: no SNS
        # topic, no response table, so `async_source`/`async_resources` stay unset.
        "events": [
            {"function": WEBHOOK_SWEEP_FUNCTION, "expression": WEBHOOK_SWEEP_SCHEDULE},
            {"function": REMINDER_FUNCTION, "expression": REMINDER_SCHEDULE},
            _queue_event(OUTCOME_FUNCTION, stack.outcome_queue_arn, OUTCOME_BATCH_SIZE),
            {"function": UPLOAD_SWEEP_FUNCTION, "expression": UPLOAD_SWEEP_SCHEDULE},
        ],
    }


def processor_stage(stack: Stack) -> dict:
    return {
        **_common(stack, PROCESSOR_STAGE),
        "lambda_handler": PROCESSOR_LAMBDA_HANDLER,
        "apigateway_enabled": False,
        "keep_warm": False,
        "memory_size": PROCESSOR_MEMORY_MB,
        "timeout_seconds": PROCESSOR_TIMEOUT_S,
        "log_level": "INFO",
        # For asynchronous invocations only, which leaves the sweep's schedule (the queues
        # dead-letter their own messages): a failing sweep reaches the dead-letters alarm.
        "dead_letter_arn": stack.dead_letter_queue_arn,
        "exclude": EXCLUDE_EVERYWHERE,
        "exclude_glob": EXCLUDE_AT_ROOT
        + ZAPPA_CLI_ONLY
        + WEB_ONLY
        + PROCESSOR_NEVER_IMPORTS
        + folders_except(BOTOCORE_DATA, PROCESSOR_AWS_SERVICES),
        "aws_environment_variables": {
            **_data_environment(stack),
            # Where the processor tells the web what became of each photo.
            "PROOFSHEET_OUTCOME_QUEUE_URL": stack.outcome_queue_url,
            # Where the lost-uploads sweep asks for renders.
            "PROOFSHEET_RENDER_QUEUE_URL": stack.render_queue_url,
        },
        # No S3 event source: Zappa removes a bucket notification and puts it back on every
        # update (an upload in between is never processed) and adds an invoke permission
        # each time. The bucket notifies the ingest queue, which bootstrap owns.
        "events": [
            # S3 `ObjectCreated` under originals/, as SQS messages.
            _queue_event(PROCESSOR_FUNCTION, stack.ingest_queue_arn, INGEST_BATCH_SIZE),
            # Re-render requests from the web ({"proofsheet": "render", "keys": [...]}),
            # and S3 events moved back from the dead-letter queue.
            _queue_event(PROCESSOR_FUNCTION, stack.render_queue_arn, RENDER_BATCH_SIZE),
            {"function": LOST_UPLOADS_SWEEP_FUNCTION, "expression": LOST_UPLOADS_SWEEP_SCHEDULE},
        ],
    }


def zappa_settings(stack: Stack) -> dict:
    return {
        WEB_STAGE: web_stage(stack),
        PROCESSOR_STAGE: processor_stage(stack),
        WORKER_STAGE: worker_stage(stack),
    }


def lambda_handler(stage: dict) -> str:
    """The handler Zappa gives a stage's function in Lambda (its `lambda_handler` setting)."""
    return stage.get("lambda_handler", ZAPPA_LAMBDA_HANDLER)
