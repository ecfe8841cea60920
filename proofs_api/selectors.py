"""Reads for the API's own records. Everything is looked up through its owner."""

import hmac

from django.db.models import Prefetch, QuerySet

from . import webhooks
from .models import ApiToken, Delivery, DeliveryAttempt, Webhook
from .services import TOKEN_KEY_PREFIX, secret_digest


def token_for_key(key: str) -> ApiToken | None:
    """The token a key belongs to (revoked or not), or None if the key is not one of ours."""
    kind, _, rest = key.partition("_")
    prefix, _, secret = rest.partition("_")
    if kind != TOKEN_KEY_PREFIX or not prefix or not secret:
        return None
    token = ApiToken.objects.select_related("owner").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, secret_digest(secret)):
        return None
    return token


def token_list(*, owner) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(owner=owner)


def webhook_list(*, owner) -> QuerySet[Webhook]:
    return Webhook.objects.filter(owner=owner)


def delivery_list(*, owner) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(webhook__owner=owner)
        .select_related("webhook")
        .prefetch_related(Prefetch("attempts", queryset=DeliveryAttempt.objects.order_by("number")))
    )


def settings_context(*, owner) -> dict:
    """What the Settings page shows of the API: tokens, webhooks and their recent outcome."""
    return {
        "api_tokens": token_list(owner=owner),
        "webhooks": webhook_list(owner=owner),
        "webhook_events": webhooks.EVENTS,
    }
