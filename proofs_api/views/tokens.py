"""API tokens: listed and revoked by token or session; created only by a signed-in person."""

from rest_framework import mixins, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from .. import selectors, services
from ..models import ApiToken
from ..openapi import extend_schema, extend_schema_view
from ..permissions import SessionOnly
from ..serializers.accounts import TokenCreatedSerializer, TokenCreateSerializer, TokenSerializer
from ..serializers.common import ErrorSerializer
from .base import OwnedViewSetMixin, validated


@extend_schema_view(
    list=extend_schema(summary="List API tokens"),
    retrieve=extend_schema(summary="Read an API token"),
    destroy=extend_schema(
        summary="Revoke an API token",
        description="The token stops working at once; it stays listed as revoked.",
    ),
)
class TokenViewSet(
    OwnedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = TokenSerializer
    resource_name = "API token"

    model = ApiToken

    def owned_queryset(self, owner):
        return selectors.token_list(owner=owner)

    def get_permissions(self):
        if self.action == "create":
            return [IsAuthenticated(), SessionOnly()]
        return super().get_permissions()

    @extend_schema(
        summary="Create an API token",
        request=TokenCreateSerializer,
        responses={201: TokenCreatedSerializer, 403: ErrorSerializer},
    )
    def create(self, request):
        """Only while signed in to the site (with its CSRF token): a token cannot mint more
        tokens. The key is in this answer only."""
        name = validated(TokenCreateSerializer, request)["name"]
        token, key = services.token_create(owner=request.user, name=name)
        body = {**TokenSerializer(token).data, "key": key}
        return Response(body, status=status.HTTP_201_CREATED, headers={"Cache-Control": "no-store"})

    def perform_destroy(self, instance):
        services.token_revoke(token=instance)
