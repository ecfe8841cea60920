"""`make run`: local mode on this machine, no AWS account needed."""

from config.env import ENV

from .base import *  # noqa: F403

DEBUG = True if ENV.debug is None else ENV.debug
SECRET_KEY = ENV.secret_key or "local-development-only-not-secret"
ALLOWED_HOSTS = ENV.allowed_hosts or ["127.0.0.1", "localhost"]
EMAIL_BACKEND = ENV.email_backend or "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
ENV.data_dir.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
