"""config.settings.production, loaded in a fresh Python as the web function loads it."""

import json
import secrets
import subprocess
import sys

from deploy.stack import REPO_DIR

SHOW = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.DEBUG, s.ALLOWED_HOSTS, s.PROOFSHEET_MODE, "
    "s.DATABASES['default']['ENGINE']]))"
)


def _load(environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=REPO_DIR,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.production",
             **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip


def test_refuses_an_unsafe_configuration_saying_what_is_wrong():
    loaded = _load({"DJANGO_DEBUG": "true", "DJANGO_SECRET_KEY": "short"})
    assert loaded.returncode != 0
    for problem in (
        "DJANGO_DEBUG must be off",
        "DJANGO_SECRET_KEY must be set",
        "PROOFSHEET_BUCKET must name",
        "PROOFSHEET_TABLE must name",
        "DATABASE_URL must point",
    ):
        assert problem in loaded.stderr


def test_starts_with_the_deployed_configuration_and_allows_api_gateways_host(
    lambda_environment, tmp_path
):
    environment = lambda_environment(
        "web",
        DJANGO_SECRET_KEY="k" * 50,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    loaded = _load(environment)
    assert loaded.returncode == 0, loaded.stderr
    debug, hosts, mode, engine = json.loads(loaded.stdout)
    assert debug is False
    assert mode == "aws"
    assert hosts == [
        *environment["DJANGO_ALLOWED_HOSTS"].split(","),
        f".execute-api.{environment['AWS_REGION']}.amazonaws.com",
    ]
    # SQLite stands in here; a real deployment gives a PostgreSQL URL (psycopg is packaged).
    assert engine == "django.db.backends.sqlite3"


def test_check_deploy_passes_with_what_is_left_off_on_purpose_silenced(
    lambda_environment, tmp_path
):
    environment = lambda_environment(
        "web",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    checked = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_DIR,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.production",
             **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr + checked.stdout
    # Each silenced warning is explained in docs/security.md.
    assert "System check identified no issues (2 silenced)." in checked.stdout
