"""Share links, and what clients did through them, as the photographer's integrations see
it. The rules live in `sharing.services`; these views look up and hand off."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from sharing import selectors as sharing_selectors
from sharing import services as sharing_services
from sharing.models import ShareLink

from .. import selectors as api_selectors
from ..openapi import extend_schema, extend_schema_view
from ..serializers.galleries import GallerySerializer
from ..serializers.sharing import (
    CommentSerializer,
    ReleaseSerializer,
    RevokeSerializer,
    SelectionSerializer,
    ShareLinkSerializer,
    ShareLinkWriteSerializer,
)
from .base import OwnedViewSetMixin, validated


def link_data(links: list[ShareLink]) -> list[dict]:
    activity = sharing_selectors.link_activity(links=links)
    return ShareLinkSerializer(links, many=True, context={"activity": activity}).data


class GallerySharingActions:
    """The gallery's share links, selections, comments and release; mixed into the
    gallery view set so they live under /api/galleries/{id}/."""

    @extend_schema(
        methods=["GET"],
        summary="List a gallery's share links",
        responses=ShareLinkSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Create a share link",
        request=ShareLinkWriteSerializer,
        responses={201: ShareLinkSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def links(self, request, pk=None):
        """Each link with its address, settings and activity (views, visitors, favourites,
        comments, downloads, failed passwords, submitted selections)."""
        gallery = self.get_object()
        if request.method == "GET":
            links = sharing_selectors.share_links(gallery=gallery).select_related("gallery")
            return Response(link_data(list(links)))
        form = validated(ShareLinkWriteSerializer, request)
        link = sharing_services.share_link_create(gallery=gallery, **form)
        return Response(link_data([link])[0], status=status.HTTP_201_CREATED)

    @extend_schema(summary="List the clients' selections", responses=SelectionSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def selections(self, request, pk=None):
        """Every client's favourites and comments, submitted selections first."""
        gallery = self.get_object()
        page = self.paginate_queryset(sharing_selectors.selections(gallery=gallery))
        return self.get_paginated_response(SelectionSerializer(page, many=True).data)

    @extend_schema(
        summary="List the clients' comments",
        parameters=[
            OpenApiParameter("photo", OpenApiTypes.STR, description="Only this photo's comments.")
        ],
        responses=CommentSerializer(many=True),
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def comments(self, request, pk=None):
        """Newest first, with the photo and the client who wrote each."""
        gallery = self.get_object()
        comments = api_selectors.gallery_comments(
            gallery=gallery, photo_id=request.query_params.get("photo")
        )
        page = self.paginate_queryset(comments)
        return self.get_paginated_response(CommentSerializer(page, many=True).data)

    @extend_schema(
        summary="Release the originals", request=ReleaseSerializer, responses=GallerySerializer
    )
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        """Lets clients download originals: of every photo, or of the photos in the
        submitted selections (fixed now); `none` withdraws a release. The gallery's
        downloads must be set to originals."""
        gallery = self.get_object()
        scope = validated(ReleaseSerializer, request)["scope"]
        gallery = sharing_services.gallery_release(gallery=gallery, scope=scope)
        return Response(GallerySerializer(gallery).data)


@extend_schema_view(retrieve=extend_schema(summary="Read a share link"))
class LinkViewSet(OwnedViewSetMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ShareLinkSerializer
    resource_name = "share link"
    model = ShareLink

    def owned_queryset(self, owner):
        return ShareLink.objects.filter(gallery__owner=owner).select_related("gallery")

    def retrieve(self, request, pk=None):
        return Response(link_data([self.get_object()])[0])

    @extend_schema(
        summary="Change a share link",
        request=ShareLinkWriteSerializer(partial=True),
        responses=ShareLinkSerializer,
    )
    def partial_update(self, request, pk=None):
        """Takes effect at once for everyone on the link. A new password sends every
        client back to the password page."""
        link = self.get_object()
        fields = dict(validated(ShareLinkWriteSerializer, request, partial=True))
        password = fields.pop("password", None)
        link = sharing_services.share_link_update(link=link, password=password, **fields)
        return Response(link_data([link])[0])

    @extend_schema(summary="Switch a share link off or on", request=RevokeSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        link = self.get_object()
        revoked = validated(RevokeSerializer, request)["revoked"]
        link = sharing_services.share_link_revoke(link=link, revoked=revoked)
        return Response(link_data([link])[0])

    @extend_schema(summary="Give a share link a new address", request=None)
    @action(detail=True, methods=["post"])
    def reissue(self, request, pk=None):
        """The old address stops working at once; send clients the new `url`."""
        link = sharing_services.share_link_reissue(link=self.get_object())
        return Response(link_data([link])[0])
