"""AWS mode behind API Gateway (Zappa). Refuses to start with an unsafe configuration."""

from django.core.exceptions import ImproperlyConfigured
from django.urls import get_script_prefix

from config.env import ENV
from config.staticfiles import StaticFilesStorage

from .base import *  # noqa: F403
from .base import storages_for

PROOFSHEET_MODE = "aws"
STORAGES = storages_for("aws")

_problems = []
if ENV.debug:
    _problems.append("DJANGO_DEBUG must be off in production.")
if len(ENV.secret_key) < 32:
    _problems.append("DJANGO_SECRET_KEY must be set to a random string of at least 32 characters.")
if not ENV.bucket:
    _problems.append("PROOFSHEET_BUCKET must name the private bucket for originals.")
if not ENV.table:
    _problems.append("PROOFSHEET_TABLE must name the DynamoDB table for photo records.")
if not ENV.database_url:
    _problems.append("DATABASE_URL must point at the PostgreSQL database.")
if _problems:
    raise ImproperlyConfigured("Unsafe production configuration:\n- " + "\n- ".join(_problems))

DEBUG = False
# API Gateway's own host answers before a custom domain is set up.
ALLOWED_HOSTS = [*ENV.allowed_hosts, f".execute-api.{ENV.region}.amazonaws.com"]
CSRF_TRUSTED_ORIGINS = [ENV.site_origin]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
# Only hosts under the site's own name (e.g. *.proofs.example.com), never its siblings.
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Left off on purpose (docs/security.md, "manage.py check --deploy"):
# W008 SECURE_SSL_REDIRECT: API Gateway has no plain-HTTP listener, so no request can arrive
#   over HTTP; a redirect would only loop if a proxy ever dropped X-Forwarded-Proto.
# W021 SECURE_HSTS_PRELOAD: preloading binds the whole registrable domain (the studio's, not
#   ours) for years; the owner of that domain opts in, not the software.
SILENCED_SYSTEM_CHECKS = ["security.W008", "security.W021"]
EMAIL_BACKEND = ENV.email_backend or "django.core.mail.backends.smtp.EmailBackend"


class StagePrefixedStaticFilesStorage(StaticFilesStorage):
    """Static URLs under the request's script prefix, worked out at each request.

    Behind API Gateway without a custom domain every URL carries the stage ("/web/...").
    Django adds the script prefix to a relative STATIC_URL only once, at its first use
    (WhiteNoise's start-up, before any request), so the links would miss the stage.
    Through a custom domain the prefix is "/" and the URLs are the usual ones.
    """

    def url(self, name, force=False):
        return get_script_prefix().rstrip("/") + super().url(name, force)


STATIC_URL = "/static/"  # WhiteNoise serves it; API Gateway has stripped the stage already
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "config.settings.production.StagePrefixedStaticFilesStorage"
}
