"""Galleries and their photos, pages at a time: what the workspace's JavaScript and
integrations both use."""

from django.db.models import Count
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import filters, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from gallery import selectors, services
from gallery.models import Gallery, Photo

from .. import selectors as api_selectors
from ..filters import PHOTO_STATUSES, ArchivedFilter, StableOrderingFilter, photo_statuses
from ..openapi import extend_schema, extend_schema_view
from ..pagination import MAX_PAGE_SIZE, page_params, paged_response
from ..serializers.galleries import (
    ArchiveSerializer,
    DuplicateCheckSerializer,
    DuplicatesSerializer,
    GallerySerializer,
    PhotoPageSerializer,
    PhotoSerializer,
    RenderProgressSerializer,
    ReorderSerializer,
    UploadRequestSerializer,
    UploadTargetSerializer,
)
from .base import OwnedViewSetMixin, validated
from .links import GallerySharingActions
from .marks import GalleryMarkActions
from .sets import GallerySetActions, set_named

PHOTO_PAGE_PARAMETERS = [
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        description=f"Photos per page, 1 to {MAX_PAGE_SIZE} (100 when absent).",
    ),
    OpenApiParameter(
        "cursor", OpenApiTypes.STR, description="Where to continue: take it from `next`."
    ),
    OpenApiParameter(
        "status",
        OpenApiTypes.STR,
        many=True,
        enum=PHOTO_STATUSES,
        description="Only photos in one of these statuses (repeat it for several). A page "
        "may then hold fewer photos than `page_size`, even none: follow `next` as usual.",
    ),
]


def photo_data(request, photo: Photo) -> dict:
    view = selectors.photo_view(photo=photo)
    return PhotoSerializer(view, context={"request": request}).data


def upload_body(request, photo: Photo) -> dict:
    """The photo and its upload form. The form's URL is absolute, so a script can use it
    as it is (the local mode's form URL is a path on this site)."""
    target = services.photo_upload_target(photo=photo)
    target = {**target, "url": request.build_absolute_uri(target["url"])}
    return {"photo": photo_data(request, photo), "target": target}


@extend_schema_view(
    list=extend_schema(summary="List galleries"),
    create=extend_schema(summary="Create a gallery"),
    retrieve=extend_schema(summary="Read a gallery"),
    update=extend_schema(summary="Replace a gallery's settings"),
    partial_update=extend_schema(summary="Change some of a gallery's settings"),
    destroy=extend_schema(
        summary="Delete a gallery",
        description="Deletes the gallery with every original, rendition and record. "
        "This cannot be undone.",
    ),
)
class GalleryViewSet(
    OwnedViewSetMixin,
    GallerySharingActions,
    GallerySetActions,
    GalleryMarkActions,
    viewsets.ModelViewSet,
):
    serializer_class = GallerySerializer
    resource_name = "gallery"
    filter_backends = [ArchivedFilter, filters.SearchFilter, StableOrderingFilter]
    search_fields = ["title", "client_name", "client_email"]
    ordering_fields = ["created_at", "updated_at", "title", "event_date"]
    ordering = ["-created_at"]

    model = Gallery

    def owned_queryset(self, owner):
        galleries = Gallery.objects.filter(owner=owner)
        if self.action == "list":
            galleries = galleries.annotate(
                photo_count=Count("photos"),
                unpublished_count=Count("photos", filter=selectors.held_back("photos__")),
            )
        return galleries

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("cover_photo", None)  # a new gallery has no photos to choose from
        serializer.instance = services.gallery_create(
            owner=self.request.user, title=data.pop("title"), **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "cover_photo" in data:
            services.gallery_set_cover(gallery=serializer.instance, photo=data.pop("cover_photo"))
        serializer.instance = services.gallery_update(gallery=serializer.instance, **data)

    def perform_destroy(self, instance):
        services.gallery_delete(gallery=instance)

    @extend_schema(
        summary="Archive or restore a gallery",
        request=ArchiveSerializer,
        responses=GallerySerializer,
    )
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        gallery = self.get_object()
        archived = validated(ArchiveSerializer, request)["archived"]
        services.gallery_archive(gallery=gallery, archived=archived)
        return Response(GallerySerializer(gallery).data)

    @extend_schema(
        summary="List a gallery's photos",
        parameters=PHOTO_PAGE_PARAMETERS,
        responses=PhotoPageSerializer,
    )
    @action(detail=True, methods=["get"])
    def photos(self, request, pk=None):
        """A page of the gallery's photos in a stable order (by id), with each photo's
        processing status and rendition URLs. Follow `next` until it is null. Each page
        is one query of the photo records, however large the gallery."""
        gallery = self.get_object()
        size, after = page_params(request)
        views, last_id = api_selectors.photo_page(
            gallery=gallery, size=size, after=after, statuses=photo_statuses(request)
        )
        results = PhotoSerializer(views, many=True, context={"request": request}).data
        return paged_response(request, results, last_id)

    @extend_schema(
        summary="Ask where to upload a photo",
        request=UploadRequestSerializer,
        responses={201: UploadTargetSerializer},
    )
    @action(detail=True, methods=["post"])
    def uploads(self, request, pk=None):
        """Registers a file and answers with its photo and an upload form: POST `fields`
        (in order) plus the file as `file`, as multipart/form-data, to `url`; then call
        the photo's `uploaded/`. The photo is held back from clients until the gallery's
        new photos are published (`publish/`)."""
        gallery = self.get_object()
        data = dict(validated(UploadRequestSerializer, request))
        if "replaces" in data:
            data["replaces"] = get_object_or_404(gallery.photos, pk=data["replaces"])
        photo_set = set_named(gallery, data.pop("set", None))
        photo = services.photo_create(gallery=gallery, photo_set=photo_set, **data)
        return Response(upload_body(request, photo), status=status.HTTP_201_CREATED)

    @extend_schema(summary="Follow a re-render", responses=RenderProgressSerializer)
    @action(detail=True, methods=["get"], url_path="render-progress")
    def render_progress(self, request, pk=None):
        """After a watermark change, how many photos are rendered again with it: `done`
        of `total` ("Re-rendering 12 of 40"); finished when they are equal."""
        progress = selectors.gallery_render_progress(gallery=self.get_object())
        return Response(RenderProgressSerializer(progress).data)

    @extend_schema(
        summary="Find photos that files would repeat",
        request=DuplicateCheckSerializer,
        responses=DuplicatesSerializer,
    )
    @action(detail=True, methods=["post"])
    def duplicates(self, request, pk=None):
        """Before uploading: which files (name, size and, better, SHA-256) repeat a photo
        of this gallery (the same content, or the same name and size), and which photo.
        Then skip them, upload them anyway, or upload them with `replaces`."""
        gallery = self.get_object()
        files = validated(DuplicateCheckSerializer, request)["files"]
        found = selectors.photo_duplicates(gallery=gallery, files=files)
        repeats = [
            {"index": index, "photo": each.photo, "reason": each.reason}
            for index, each in enumerate(found)
            if each is not None
        ]
        return Response(DuplicatesSerializer({"duplicates": repeats}).data)

    @extend_schema(summary="Reorder photos", request=ReorderSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def reorder(self, request, pk=None):
        """Puts the listed photos first, in that order; the others keep theirs. The
        gallery's order becomes "manual"."""
        gallery = self.get_object()
        photo_ids = validated(ReorderSerializer, request)["photo_ids"]
        services.photos_reorder(gallery=gallery, photo_ids=photo_ids)
        return Response(status=status.HTTP_204_NO_CONTENT)
