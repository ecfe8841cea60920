"""Tokens are stored hashed; webhooks keep the rules of what they may be told."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from proofs_api import selectors, services
from proofs_api.models import ApiToken


def test_a_token_key_is_never_stored(photographer):
    token, key = services.token_create(owner=photographer, name="CRM")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(key not in str(value) for value in stored.values())
    kind, prefix, secret = key.split("_", 2)
    assert (kind, prefix) == ("psk", token.prefix)
    assert len(secret) >= 43  # 256 bits, base64
    assert selectors.token_for_key(key) == token
    assert selectors.token_for_key(f"psk_{prefix}_{secret[:-1]}") is None


def test_keys_differ_every_time(photographer):
    keys = {services.token_create(owner=photographer, name="x")[1] for _ in range(5)}
    assert len(keys) == 5


def test_a_token_needs_a_name(photographer):
    with pytest.raises(ValidationError):
        services.token_create(owner=photographer, name="   ")


def test_last_used_is_written_at_most_once_a_minute(photographer, django_assert_num_queries):
    token, _ = services.token_create(owner=photographer, name="x")
    services.token_touch(token=token)
    first = token.last_used_at
    with django_assert_num_queries(0):
        services.token_touch(token=token)
    token.last_used_at = timezone.now() - timedelta(minutes=2)
    with django_assert_num_queries(1):
        services.token_touch(token=token)
    assert token.last_used_at > first


def test_revoking_twice_keeps_the_first_time(photographer):
    token, _ = services.token_create(owner=photographer, name="x")
    first = services.token_revoke(token=token).revoked_at
    assert services.token_revoke(token=token).revoked_at == first


def test_webhook_events_are_stored_sorted_without_duplicates(photographer):
    webhook, secret = services.webhook_create(
        owner=photographer,
        url="https://crm.example.com/in",
        events=["photo.failed", "gallery.processed", "photo.failed"],
    )
    assert webhook.events == ["gallery.processed", "photo.failed"]
    assert secret.startswith("whsec_") and webhook.secret == secret
