"""One photo: read it, hide it, delete it, and the steps of its upload and processing."""

from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gallery import services
from gallery.models import Photo
from gallery.uploads import UploadRefused

from ..errors import UploadRefusedError
from ..openapi import extend_schema, extend_schema_view
from ..serializers.common import ErrorSerializer
from ..serializers.galleries import PhotoSerializer, PhotoUpdateSerializer, UploadTargetSerializer
from .base import OwnedViewSetMixin, validated
from .galleries import photo_data, upload_body
from .sets import set_named


@extend_schema_view(
    retrieve=extend_schema(summary="Read a photo"),
    destroy=extend_schema(
        summary="Delete a photo",
        description="Deletes the photo's original, renditions and record.",
    ),
)
class PhotoViewSet(
    OwnedViewSetMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PhotoSerializer
    resource_name = "photo"

    model = Photo

    def owned_queryset(self, owner):
        return Photo.objects.filter(gallery__owner=owner).select_related("gallery")

    def retrieve(self, request, pk=None):
        """The photo with its processing status (`uploading`, `processing`, `processed`
        or `failed`, with `error`), its size, camera data and rendition URLs."""
        return Response(photo_data(request, self.get_object()))

    @extend_schema(
        summary="Hide, show or move a photo",
        request=PhotoUpdateSerializer,
        responses=PhotoSerializer,
    )
    def partial_update(self, request, pk=None):
        """`hidden: true` keeps the photo from the gallery's clients; `set` moves it into
        one of the gallery's sets (null: out of any)."""
        photo = self.get_object()
        update = validated(PhotoUpdateSerializer, request)
        if "set" in update:
            gallery = photo.gallery
            photo_set = set_named(gallery, update["set"])
            services.photos_move_to_set(gallery=gallery, photo_ids=[photo.pk], photo_set=photo_set)
            photo.refresh_from_db()
        if "hidden" in update:
            services.photo_set_hidden(photo=photo, hidden=update["hidden"])
        return Response(photo_data(request, photo))

    def perform_destroy(self, instance):
        services.photo_delete(photo=instance)

    @extend_schema(
        summary="Ask again where to upload", request=None, responses=UploadTargetSerializer
    )
    @action(detail=True, methods=["post"], url_path="upload-target")
    def upload_target(self, request, pk=None):
        """A fresh upload form for a photo whose upload failed or whose form expired."""
        return Response(upload_body(request, self.get_object()))

    @extend_schema(
        summary="Say the upload is done",
        request=None,
        responses={200: PhotoSerializer, 422: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def uploaded(self, request, pk=None):
        """Checks that the file reached storage and is what was announced (its size, an
        image by its bytes); processing starts (or has started). Poll the photo until its
        status is `processed` or `failed`. A file refused here (422) is removed with its
        photo: uploading it again cannot help."""
        try:
            photo = services.photo_mark_uploaded(photo=self.get_object())
        except UploadRefused as refusal:
            raise UploadRefusedError(refusal.messages[0]) from refusal
        return Response(photo_data(request, photo))

    @extend_schema(summary="Give up an upload", request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def abandon(self, request, pk=None):
        """Removes a photo whose file never arrived (storage refused it, or the upload was
        given up). A photo whose file arrived is deleted with DELETE instead."""
        services.photo_upload_abandon(photo=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="Process a photo again", request=None, responses={202: None})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Renders the photo again from its original, e.g. after a failure."""
        services.photo_retry(photo=self.get_object())
        return Response(status=status.HTTP_202_ACCEPTED)
