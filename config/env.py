"""Every environment variable Proofsheet reads, read here and nowhere else.

Settings modules import `ENV`; code outside settings reads `django.conf.settings`.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from lambda_processor.options import ENV_VARIABLES

BASE_DIR = Path(__file__).resolve().parent.parent

MODES = ("local", "aws")


def _bool(value: str | None, default: bool | None) -> bool | None:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.strip() else default


def _cores() -> int:
    """The cores this process may use (a container's or taskset's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS has no affinity call
        return os.cpu_count() or 1


def _list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@dataclass(frozen=True)
class Env:
    mode: str
    secret_key: str
    debug: bool | None  # None: not set, each settings module picks its default
    allowed_hosts: list[str]
    database_url: str
    data_dir: Path
    site_origin: str
    signup_enabled: bool
    max_upload_bytes: int
    upload_sweep_after_seconds: int
    local_worker: bool
    local_workers: int
    local_job_lease_seconds: int
    web_processes: int
    web_threads: int
    bucket: str
    output_bucket: str
    table: str
    region: str
    render_queue_url: str
    worker_function: str
    aws_endpoint_url: str
    email_backend: str
    email_host: str
    email_port: int
    email_user: str
    email_password: str
    email_use_tls: bool
    email_timeout: int
    default_from_email: str
    # The processor's own variables (`lambda_processor.options`), for the local worker.
    processor_environ: dict[str, str]


def read(environ=os.environ) -> Env:
    data_dir = Path(environ.get("PROOFSHEET_DATA_DIR") or BASE_DIR / "var")
    bucket = environ.get("PROOFSHEET_BUCKET", "")
    return Env(
        mode=environ.get("PROOFSHEET_MODE", "local").strip().lower() or "local",
        secret_key=environ.get("DJANGO_SECRET_KEY", ""),
        debug=_bool(environ.get("DJANGO_DEBUG"), default=None),
        allowed_hosts=_list(environ.get("DJANGO_ALLOWED_HOSTS")),
        database_url=environ.get("DATABASE_URL", ""),
        data_dir=data_dir,
        site_origin=environ.get("PROOFSHEET_SITE_ORIGIN", "http://127.0.0.1:8000").rstrip("/"),
        signup_enabled=_bool(environ.get("PROOFSHEET_SIGNUP_ENABLED"), default=True),
        max_upload_bytes=int(environ.get("PROOFSHEET_MAX_UPLOAD_BYTES") or 200 * 1024 * 1024),
        # An upload still awaited this long after its form was handed out is swept away.
        upload_sweep_after_seconds=_int(
            environ.get("PROOFSHEET_UPLOAD_SWEEP_AFTER_SECONDS"), default=6 * 60 * 60
        ),
        local_worker=_bool(environ.get("PROOFSHEET_LOCAL_WORKER"), default=True),
        local_workers=_int(environ.get("PROOFSHEET_LOCAL_WORKERS"), default=_cores()),
        local_job_lease_seconds=_int(environ.get("PROOFSHEET_LOCAL_JOB_LEASE_SECONDS"), 120),
        web_processes=_int(environ.get("PROOFSHEET_WEB_PROCESSES"), default=_cores()),
        web_threads=_int(environ.get("PROOFSHEET_WEB_THREADS"), default=4),
        bucket=bucket,
        output_bucket=environ.get("PROOFSHEET_OUTPUT_BUCKET") or bucket,
        table=environ.get("PROOFSHEET_TABLE", ""),
        region=environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or "us-east-1",
        render_queue_url=environ.get("PROOFSHEET_RENDER_QUEUE_URL", ""),
        worker_function=environ.get("PROOFSHEET_WORKER_FUNCTION", ""),
        aws_endpoint_url=environ.get("AWS_ENDPOINT_URL", ""),
        email_backend=environ.get("DJANGO_EMAIL_BACKEND", ""),
        email_host=environ.get("DJANGO_EMAIL_HOST", "localhost"),
        email_port=int(environ.get("DJANGO_EMAIL_PORT") or 25),
        email_user=environ.get("DJANGO_EMAIL_HOST_USER", ""),
        email_password=environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
        email_use_tls=_bool(environ.get("DJANGO_EMAIL_USE_TLS"), default=False),
        # Seconds: a slow mail server must not hold a request past API Gateway's 29 s.
        email_timeout=_int(environ.get("DJANGO_EMAIL_TIMEOUT"), default=10),
        default_from_email=environ.get(
            "DJANGO_DEFAULT_FROM_EMAIL", "Proofsheet <proofs@localhost>"
        ),
        processor_environ={name: environ[name] for name in ENV_VARIABLES if name in environ},
    )


ENV = read()
