"""The web function's Lambda handler (the web stage's `lambda_handler` in zappa_settings).

Lambda calls this rather than Zappa's `handler.lambda_handler`, whose module loads werkzeug,
asyncio and boto3 (through zappa.utilities) before Django starts: about 0.4 s of CPU in
every new instance. apig-wsgi turns API Gateway's proxy events into WSGI requests (multi-value
headers and query strings, base64 bodies both ways); Zappa still deploys the function, the
API and the keep-warm schedule. What Zappa's handler did besides, kept here:

- behind API Gateway's own URL (`<api>.execute-api.<region>.amazonaws.com/web/...`) every path
  carries the stage: it becomes the script name, so Django's URLs carry it too;
- the client's address is the one API Gateway saw (`requestContext.identity.sourceIp`);
- cookies sent as several header lines (HTTP/2) are joined with "; ";
- text responses go as text, everything else base64 (the API's binary media type is `*/*`);
- keep-warm schedules, `zappa manage web ...` and `zappa invoke web --raw ...`
  (config.lambda_commands).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from config import startup

startup.init_started()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

from apig_wsgi import make_lambda_handler  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

from config import lambda_commands  # noqa: E402

logger = logging.getLogger(__name__)

# Zappa's text types (zappa.utilities.DEFAULT_TEXT_MIMETYPES): answered as text, unless
# compressed (Content-Encoding), like every other type, base64.
TEXT_TYPES = (
    "text/",
    "application/json",
    "application/javascript",
    "application/ecmascript",
    "application/xml",
    "application/xml-external-parsed-entity",
    "application/xml-dtd",
    "image/svg+xml",
)
# What rest_framework.compat imports whenever it is installed, for Django REST framework's
# own OpenAPI renderer and generator, which the site never uses: drf-spectacular imports both
# itself, with the schema (/api/schema/). Every new instance's first page loads DRF.
DRF_UNUSED_OPTIONAL = ("yaml", "uritemplate")
INTERNAL_ERROR = {
    "statusCode": 500,
    "headers": {"Content-Type": "text/plain; charset=utf-8"},
    "body": "Internal server error",
    "isBase64Encoded": False,
}


def behind_api_gateway(app):
    """`app` with the WSGI environ completed as Zappa completed it (see the module's doc)."""

    def wsgi(environ: dict, start_response):
        event = environ["apig_wsgi.full_event"]
        context = event.get("requestContext") or {}
        # REST API events (what Zappa deploys) give the path without the stage.
        api_url = "amazonaws.com" in environ.get("HTTP_HOST", "") and "httpMethod" in event
        if api_url and context.get("stage"):
            environ["SCRIPT_NAME"] = f"/{context['stage']}"
        source_ip = (context.get("identity") or {}).get("sourceIp")
        if source_ip:
            environ["REMOTE_ADDR"] = source_ip
        cookies = [
            value
            for name, values in (event.get("multiValueHeaders") or {}).items()
            if name.lower() == "cookie"
            for value in values
        ]
        if cookies:
            environ["HTTP_COOKIE"] = "; ".join(cookies)
        return app(environ, start_response)

    return wsgi


def import_drf_without(names: tuple[str, ...]) -> None:
    """Imports rest_framework.compat as if `names` were not installed (a None in sys.modules
    fails an import), then lets them be imported as usual."""
    hidden = [name for name in names if name not in sys.modules]
    sys.modules.update(dict.fromkeys(hidden))
    try:
        import rest_framework.compat  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


# Once per cold start, in Lambda's init: Django set up, its middleware loaded.
import_drf_without(DRF_UNUSED_OPTIONAL)
serve = make_lambda_handler(
    behind_api_gateway(get_wsgi_application()),
    binary_support=True,
    non_binary_content_type_prefixes=TEXT_TYPES,
)
startup.init_finished()


def is_http(event: dict[str, Any]) -> bool:
    """An API Gateway proxy request (REST API v1, or HTTP API v2)."""
    return "httpMethod" in event or event.get("version") == "2.0"


def lambda_handler(event: dict[str, Any], context: Any) -> Any:
    if not is_http(event):
        return lambda_commands.handle(event, context)
    try:
        return serve(event, context)
    except Exception:
        # Django answers its views' errors itself; this is an event it could not take.
        logger.exception({"event": "request", "path": event.get("path"), "outcome": "error"})
        return INTERNAL_ERROR
