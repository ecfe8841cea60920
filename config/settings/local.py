"""`make run`: local mode on this machine, no AWS account needed."""

from config.env import ENV

from .base import *  # noqa: F403

# Off unless DJANGO_DEBUG=1: `make run` is the product a photographer runs (its clients may
# reach it over the network), and Django's debug pages would show them settings and code.
# It costs little speed either way (bench/bench_web.py prints which one it measured).
DEBUG = False if ENV.debug is None else ENV.debug
SECRET_KEY = ENV.secret_key or "local-development-only-not-secret"
ALLOWED_HOSTS = ENV.allowed_hosts or ["127.0.0.1", "localhost"]
EMAIL_BACKEND = ENV.email_backend or "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
ENV.data_dir.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A webhook to this machine or the local network is what local mode is for (DEBUG allowed
# it before DEBUG was off by default).
PROOFSHEET_WEBHOOK_ALLOW_PRIVATE_HOSTS = True
# Each gunicorn thread keeps its SQLite connection between requests (as a DATABASE_URL's
# does): opening one per request cost every page its schema read and WAL set-up again.
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)  # noqa: F405
