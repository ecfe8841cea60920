"""Webhooks and their delivery log."""

from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import selectors, services
from ..filters import DeliveryFilter
from ..models import Delivery, Webhook
from ..openapi import extend_schema, extend_schema_view
from ..serializers.accounts import (
    DeliverySerializer,
    WebhookCreatedSerializer,
    WebhookSerializer,
)
from .base import OwnedViewSetMixin, validated

EVENTS_HELP = (
    "Events: `selection.submitted` (a client sent their favourites), `photo.failed` (a "
    "photo could not be processed), `gallery.processed` (every uploaded photo of a gallery "
    "is processed). Each delivery is a POST of JSON `{id, event, created_at, data}` signed "
    "in `X-Proofsheet-Signature: sha256=<hex>`: the HMAC-SHA256, under the webhook's "
    "secret, of `<X-Proofsheet-Timestamp>.<raw body>`. Any 2xx answer is success; "
    "otherwise it is tried again after 1 and then 5 minutes."
)


@extend_schema_view(
    list=extend_schema(summary="List webhooks", description=EVENTS_HELP),
    retrieve=extend_schema(summary="Read a webhook"),
    update=extend_schema(summary="Replace a webhook"),
    partial_update=extend_schema(summary="Change a webhook"),
    destroy=extend_schema(summary="Delete a webhook and its delivery log"),
)
class WebhookViewSet(OwnedViewSetMixin, viewsets.ModelViewSet):
    serializer_class = WebhookSerializer
    resource_name = "webhook"

    model = Webhook

    def owned_queryset(self, owner):
        return selectors.webhook_list(owner=owner)

    @extend_schema(
        summary="Register a webhook",
        description=EVENTS_HELP,
        responses={201: WebhookCreatedSerializer},
    )
    def create(self, request):
        """The answer carries the signing secret, this once."""
        form = validated(WebhookSerializer, request)
        webhook, secret = services.webhook_create(owner=request.user, **form)
        body = {**WebhookSerializer(webhook).data, "secret": secret}
        return Response(body, status=status.HTTP_201_CREATED, headers={"Cache-Control": "no-store"})

    def perform_update(self, serializer):
        serializer.instance = services.webhook_update(
            webhook=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.webhook_delete(webhook=instance)

    @extend_schema(
        summary="Send a test delivery", request=None, responses={202: DeliverySerializer}
    )
    @action(detail=True, methods=["post"])
    def ping(self, request, pk=None):
        """Sends a `ping` event to the webhook's URL, signed like any other, so you can
        check the receiver. Its outcome appears in the delivery log."""
        delivery = services.delivery_ping(webhook=self.get_object())
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)


@extend_schema_view(
    list=extend_schema(summary="List webhook deliveries"),
    retrieve=extend_schema(summary="Read a delivery and its attempts"),
)
class DeliveryViewSet(OwnedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Each delivery with its state (`pending`, `succeeded`, `failed`) and every attempt:
    when, how long it took, and the receiver's status code or the error. Newest first."""

    serializer_class = DeliverySerializer
    resource_name = "delivery"
    filter_backends = [DeliveryFilter]

    model = Delivery

    def owned_queryset(self, owner):
        return selectors.delivery_list(owner=owner).order_by("-created_at", "pk")

    @extend_schema(
        summary="Send a delivery again", request=None, responses={202: DeliverySerializer}
    )
    @action(detail=True, methods=["post"])
    def redeliver(self, request, pk=None):
        """Sends a finished delivery once more, with the same body and id."""
        delivery = services.delivery_redeliver(delivery=self.get_object())
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
