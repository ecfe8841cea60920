"""Query-string filters for the longer lists, each describing itself in the schema."""

from rest_framework import filters
from rest_framework.exceptions import ValidationError

from lambda_processor import records as schema

from .models import Delivery

# A photo's status as the API shows it: "uploading" until its file arrives, then the record's.
PHOTO_STATUSES = [
    "uploading",
    schema.STATUS_PROCESSING,
    schema.STATUS_PROCESSED,
    schema.STATUS_FAILED,
]


def _boolean(request, name: str) -> bool | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    if value.lower() in ("true", "1"):
        return True
    if value.lower() in ("false", "0"):
        return False
    raise ValidationError({name: "Use true or false."})


def _parameter(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "required": False,
        "in": "query",
        "description": description,
        "schema": schema,
    }


class ArchivedFilter(filters.BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        archived = _boolean(request, "archived")
        if archived is None:
            return queryset
        return queryset.filter(archived_at__isnull=not archived)

    def get_schema_operation_parameters(self, view):
        return [
            _parameter(
                "archived",
                "true: only archived galleries; false: only current ones; absent: both.",
                {"type": "boolean"},
            )
        ]


class StableOrderingFilter(filters.OrderingFilter):
    """Orders as asked, then by id, so that pages never repeat or skip a row."""

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view) or []
        return queryset.order_by(*ordering, "pk")


class DeliveryFilter(filters.BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        params = request.query_params
        if params.get("webhook"):
            queryset = queryset.filter(webhook_id=params["webhook"])
        if params.get("event"):
            queryset = queryset.filter(event=params["event"])
        state = params.get("state")
        if state:
            if state not in Delivery.State.values:
                raise ValidationError({"state": f"Use one of {', '.join(Delivery.State.values)}."})
            queryset = queryset.filter(state=state)
        return queryset

    def get_schema_operation_parameters(self, view):
        return [
            _parameter("webhook", "Only this webhook's deliveries (its id).", {"type": "string"}),
            _parameter("event", "Only deliveries of this event.", {"type": "string"}),
            _parameter(
                "state",
                "Only deliveries in this state.",
                {"type": "string", "enum": list(Delivery.State.values)},
            ),
        ]


def photo_statuses(request) -> set[str] | None:
    """The statuses a photo list asks for (`?status=uploading&status=processing`), or None
    for every photo: the workspace polls only the photos that are still on their way."""
    statuses = set(request.query_params.getlist("status"))
    if not statuses:
        return None
    if not statuses <= set(PHOTO_STATUSES):
        raise ValidationError({"status": f"Use one or more of {', '.join(PHOTO_STATUSES)}."})
    return statuses
