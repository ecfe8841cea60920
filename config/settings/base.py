"""Settings shared by every environment. Values come from `config.env.ENV`."""

from datetime import timedelta

from csp.constants import NONCE, NONE, SELF

from config.env import BASE_DIR, ENV

BASE_DIR = BASE_DIR
PROOFSHEET_MODE = ENV.mode
SECRET_KEY = ENV.secret_key
DEBUG = bool(ENV.debug)
ALLOWED_HOSTS = ENV.allowed_hosts

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "csp",
    "gallery",
    "sharing",
    "proofs_api",
]

MIDDLEWARE = [
    # First, so it compresses what every other middleware returned (text only: never images).
    "core.compression.TextGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.static.StaticFilesMiddleware",
    "gallery.csp.StorageCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.PhotographerTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# A strict policy on every response (docs/security.md): scripts and styles from this site
# or with the response's nonce, nothing inline otherwise, no framing; images from this
# site, data: placeholders, and in AWS mode the bucket (added by StorageCSPMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.site",
            ],
        },
    },
]

# Local workers write from their own threads and processes: wait for locks rather than fail.
# WAL lets the web processes read while a worker writes (and a worker write while pages are
# read); with it, NORMAL syncs at checkpoints, not at every commit, and still never corrupts.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ENV.data_dir / "proofsheet.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,
    }
}
if ENV.database_url:
    import dj_database_url

    DATABASES["default"] = dj_database_url.parse(ENV.database_url, conn_max_age=60)
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "gallery:list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]


def storages_for(
    mode: str,
    *,
    bucket: str = ENV.bucket,
    region: str = ENV.region,
    endpoint_url: str = ENV.aws_endpoint_url,
) -> dict:
    """Where originals and renditions live: a private folder locally, a private bucket on AWS."""
    if mode == "aws":
        default = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "region_name": region,
                "endpoint_url": endpoint_url or None,
                "default_acl": None,
                "querystring_auth": True,
                "querystring_expire": 600,
                "file_overwrite": False,
                "signature_version": "s3v4",
                # Virtual-host addressing on AWS; a local endpoint (moto) only takes paths.
                "addressing_style": "path" if endpoint_url else "virtual",
            },
        }
    else:
        # Never under STATIC or MEDIA URLs: files leave only through signed views.
        default = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": ENV.data_dir / "storage", "base_url": None},
        }
    return {
        "default": default,
        "staticfiles": {"BACKEND": "config.staticfiles.StaticFilesStorage"},
    }


STORAGES = storages_for(PROOFSHEET_MODE)

# Proofsheet's own settings; `gallery.checks` validates them at start-up.
PROOFSHEET_DATA_DIR = ENV.data_dir
PROOFSHEET_SITE_ORIGIN = ENV.site_origin
PROOFSHEET_SIGNUP_ENABLED = ENV.signup_enabled
PROOFSHEET_MAX_UPLOAD_BYTES = ENV.max_upload_bytes
PROOFSHEET_LOCAL_WORKER = ENV.local_worker
# Local mode under `make run` (`manage.py run_local`): processes that process uploads, how
# long a worker holds a job it took before another may take it, and the web server's
# processes and threads (docs/operations.md).
PROOFSHEET_LOCAL_WORKERS = ENV.local_workers
PROOFSHEET_LOCAL_JOB_LEASE_SECONDS = ENV.local_job_lease_seconds
PROOFSHEET_WEB_PROCESSES = ENV.web_processes
PROOFSHEET_WEB_THREADS = ENV.web_threads
PROOFSHEET_BUCKET = ENV.bucket
PROOFSHEET_OUTPUT_BUCKET = ENV.output_bucket
PROOFSHEET_TABLE = ENV.table
PROOFSHEET_REGION = ENV.region
PROOFSHEET_RENDER_QUEUE_URL = ENV.render_queue_url
# AWS: the Lambda function that runs Zappa tasks (gallery.dispatch.tasks.worker_task);
# empty runs them in the calling function (or in place, outside Lambda).
PROOFSHEET_WORKER_FUNCTION = ENV.worker_function
PROOFSHEET_AWS_ENDPOINT_URL = ENV.aws_endpoint_url
PROOFSHEET_PROCESSOR_ENV = ENV.processor_environ  # Options.from_env reads this mapping
PROOFSHEET_IMAGE_URL_SECONDS = 300
# The client page draws and signs this many tiles; the rest load as the client scrolls.
# A screenful with room to spare: a phone shows about 16 (2 a row of 118 px), a 1920 px
# desktop 30 to 40 landscape tiles below the cover, a 2560 x 1440 one about 56.
PROOFSHEET_CLIENT_FIRST_TILES = 60
# ZIP exports stream to S3 in parts of this size, this many uploading at once while the
# next fills: the memory an export holds (sharing.exports), and a 156 GiB cap on one
# archive (S3 takes 10,000 parts).
PROOFSHEET_EXPORT_PART_BYTES = 16 * 1024 * 1024
PROOFSHEET_EXPORT_PARALLEL_PARTS = 4
PROOFSHEET_UPLOAD_TARGET_SECONDS = 3600
# An upload still awaited this long after its last form was handed out was abandoned (the
# browser closed, a form never used): the sweep (gallery.sweep) removes its row and any
# bytes that arrived. Longer than a form stays valid plus a slow upload of the largest file.
PROOFSHEET_UPLOAD_SWEEP_AFTER = timedelta(seconds=ENV.upload_sweep_after_seconds)
# The photos accepted, one source for the checks, the import command and the upload page:
# content type -> (the name shown to people, the file-name extensions).
PROOFSHEET_ACCEPTED_TYPES = {
    "image/jpeg": ("JPEG", (".jpg", ".jpeg")),
    "image/png": ("PNG", (".png",)),
    "image/webp": ("WebP", (".webp",)),
    "image/tiff": ("TIFF", (".tif", ".tiff")),
    "image/gif": ("GIF", (".gif",)),
    "image/bmp": ("BMP", (".bmp",)),
    "image/heic": ("HEIC", (".heic",)),
    "image/heif": ("HEIC", (".heif",)),  # the same family, named as cameras and phones do
}

# Webhooks: attempt n waits RETRY_DELAYS[n - 1] after the one before it (at once, then
# after 1 and 5 minutes; three attempts in all). Deliveries to private addresses (this
# machine, the local network) are refused unless DEBUG or the setting below allows them.
PROOFSHEET_WEBHOOK_RETRY_DELAYS = (timedelta(0), timedelta(minutes=1), timedelta(minutes=5))
PROOFSHEET_WEBHOOK_ALLOW_PRIVATE_HOSTS = False

EMAIL_BACKEND = ENV.email_backend or "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = ENV.email_host
EMAIL_PORT = ENV.email_port
EMAIL_HOST_USER = ENV.email_user
EMAIL_HOST_PASSWORD = ENV.email_password
EMAIL_USE_TLS = ENV.email_use_tls
EMAIL_TIMEOUT = ENV.email_timeout
DEFAULT_FROM_EMAIL = ENV.default_from_email

REST_FRAMEWORK = {
    # Token first: its challenge makes a request without credentials a 401, not a 403.
    # The session stays for the site's own JavaScript, with CSRF checks.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "proofs_api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["proofs_api.throttling.ApiTokenRateThrottle"],
    # 10 a second on average: a script uploading thousands of photos (three calls each)
    # keeps going; a runaway loop is stopped.
    "DEFAULT_THROTTLE_RATES": {"api_token": "600/minute"},
    # JSON bodies only: form encodings carry every value as text ("0" for false, "" for
    # null), which the schema's types cannot describe; files go to upload targets instead.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "proofs_api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "proofs_api.schema.ProofsAutoSchema",
    "EXCEPTION_HANDLER": "proofs_api.errors.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Proofsheet API",
    "DESCRIPTION": (
        "Galleries, photos, uploads, share links, selections and webhooks: what a "
        "photographer does on the site, for integrations.\n\n"
        "Authenticate with an API token from Settings → API tokens, as "
        "`Authorization: Bearer <key>`. Every id belongs to the token's photographer; "
        "any other id answers 404. Errors are JSON: `{message, status, errors}`, where "
        "`errors` (for invalid input) maps each field to what is wrong with it. Lists "
        "come in pages: follow `next` until it is null."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    # Applies the API views' annotations, which they record (proofs_api.openapi).
    "DEFAULT_GENERATOR_CLASS": "proofs_api.schema.ProofsSchemaGenerator",
    "COMPONENT_SPLIT_REQUEST": True,
    # The documentation's assets come from drf-spectacular-sidecar, served by this site.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "TAGS": [
        {"name": "galleries", "description": "Galleries, their photos, uploads and sharing."},
        {"name": "photos", "description": "One photo: status, renditions, upload steps."},
        {"name": "links", "description": "Share links: the addresses clients open."},
        {"name": "selections", "description": "What each client chose, and unlocking it."},
        {"name": "webhooks", "description": "URLs told about events, signed."},
        {"name": "deliveries", "description": "Each webhook delivery and its attempts."},
        {"name": "tokens", "description": "API tokens: list and revoke."},
    ],
    "ENUM_NAME_OVERRIDES": {
        "DownloadPolicyEnum": "gallery.models.Gallery.DownloadPolicy",
        "ReleaseEnum": "gallery.models.Gallery.Release",
        "PhotoOrderingEnum": "gallery.models.Gallery.Ordering",
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Every handler redacts share tokens (sharing.logs); `django.server` (runserver's access
# log) keeps Django's format but goes through the same filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"share_tokens": {"()": "sharing.logs.RedactShareTokens"}},
    "formatters": {
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["share_tokens"]},
        "server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "filters": ["share_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django": {"level": "INFO"},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "botocore": {"level": "WARNING"},
    },
}
