"""The test suite: fast hashing, in-memory mail, a throw-away data folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import storages_for

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

PROOFSHEET_MODE = "local"
PROOFSHEET_DATA_DIR = Path(tempfile.mkdtemp(prefix="proofsheet-test-"))
PROOFSHEET_LOCAL_WORKER = False  # tests start the worker they need
STORAGES = storages_for("local")
STORAGES["default"]["OPTIONS"]["location"] = PROOFSHEET_DATA_DIR / "storage"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# A file, not :memory:, so the local worker's thread sees the same database.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": PROOFSHEET_DATA_DIR / "db.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,  # noqa: F405
        "TEST": {"NAME": str(PROOFSHEET_DATA_DIR / "test.sqlite3")},
    }
}
PROOFSHEET_DATA_DIR.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
