"""Photo lists page through the record table: one Query per page, a cursor in between."""

import base64
import binascii
import re

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

PHOTO_ID = re.compile(r"[0-9a-f]{32}")
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


def encode_cursor(photo_id: str) -> str:
    return base64.urlsafe_b64encode(photo_id.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    """The photo id a cursor continues after; anything else is refused rather than guessed
    at, since it becomes the table's start key."""
    try:
        photo_id = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        photo_id = ""
    if not PHOTO_ID.fullmatch(photo_id):
        raise ValidationError({"cursor": "This cursor is not one we issued: take it from `next`."})
    return photo_id


def page_params(request) -> tuple[int, str | None]:
    raw = request.query_params.get("page_size") or DEFAULT_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError as error:
        raise ValidationError({"page_size": "A whole number from 1 to 500."}) from error
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": "A whole number from 1 to 500."})
    cursor = request.query_params.get("cursor")
    return size, decode_cursor(cursor) if cursor else None


def paged_response(request, results: list, last_id: str | None) -> Response:
    url = request.build_absolute_uri()
    next_url = replace_query_param(url, "cursor", encode_cursor(last_id)) if last_id else None
    return Response(
        {"next": next_url, "results": results, "first": remove_query_param(url, "cursor")}
    )


class PagePagination(PageNumberPagination):
    """Lists kept in the web database (galleries, tokens, webhooks, deliveries)."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
