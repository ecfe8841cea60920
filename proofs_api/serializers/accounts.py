"""Tokens, webhooks and deliveries: the API's own resources."""

from rest_framework import serializers

from .. import webhooks
from ..models import ApiToken, Delivery, DeliveryAttempt, Webhook
from .common import StrictBooleanField, StrictCharField, StrictModelSerializer


class TokenSerializer(StrictModelSerializer):
    revoked = StrictBooleanField(source="is_revoked", read_only=True)

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "revoked", "revoked_at"]
        read_only_fields = fields


class TokenCreateSerializer(serializers.Serializer):
    name = StrictCharField(max_length=100)


class TokenCreatedSerializer(TokenSerializer):
    key = StrictCharField(read_only=True, help_text="The key, shown this once: store it now.")

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "key"]


class WebhookSerializer(StrictModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(webhooks.EVENTS)),
        allow_empty=False,
        min_length=1,
    )

    class Meta:
        model = Webhook
        fields = ["id", "url", "events", "description", "active", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class WebhookCreatedSerializer(WebhookSerializer):
    secret = StrictCharField(
        read_only=True,
        help_text="The signing secret, shown this once: store it where the receiver runs.",
    )

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]


class DeliveryAttemptSerializer(StrictModelSerializer):
    class Meta:
        model = DeliveryAttempt
        fields = ["number", "started_at", "duration_ms", "status_code", "error"]
        read_only_fields = fields


class DeliverySerializer(StrictModelSerializer):
    attempts = DeliveryAttemptSerializer(many=True, read_only=True)
    payload = serializers.JSONField(source="envelope", read_only=True)

    class Meta:
        model = Delivery
        fields = [
            "id",
            "webhook",
            "event",
            "state",
            "attempt_count",
            "next_attempt_at",
            "created_at",
            "finished_at",
            "attempts",
            "payload",
        ]
        read_only_fields = fields
