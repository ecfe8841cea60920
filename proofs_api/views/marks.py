"""The clients' proofing marks under /api/galleries/{id}/: the filterable list of marked
photos, the XMP sidecars as a ZIP, and which marks the clients see. Rules and reads live
in `sharing`; these views look up and hand off."""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from sharing import exports as sharing_exports
from sharing import marks as sharing_marks
from sharing import services as sharing_services
from sharing.models import Label

from ..openapi import extend_schema
from ..serializers.marks import MarkRowSerializer, MarkSettingsSerializer
from .base import validated

MARK_FILTER_PARAMETERS = [
    OpenApiParameter(
        "visitor", OpenApiTypes.STR, many=True, description="Only these clients (their ids)."
    ),
    OpenApiParameter(
        "favourite", OpenApiTypes.BOOL, description="true: photos marked as favourite."
    ),
    OpenApiParameter(
        "label",
        OpenApiTypes.STR,
        many=True,
        enum=Label.values,
        description="Photos with one of these colour labels (repeat it for several).",
    ),
    OpenApiParameter(
        "min_stars",
        {"type": "integer", "minimum": 0, "maximum": 5},
        description="Photos with at least this many stars.",
    ),
    OpenApiParameter("rejected", OpenApiTypes.BOOL, description="true: rejected photos."),
    OpenApiParameter(
        "submitted", OpenApiTypes.BOOL, description="true: only submitted selections."
    ),
]
FILTER_NOTE = (
    " The mark criteria (favourite, label, min_stars, rejected) add up: `label=green&"
    "min_stars=4` is green or 4+ stars; without any, every marked or commented photo."
)


class ZipRenderer(BaseRenderer):
    """Lets a client ask for `application/zip`; errors still come as JSON."""

    media_type = "application/zip"
    format = "zip"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else json.dumps(data).encode()


class GalleryMarkActions:
    """Mixed into the gallery view set, so these live under /api/galleries/{id}/."""

    @extend_schema(
        summary="List the clients' marked photos",
        description="Per photo (gallery order) and client: favourite (Lightroom's pick), "
        "colour label, stars, reject and comments." + FILTER_NOTE,
        parameters=MARK_FILTER_PARAMETERS,
        responses=MarkRowSerializer(many=True),
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def marks(self, request, pk=None):
        gallery = self.get_object()
        mark_filter = sharing_marks.mark_filter_from_query(request.query_params)
        rows = sharing_marks.mark_rows(gallery=gallery, mark_filter=mark_filter)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(MarkRowSerializer(page, many=True).data)

    @extend_schema(
        summary="Download the marks as XMP sidecars",
        description="A ZIP of sidecars to place beside the raw files, read by Lightroom "
        "Classic (Metadata › Read Metadata from Files), Bridge and Capture One." + FILTER_NOTE,
        parameters=[
            *MARK_FILTER_PARAMETERS,
            OpenApiParameter(
                "winner",
                OpenApiTypes.STR,
                description="Where clients disagree on a photo, this client's marks win "
                "(their id). Otherwise the filter's one client, or else submitted "
                "selections first, then the earliest client.",
            ),
            OpenApiParameter(
                "naming",
                OpenApiTypes.STR,
                enum=["stem", "darktable"],
                description="stem (default): IMG_0042.xmp, as Lightroom, Bridge and Capture "
                "One look for; darktable: IMG_0042.CR3.xmp.",
            ),
        ],
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="`<original file stem>.xmp` per photo with a colour label, "
                "stars or a reject: `xmp:Rating` (stars, -1 rejected), `xmp:Label`.",
            )
        },
    )
    @action(
        detail=True,
        methods=["get"],
        filter_backends=[],
        pagination_class=None,
        renderer_classes=[JSONRenderer, ZipRenderer],
    )
    def xmp(self, request, pk=None):
        gallery = self.get_object()
        mark_filter = sharing_marks.mark_filter_from_query(request.query_params)
        rows = sharing_marks.mark_rows(gallery=gallery, mark_filter=mark_filter)
        winner = request.query_params.get("winner")
        if not winner and len(mark_filter.visitor_ids) == 1:
            winner = next(iter(mark_filter.visitor_ids))
        rows = sharing_marks.winning_rows(rows, winner_id=winner)
        naming = sharing_marks.sidecar_naming_from_query(request.query_params)
        return sharing_exports.xmp_export(
            gallery=gallery, rows=rows, filename=f"xmp-{gallery.pk}.zip", naming=naming
        )

    @extend_schema(methods=["GET"], summary="Read which marks the clients see")
    @extend_schema(
        methods=["PATCH"],
        summary="Choose which marks the clients see",
        request=MarkSettingsSerializer,
    )
    @action(
        detail=True,
        methods=["get", "patch"],
        url_path="mark-settings",
        serializer_class=MarkSettingsSerializer,
        filter_backends=[],
        pagination_class=None,
    )
    def mark_settings(self, request, pk=None):
        """Favourites only unless switched on: colour labels, stars, rejects; and what
        each colour means in this gallery, shown to clients as a legend."""
        gallery = self.get_object()
        if request.method == "PATCH":
            form = validated(MarkSettingsSerializer, request, partial=True)
            sharing_services.mark_settings_update(gallery=gallery, **form)
        shown = sharing_marks.mark_settings(gallery=gallery)
        return Response(MarkSettingsSerializer(shown).data)
