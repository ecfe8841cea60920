"""Configuration mistakes caught at start-up, not at the first upload."""

from django.conf import settings
from django.core.checks import Error, Tags, register

MODES = ("local", "aws")


@register(Tags.compatibility)
def check_proofsheet_settings(app_configs=None, **kwargs):
    errors = []
    mode = settings.PROOFSHEET_MODE
    if mode not in MODES:
        errors.append(
            Error(
                f"PROOFSHEET_MODE is {mode!r}; it must be 'local' or 'aws'.",
                hint="Set the PROOFSHEET_MODE environment variable to local (default) or aws.",
                id="proofsheet.E001",
            )
        )
    if mode == "aws":
        for name in ("PROOFSHEET_BUCKET", "PROOFSHEET_TABLE"):
            if not getattr(settings, name):
                errors.append(
                    Error(
                        f"{name} is empty, and aws mode needs it.",
                        hint=f"Set the {name} environment variable.",
                        id="proofsheet.E002",
                    )
                )
        if settings.STORAGES["default"]["BACKEND"] != "storages.backends.s3.S3Storage":
            errors.append(
                Error(
                    "aws mode keeps originals in S3, but STORAGES['default'] is not S3Storage.",
                    id="proofsheet.E003",
                )
            )
    if settings.PROOFSHEET_MAX_UPLOAD_BYTES <= 0:
        errors.append(Error("PROOFSHEET_MAX_UPLOAD_BYTES must be positive.", id="proofsheet.E004"))
    if settings.PROOFSHEET_UPLOAD_SWEEP_AFTER.total_seconds() <= (
        settings.PROOFSHEET_UPLOAD_TARGET_SECONDS
    ):
        errors.append(
            Error(
                "PROOFSHEET_UPLOAD_SWEEP_AFTER_SECONDS is not longer than an upload form stays "
                f"valid ({settings.PROOFSHEET_UPLOAD_TARGET_SECONDS} s): uploads in progress "
                "would be swept away.",
                hint="Leave it unset (6 hours) or set it well above the form's lifetime.",
                id="proofsheet.E007",
            )
        )
    errors += _export_errors()
    errors += _local_run_errors()
    return errors


def _below_least(least: dict[str, int], *, error_id: str) -> list[Error]:
    """An error (`error_id`) for each setting of `least` below its minimum."""
    return [
        Error(f"{name} must be at least {minimum}.", id=error_id)
        for name, minimum in least.items()
        if getattr(settings, name) < minimum
    ]


def _local_run_errors() -> list[Error]:
    least = {
        "PROOFSHEET_LOCAL_WORKERS": 0,  # 0: `make run` processes nothing
        "PROOFSHEET_LOCAL_JOB_LEASE_SECONDS": 1,
        "PROOFSHEET_WEB_PROCESSES": 1,
        "PROOFSHEET_WEB_THREADS": 1,
    }
    return _below_least(least, error_id="proofsheet.E008")


def _export_errors() -> list[Error]:
    from .aws import MIN_PART_BYTES  # boto3: only when the checks run, never at start-up

    errors = []
    if settings.PROOFSHEET_EXPORT_PART_BYTES < MIN_PART_BYTES:
        errors.append(
            Error(
                f"PROOFSHEET_EXPORT_PART_BYTES is {settings.PROOFSHEET_EXPORT_PART_BYTES}; "
                f"S3 takes parts of at least {MIN_PART_BYTES} bytes.",
                id="proofsheet.E005",
            )
        )
    least = {"PROOFSHEET_EXPORT_PARALLEL_PARTS": 1}
    return errors + _below_least(least, error_id="proofsheet.E006")
