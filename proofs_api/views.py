"""Galleries and photos: what the workspace's JavaScript and integrations both use."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gallery import selectors, services
from gallery.models import Gallery, Photo
from gallery.records import record_table

from .pagination import page_params, paged_response
from .permissions import IsOwner
from .serializers import (
    GallerySerializer,
    PhotoSerializer,
    PhotoUpdateSerializer,
    ReorderSerializer,
    UploadRequestSerializer,
)


class GalleryViewSet(viewsets.ModelViewSet):
    serializer_class = GallerySerializer
    permission_classes = [IsOwner]
    filterset_fields = ()
    ordering_fields = ("created_at", "title", "event_date")

    def get_queryset(self):
        galleries = Gallery.objects.filter(owner=self.request.user)
        archived = self.request.query_params.get("archived")
        if archived in ("true", "false"):
            galleries = galleries.filter(archived_at__isnull=archived == "false")
        query = self.request.query_params.get("search")
        if query:
            galleries = galleries.filter(title__icontains=query) | galleries.filter(
                client_name__icontains=query
            )
        ordering = self.request.query_params.get("ordering", "-created_at")
        if ordering.lstrip("-") in self.ordering_fields:
            galleries = galleries.order_by(ordering)
        return galleries

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("cover_photo", None)
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

    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        gallery = self.get_object()
        archived = request.data.get("archived", True) not in (False, "false", "0", 0)
        services.gallery_archive(gallery=gallery, archived=archived)
        return Response(GallerySerializer(gallery).data)

    @extend_schema(responses=PhotoSerializer(many=True))
    @action(detail=True, methods=["get"])
    def photos(self, request, pk=None):
        """The gallery's photos, a page at a time, in a stable order (by id)."""
        gallery = self.get_object()
        size, after = page_params(request)
        items, last_id = record_table().query(gallery.pk, limit=size, after=after)
        rows = Photo.objects.in_bulk([item["photo_id"] for item in items])
        views = [
            selectors.PhotoView(photo=rows[item["photo_id"]], record=item)
            for item in items
            if item["photo_id"] in rows
        ]
        return paged_response(request, PhotoSerializer(views, many=True).data, last_id)

    @extend_schema(request=UploadRequestSerializer, responses={201: dict})
    @action(detail=True, methods=["post"])
    def uploads(self, request, pk=None):
        """Registers a file and returns where to send it: `url` and form `fields`."""
        gallery = self.get_object()
        upload = UploadRequestSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        photo = services.photo_create(gallery=gallery, **upload.validated_data)
        target = services.photo_upload_target(photo=photo)
        body = {"photo": PhotoSerializer(selectors.photo_view(photo=photo)).data, "target": target}
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReorderSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def reorder(self, request, pk=None):
        gallery = self.get_object()
        order = ReorderSerializer(data=request.data)
        order.is_valid(raise_exception=True)
        services.photos_reorder(gallery=gallery, photo_ids=order.validated_data["photo_ids"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class PhotoViewSet(mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsOwner]
    serializer_class = PhotoSerializer

    def get_queryset(self):
        return Photo.objects.filter(gallery__owner=self.request.user).select_related("gallery")

    def retrieve(self, request, pk=None):
        return Response(PhotoSerializer(selectors.photo_view(photo=self.get_object())).data)

    @extend_schema(request=PhotoUpdateSerializer, responses=PhotoSerializer)
    def partial_update(self, request, pk=None):
        photo = self.get_object()
        update = PhotoUpdateSerializer(data=request.data)
        update.is_valid(raise_exception=True)
        if "hidden" in update.validated_data:
            services.photo_set_hidden(photo=photo, hidden=update.validated_data["hidden"])
        return Response(PhotoSerializer(selectors.photo_view(photo=photo)).data)

    def perform_destroy(self, instance):
        services.photo_delete(photo=instance)

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["post"], url_path="upload-target")
    def upload_target(self, request, pk=None):
        """A fresh upload target for a photo whose upload failed or expired."""
        photo = self.get_object()
        target = services.photo_upload_target(photo=photo)
        return Response(
            {"photo": PhotoSerializer(selectors.photo_view(photo=photo)).data, "target": target}
        )

    @extend_schema(request=None, responses=PhotoSerializer)
    @action(detail=True, methods=["post"])
    def uploaded(self, request, pk=None):
        photo = services.photo_mark_uploaded(photo=self.get_object())
        return Response(PhotoSerializer(selectors.photo_view(photo=photo)).data)

    @extend_schema(request=None, responses={202: None})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        services.photo_retry(photo=self.get_object())
        return Response(status=status.HTTP_202_ACCEPTED)
