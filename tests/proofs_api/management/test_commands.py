import io

import pytest
from django.core.management import CommandError, call_command

from proofs_api import services
from proofs_api.models import ApiToken, Delivery


def test_create_api_token_prints_a_working_key(photographer):
    out = io.StringIO()
    call_command(
        "create_api_token", photographer.username, "Backup script", stdout=out, stderr=io.StringIO()
    )
    key = out.getvalue().strip()
    from proofs_api.selectors import token_for_key

    token = token_for_key(key)
    assert token.name == "Backup script" and token.owner == photographer


def test_create_api_token_for_nobody_fails_clearly(db):
    with pytest.raises(CommandError, match="No account called 'ghost'"):
        call_command("create_api_token", "ghost", "x")
    assert not ApiToken.objects.exists()


def test_deliver_webhooks_sends_what_is_due(photographer, receiver, allow_local_webhooks):
    listening = receiver()
    webhook, _ = services.webhook_create(
        owner=photographer, url=listening.url, events=["photo.failed"]
    )
    services.delivery_ping(webhook=webhook)
    out = io.StringIO()

    call_command("deliver_webhooks", stdout=out)

    assert "1 deliveries attempted." in out.getvalue()
    assert Delivery.objects.get().state == Delivery.State.SUCCEEDED
    assert len(listening.received) == 1
