"""The Settings page: create and revoke tokens, add webhooks, see their deliveries."""

import re

import pytest
from django.urls import reverse

from proofs_api import services
from proofs_api.models import ApiToken, Webhook


@pytest.fixture
def settings_page(signed_in):
    def get():
        response = signed_in.get(reverse("accounts:settings"))
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_a_new_token_key_is_shown_once(signed_in, settings_page, photographer):
    assert "No tokens yet." in settings_page()

    created = signed_in.post(reverse("api:settings-token-create"), {"name": "Studio CRM"})

    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"]
    token = ApiToken.objects.get(owner=photographer)
    page = created.content.decode()
    [key] = re.findall(rf"psk_{token.prefix}_[\w-]+", page)
    assert services.secret_digest(key.split("_", 2)[2]) == token.secret_hash
    listing = settings_page()
    assert "Studio CRM" in listing and f"psk_{token.prefix}_…" in listing
    assert key not in listing


def test_a_token_without_a_name_is_refused_on_the_page(signed_in, photographer):
    response = signed_in.post(reverse("api:settings-token-create"), {"name": " "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_a_token_from_the_page(signed_in, settings_page, photographer):
    token, _ = services.token_create(owner=photographer, name="Old script")
    response = signed_in.post(reverse("api:settings-token-revoke", args=[token.pk]))
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).is_revoked
    assert "revoked" in settings_page()


def test_another_photographers_token_or_webhook_is_not_found(signed_in, other_photographer):
    token, _ = services.token_create(owner=other_photographer, name="Theirs")
    webhook, _ = services.webhook_create(
        owner=other_photographer, url="https://example.com/x", events=["photo.failed"]
    )
    assert signed_in.post(reverse("api:settings-token-revoke", args=[token.pk])).status_code == 404
    for name in ("settings-webhook-delete", "settings-webhook-ping"):
        assert signed_in.post(reverse(f"api:{name}", args=[webhook.pk])).status_code == 404
    assert (
        signed_in.get(reverse("api:settings-webhook-detail", args=[webhook.pk])).status_code == 404
    )
    assert not ApiToken.objects.get(pk=token.pk).is_revoked
    assert Webhook.objects.filter(pk=webhook.pk).exists()


def test_a_webhook_added_on_the_page_shows_its_secret_once_then_its_log(
    signed_in, settings_page, photographer
):
    created = signed_in.post(
        reverse("api:settings-webhook-create"),
        {"url": "https://crm.example.com/in", "events": ["selection.submitted", "photo.failed"]},
    )
    assert created.status_code == 200
    webhook = Webhook.objects.get(owner=photographer)
    assert webhook.secret in created.content.decode()
    assert webhook.events == ["photo.failed", "selection.submitted"]
    assert webhook.secret not in settings_page()

    pinged = signed_in.post(reverse("api:settings-webhook-ping", args=[webhook.pk]))
    assert pinged.status_code == 302
    log = signed_in.get(reverse("api:settings-webhook-detail", args=[webhook.pk])).content.decode()
    assert "ping" in log and "Waiting to be sent" in log

    signed_in.post(reverse("api:settings-webhook-delete", args=[webhook.pk]))
    assert not Webhook.objects.exists()


def test_a_private_webhook_url_is_refused_on_the_page(signed_in):
    response = signed_in.post(
        reverse("api:settings-webhook-create"),
        {"url": "http://127.0.0.1/in", "events": ["photo.failed"]},
    )
    assert response.status_code == 400
    assert "private or local address" in response.content.decode()
    assert not Webhook.objects.exists()


def test_the_pages_need_a_signed_in_photographer(client):
    response = client.post(reverse("api:settings-token-create"), {"name": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
