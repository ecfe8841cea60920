"""Webhooks and deliveries through the API."""

from core import events
from proofs_api import services
from proofs_api.models import Delivery, Webhook


def test_register_change_and_delete_a_webhook(api, photographer):
    created = api.post(
        "/api/webhooks/",
        json={"url": "https://crm.example.com/in", "events": ["selection.submitted"]},
    )
    assert created.status_code == 201, created.text
    assert created.headers["Cache-Control"] == "no-store"
    webhook = created.json()
    stored = Webhook.objects.get(pk=webhook["id"])
    assert stored.owner == photographer and stored.secret == webhook["secret"]

    changed = api.patch(
        f"/api/webhooks/{webhook['id']}/",
        json={"events": ["photo.failed", "gallery.processed"], "active": False},
    )
    assert changed.status_code == 200
    assert changed.json()["events"] == ["gallery.processed", "photo.failed"]
    assert "secret" not in changed.json()

    replaced = api.put(
        f"/api/webhooks/{webhook['id']}/",
        json={"url": "https://crm.example.com/v2", "events": ["photo.failed"]},
    )
    assert replaced.json()["url"] == "https://crm.example.com/v2"

    assert api.delete(f"/api/webhooks/{webhook['id']}/").status_code == 204
    assert not Webhook.objects.filter(pk=webhook["id"]).exists()


def test_unknown_events_and_private_urls_are_refused_with_reasons(api):
    unknown = api.post(
        "/api/webhooks/", json={"url": "https://crm.example.com/in", "events": ["photo.eaten"]}
    )
    assert unknown.status_code == 400
    assert "events" in unknown.json()["errors"]

    private = api.post(
        "/api/webhooks/", json={"url": "http://192.168.1.10/in", "events": ["photo.failed"]}
    )
    assert private.status_code == 400
    assert "private or local address" in private.json()["message"]


def test_deliveries_are_filtered_and_sent_again(api, photographer):
    hook, _ = services.webhook_create(
        owner=photographer, url="https://crm.example.com/in", events=["photo.failed"]
    )
    events.emit(owner=photographer, name="photo.failed", payload={"photo_id": "p"})
    ping = api.post(f"/api/webhooks/{hook.pk}/ping/")
    assert ping.status_code == 202 and ping.json()["state"] == "pending"

    def events_listed(query: str) -> list[str]:
        return [d["event"] for d in api.get(f"/api/deliveries/{query}").json()["results"]]

    assert events_listed("") == ["ping", "photo.failed"]  # newest first
    assert events_listed("?event=photo.failed") == ["photo.failed"]
    assert events_listed("?state=failed") == []
    assert api.get("/api/deliveries/?state=lost").status_code == 400

    delivery_id = ping.json()["id"]
    still_pending = api.post(f"/api/deliveries/{delivery_id}/redeliver/")
    assert still_pending.status_code == 400
    Delivery.objects.filter(pk=delivery_id).update(state=Delivery.State.FAILED)
    again = api.post(f"/api/deliveries/{delivery_id}/redeliver/")
    assert again.status_code == 202 and again.json()["state"] == "pending"
    assert again.json()["payload"]["data"]["webhook_id"] == hook.pk
