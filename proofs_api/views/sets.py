"""A gallery's sets ("Getting ready", "Ceremony"...): list, create, order, rename, delete,
and publishing the photos held back from clients. The rules live in `gallery.services`."""

from django.core.exceptions import ValidationError
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gallery import selectors, services
from gallery.models import PhotoSet

from ..openapi import extend_schema, extend_schema_view
from ..serializers.sets import (
    PhotoSetSerializer,
    PhotoSetWriteSerializer,
    PublishResultSerializer,
    SetReorderSerializer,
)
from .base import OwnedViewSetMixin, validated


def set_named(gallery, set_id: str | None) -> PhotoSet | None:
    """The gallery's set with this id (None for None); a 400 for any other id."""
    if set_id is None:
        return None
    photo_set = gallery.sets.filter(pk=set_id).first()
    if photo_set is None:
        raise ValidationError({"set": "There is no set with this id in this gallery."})
    return photo_set


class GallerySetActions:
    """Mixed into the gallery view set: /api/galleries/{id}/sets/ and .../publish/."""

    @extend_schema(
        methods=["GET"], summary="List a gallery's sets", responses=PhotoSetSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        summary="Create a set",
        request=PhotoSetWriteSerializer,
        responses={201: PhotoSetSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def sets(self, request, pk=None):
        """The sets in the gallery's order, each with its number of photos. Photos sort by
        their set first; photos in no set come after every set. A new set goes last."""
        gallery = self.get_object()
        if request.method == "GET":
            sets = selectors.set_list(gallery=gallery)
            return Response(PhotoSetSerializer(sets, many=True).data)
        name = validated(PhotoSetWriteSerializer, request)["name"]
        photo_set = services.set_create(gallery=gallery, name=name)
        return Response(PhotoSetSerializer(photo_set).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Order the sets", request=SetReorderSerializer, responses={204: None})
    @action(detail=True, methods=["post"], url_path="sets/reorder")
    def sets_reorder(self, request, pk=None):
        gallery = self.get_object()
        set_ids = validated(SetReorderSerializer, request)["set_ids"]
        services.sets_reorder(gallery=gallery, set_ids=set_ids)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="Publish new photos", request=None, responses=PublishResultSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Shows clients every uploaded photo held back so far (`unpublished_count`), and
        ends a new gallery's draft. Photos still uploading wait for the next publish."""
        gallery = self.get_object()
        count = services.gallery_publish(gallery=gallery)
        return Response({"published": count, "published_at": gallery.published_at})


@extend_schema_view(
    retrieve=extend_schema(summary="Read a set"),
    destroy=extend_schema(
        summary="Delete a set",
        description="Deletes the set, never its photos: they stay in the gallery, in no set.",
    ),
)
class SetViewSet(
    OwnedViewSetMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    serializer_class = PhotoSetSerializer
    resource_name = "set"
    model = PhotoSet

    def owned_queryset(self, owner):
        return PhotoSet.objects.filter(gallery__owner=owner).select_related("gallery")

    @extend_schema(
        summary="Rename a set", request=PhotoSetWriteSerializer, responses=PhotoSetSerializer
    )
    def partial_update(self, request, pk=None):
        photo_set = self.get_object()
        name = validated(PhotoSetWriteSerializer, request)["name"]
        services.set_rename(photo_set=photo_set, name=name)
        return Response(PhotoSetSerializer(photo_set).data)

    def perform_destroy(self, instance):
        services.set_delete(photo_set=instance)
