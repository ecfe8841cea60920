"""One error shape for every API failure: {"message": "...", "status": 400, "errors": {...}}.

`message` is a sentence a person can act on; `errors` (validation failures only) maps each
field to what is wrong with it.
"""

import math

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

NOT_AUTHENTICATED = (
    "Send an API token as `Authorization: Bearer <key>` (create one under Settings → "
    "API tokens), or sign in to the site."
)


class UploadRefusedError(exceptions.APIException):
    """A file that storage holds but that is not what was announced: it has been removed, and
    sending it again cannot help (422, not 400, so a client knows not to retry)."""

    status_code = 422
    default_detail = "The file was refused."
    default_code = "upload_refused"


def _first_message(detail) -> str:
    if isinstance(detail, dict):
        for field, value in detail.items():
            message = _first_message(value)
            return message if field in ("non_field_errors", "detail") else f"{field}: {message}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def _message(exc, detail) -> str:
    if isinstance(exc, exceptions.NotAuthenticated):
        return NOT_AUTHENTICATED
    if isinstance(exc, exceptions.Throttled):
        wait = f" Try again in {math.ceil(exc.wait)} seconds." if exc.wait is not None else ""
        return "Too many requests with this API token." + wait
    if isinstance(exc, exceptions.NotFound) and str(exc.detail) == str(
        exceptions.NotFound.default_detail
    ):
        return "Nothing here: the id is wrong, or it is not this account's."
    return _first_message(detail)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    body = {"message": _message(exc, detail), "status": response.status_code}
    if isinstance(detail, dict) and set(detail) - {"detail"}:
        body["errors"] = detail
    response.data = body
    return response


@csrf_exempt  # a POST to no endpoint is answered 404 in JSON, not refused as a forgery
def not_found(request, *args, **kwargs):
    """Answers any /api/ path that names no endpoint, in the same shape as the rest."""
    return JsonResponse(
        {
            "message": (
                f"No API endpoint at {request.path}. Paths end with a slash; "
                "the list of endpoints is at /api/docs/."
            ),
            "status": 404,
        },
        status=404,
    )
