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
    except (binascii.Error, UnicodeError, ValueError):
        photo_id = ""
    if not PHOTO_ID.fullmatch(photo_id):
        raise ValidationError({"cursor": "This cursor is not one we issued: take it from `next`."})
    return photo_id


def page_params(request) -> tuple[int, str | None]:
    size = _whole_number(request, "page_size", low=1, high=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE)
    cursor = request.query_params.get("cursor")
    return size, decode_cursor(cursor) if cursor else None


def paged_response(request, results: list, last_id: str | None) -> Response:
    url = request.build_absolute_uri()
    next_url = replace_query_param(url, "cursor", encode_cursor(last_id)) if last_id else None
    return Response(
        {"next": next_url, "results": results, "first": remove_query_param(url, "cursor")}
    )


def _whole_number(request, name: str, *, low: int, high: int | None, default: int) -> int:
    """The query's value as the schema states it; anything else is a 400, never a guess."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    upper = f" to {high}" if high else " or more"
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if value < low or (high is not None and value > high):
        raise ValidationError({name: f"A whole number from {low}{upper}."})
    return value


class PagePagination(PageNumberPagination):
    """Lists kept in the web database (galleries, tokens, webhooks, deliveries). `page` and
    `page_size` are checked as the schema states them (400 otherwise); a page after the
    last is empty rather than an error."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return _whole_number(
            request, "page_size", low=1, high=MAX_PAGE_SIZE, default=self.page_size
        )

    def paginate_queryset(self, queryset, request, view=None):  # noqa: ARG002 - DRF's signature
        self.request = request
        number = _whole_number(request, self.page_query_param, low=1, high=None, default=1)
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        if number > paginator.num_pages:
            self.page = paginator.page(paginator.num_pages)  # for count and links
            self.page.number, self.page.object_list = number, []
        else:
            self.page = paginator.page(number)
        return list(self.page)

    def get_previous_link(self):
        last = self.page.paginator.num_pages
        if self.page.number > last:  # after the last page: back to the last one
            url = self.request.build_absolute_uri()
            return replace_query_param(url, self.page_query_param, last)
        return super().get_previous_link()

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        limits = {"page": {"minimum": 1}, "page_size": {"minimum": 1, "maximum": MAX_PAGE_SIZE}}
        for parameter in parameters:
            parameter["schema"].update(limits.get(parameter["name"], {}))
        return parameters
