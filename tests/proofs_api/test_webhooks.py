"""Webhooks end to end with a real receiver on 127.0.0.1 (issue 5, must-show 3), and the
pieces a delivery is made of: signature, schedule, the refusal of private hosts."""

import hashlib
import hmac
import json
import ssl
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import events
from proofs_api import services, webhooks
from proofs_api.models import Delivery


def receiver_check(secret: str, headers: dict, body: bytes) -> bool:
    """What docs/api.md tells a receiver to do, written out independently of our code."""
    timestamp = headers["X-Proofsheet-Timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    fresh = abs(time.time() - int(timestamp)) < 300
    signature = headers["X-Proofsheet-Signature"]
    return fresh and hmac.compare_digest("sha256=" + expected.hexdigest(), signature)


def test_a_receiver_that_fails_twice_gets_the_delivery_on_the_third_try(
    api, photographer, receiver, allow_local_webhooks
):
    flaky = receiver([500, 500])
    registered = api.post(
        "/api/webhooks/",
        json={"url": flaky.url, "events": ["photo.failed"], "description": "Studio CRM"},
    )
    assert registered.status_code == 201, registered.text
    webhook, secret = registered.json(), registered.json()["secret"]
    assert secret.startswith("whsec_")
    assert "secret" not in api.get(f"/api/webhooks/{webhook['id']}/").json()

    payload = {"gallery_id": "g1", "photo_id": "p1", "filename": "a.jpg", "error": "Not a photo"}
    events.emit(owner=photographer, name="photo.failed", payload=payload)
    [delivery] = Delivery.objects.filter(webhook_id=webhook["id"])

    # The schedule, on an injected clock: at once, a minute later, five minutes after that.
    start = timezone.now()
    assert services.deliveries_send_due(now=start) == 1
    assert services.deliveries_send_due(now=start + timedelta(seconds=59)) == 0
    assert services.deliveries_send_due(now=start + timedelta(seconds=61)) == 1
    later = start + timedelta(seconds=61)
    assert services.deliveries_send_due(now=later + timedelta(seconds=299)) == 0
    assert services.deliveries_send_due(now=later + timedelta(seconds=301)) == 1

    assert [r["answered"] for r in flaky.received] == [500, 500, 200]
    bodies = {r["body"] for r in flaky.received}
    assert len(bodies) == 1  # every try sends the same bytes
    for request in flaky.received:
        assert receiver_check(secret, request["headers"], request["body"])
        assert request["headers"]["X-Proofsheet-Event"] == "photo.failed"
        assert request["headers"]["X-Proofsheet-Delivery"] == delivery.pk
    envelope = json.loads(bodies.pop())
    assert envelope["id"] == delivery.pk
    assert envelope["event"] == "photo.failed"
    assert envelope["data"] == payload

    # The log, through the API: one delivery, three attempts, each with its outcome.
    log = api.get(f"/api/deliveries/?webhook={webhook['id']}").json()["results"]
    assert len(log) == 1
    assert log[0]["state"] == "succeeded"
    attempts = log[0]["attempts"]
    assert [a["number"] for a in attempts] == [1, 2, 3]
    assert [a["status_code"] for a in attempts] == [500, 500, 200]
    assert [bool(a["error"]) for a in attempts] == [True, True, False]
    assert all(a["started_at"] and a["duration_ms"] >= 0 for a in attempts)
    assert api.get(f"/api/deliveries/{delivery.pk}/").json()["attempts"] == attempts


def test_a_receiver_that_never_answers_well_is_given_up_after_three_tries(
    photographer, receiver, allow_local_webhooks, settings
):
    settings.PROOFSHEET_WEBHOOK_RETRY_DELAYS = (timedelta(0),) * 3
    down = receiver([503, 503, 503])  # then it recovers
    webhook, _secret = services.webhook_create(
        owner=photographer, url=down.url, events=["gallery.processed"]
    )
    events.emit(owner=photographer, name="gallery.processed", payload={"gallery_id": "g"})

    sweeps = [services.deliveries_send_due() for _ in range(4)]

    assert sweeps == [1, 1, 1, 0]
    delivery = Delivery.objects.get(webhook=webhook)
    assert delivery.state == Delivery.State.FAILED
    assert delivery.attempts.count() == 3
    assert len(down.received) == 3

    # Sent again by hand, it goes once more, as attempt 4.
    services.delivery_redeliver(delivery=delivery)
    assert services.deliveries_send_due() == 1
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.SUCCEEDED
    assert list(delivery.attempts.values_list("status_code", flat=True)) == [503, 503, 503, 200]


def test_only_subscribed_active_webhooks_of_the_owner_get_a_delivery(
    photographer, other_photographer, allow_local_webhooks
):
    wanted, _ = services.webhook_create(
        owner=photographer, url="https://example.com/a", events=["selection.submitted"]
    )
    services.webhook_create(
        owner=photographer, url="https://example.com/b", events=["photo.failed"]
    )
    paused, _ = services.webhook_create(
        owner=photographer, url="https://example.com/c", events=["selection.submitted"]
    )
    services.webhook_update(webhook=paused, active=False)
    services.webhook_create(
        owner=other_photographer, url="https://example.com/d", events=["selection.submitted"]
    )

    events.emit(owner=photographer, name="selection.submitted", payload={"visitor": "v"})
    events.emit(owner=photographer, name="something.else", payload={})

    assert list(Delivery.objects.values_list("webhook_id", flat=True)) == [wanted.pk]


def test_a_redirect_is_an_answer_not_followed(photographer, receiver, allow_local_webhooks):
    moved = receiver([302])
    webhook, _ = services.webhook_create(owner=photographer, url=moved.url, events=["photo.failed"])
    delivery = services.delivery_ping(webhook=webhook)

    attempt = services.delivery_attempt(delivery=delivery)

    assert attempt.status_code == 302 and not attempt.succeeded
    assert len(moved.received) == 1


def test_no_answer_is_logged_as_an_error(photographer, allow_local_webhooks):
    webhook, _ = services.webhook_create(
        owner=photographer, url="http://127.0.0.1:9/nothing-listens", events=["photo.failed"]
    )
    attempt = services.delivery_attempt(delivery=services.delivery_ping(webhook=webhook))
    assert attempt.status_code is None
    assert attempt.error.startswith("No answer")


def test_signatures_refuse_a_changed_body_an_old_timestamp_and_another_secret():
    body = b'{"id":"d1","event":"ping"}'
    now = 1_800_000_000
    signature = webhooks.sign(secret="whsec_a", timestamp=now, body=body)
    check = dict(secret="whsec_a", body=body, timestamp=str(now), signature=signature)

    assert webhooks.verify_signature(**check, now=now + 10)
    assert not webhooks.verify_signature(**{**check, "body": body + b" "}, now=now)
    assert not webhooks.verify_signature(**check, now=now + 301)  # a replay, later
    assert not webhooks.verify_signature(**{**check, "secret": "whsec_b"}, now=now)
    assert not webhooks.verify_signature(**{**check, "timestamp": str(now + 1)}, now=now)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://10.0.0.5/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/",
    ],
)
def test_private_addresses_are_refused_outside_development(photographer, url):
    with pytest.raises(ValidationError, match="private or local address"):
        services.webhook_create(owner=photographer, url=url, events=["photo.failed"])


def test_a_name_that_resolves_to_a_private_address_is_not_sent_to(photographer, settings):
    webhook, _ = services.webhook_create(
        owner=photographer, url="http://localhost:9/hook", events=["photo.failed"]
    )
    attempt = services.delivery_attempt(delivery=services.delivery_ping(webhook=webhook))
    assert attempt.status_code is None
    assert "Not sent" in attempt.error and "private or local" in attempt.error


@pytest.mark.parametrize(
    ("url", "events_", "problem"),
    [
        ("ftp://example.com/x", ["photo.failed"], "must start with https://"),
        ("https://example.com/x", ["photo.uploaded"], "Unknown events: photo.uploaded"),
        ("https://example.com/x", [], "at least one event"),
    ],
)
def test_a_webhook_needs_a_web_url_and_known_events(photographer, url, events_, problem):
    with pytest.raises(ValidationError, match=problem):
        services.webhook_create(owner=photographer, url=url, events=events_)


PUBLIC = "93.184.215.14"  # a global address; the test never really connects to it
# The metadata service's 169.254.169.254 carried inside IPv6 forms `is_global` misjudges.
TEREDO_METADATA = "2001:0:4136:e378:8000:63bf:5601:5601"  # client bits = ~169.254.169.254


class FakeNetwork:
    """DNS answers per name (one list per lookup, the last repeated) and a record of every
    address the real connection code asks the socket layer to connect to. Connections to
    anything but 127.0.0.1 are refused here, so no test packet leaves the machine."""

    def __init__(self, monkeypatch, answers: dict[str, list[list[str]]]):
        import socket

        self.answers, self.lookups, self.connected = answers, [], []
        real_connect = socket.create_connection

        def getaddrinfo(host, port, *args, **kwargs):
            family = {4: socket.AF_INET, 6: socket.AF_INET6}
            if ":" in host or host[0].isdigit():  # a literal: no DNS, as the real one
                return [(family[6 if ":" in host else 4], socket.SOCK_STREAM, 6, "", (host, port))]
            self.lookups.append(host)
            replies = self.answers.get(host)
            if not replies:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            reply = replies[min(self.lookups.count(host), len(replies)) - 1]
            return [
                (family[6 if ":" in a else 4], socket.SOCK_STREAM, 6, "", (a, port)) for a in reply
            ]

        def create_connection(address, *args, **kwargs):
            self.connected.append(address)
            if address[0] != "127.0.0.1":
                raise ConnectionRefusedError("the tests do not reach the internet")
            return real_connect(address, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(socket, "create_connection", create_connection)


@pytest.mark.parametrize(
    ("url", "dns", "connects_to"),
    [
        ("http://127.0.0.1:8000/hook", {}, None),  # loopback
        ("http://[::1]/hook", {}, None),
        ("http://0.0.0.0/hook", {}, None),
        ("http://10.0.0.5/hook", {}, None),  # private
        ("http://192.168.1.20/hook", {}, None),
        ("http://100.64.0.1/hook", {}, None),  # carrier-grade NAT
        ("http://[fd00::1]/hook", {}, None),  # unique local
        ("http://169.254.169.254/latest/meta-data/", {}, None),  # link-local, metadata
        ("http://[fe80::1]/hook", {}, None),
        ("http://[64:ff9b::a9fe:a9fe]/", {}, None),  # NAT64 of the metadata address
        ("http://[64:ff9b:1::a9fe:a9fe]/", {}, None),  # local-use NAT64
        ("http://[2002:a9fe:a9fe::]/", {}, None),  # 6to4
        (f"http://[{TEREDO_METADATA}]/", {}, None),  # Teredo
        ("http://[::ffff:169.254.169.254]/", {}, None),  # IPv4-mapped
        ("http://[::ffff:127.0.0.1]/", {}, None),
        ("http://[::a9fe:a9fe]/", {}, None),  # IPv4-compatible (deprecated)
        ("http://intranet.example/hook", {"intranet.example": [["10.1.2.3"]]}, None),
        ("http://v6.example/hook", {"v6.example": [["64:ff9b::a9fe:a9fe"]]}, None),
        ("http://mixed.example/hook", {"mixed.example": [[PUBLIC, "127.0.0.1"]]}, None),
        ("http://nowhere.example/hook", {}, None),  # does not resolve
        # A public name, then a rebinding to loopback: only the checked answer is used.
        (
            "http://rebind.example/hook",
            {"rebind.example": [[PUBLIC], ["127.0.0.1"]]},
            (PUBLIC, 80),
        ),
        (f"https://{PUBLIC}/hook", {}, (PUBLIC, 443)),
        ("http://[64:ff9b::5db8:d70e]:8080/", {}, ("64:ff9b::5db8:d70e", 8080)),  # NAT64, public
    ],
)
def test_deliveries_go_only_to_public_addresses_checked_before_connecting(
    monkeypatch, url, dns, connects_to
):
    network = FakeNetwork(monkeypatch, dns)

    outcome = webhooks.post(url=url, body=b"{}", headers={})

    host = urlsplit(url).hostname
    assert network.lookups == ([] if ":" in host or host[0].isdigit() else [host])  # once
    if connects_to is None:
        assert outcome.error.startswith("Not sent:"), outcome.error
        assert network.connected == []
    else:
        assert outcome.error.startswith("No answer:"), outcome.error
        assert network.connected == [connects_to]


def test_a_rebinding_name_is_delivered_to_the_address_checked_with_its_own_host_header(
    monkeypatch, receiver, allow_local_webhooks
):
    listening = receiver()
    port = listening.server.server_address[1]
    # The first answer is the receiver; a second lookup would send the POST elsewhere.
    network = FakeNetwork(monkeypatch, {"hooks.example": [["127.0.0.1"], ["127.0.0.2"]]})

    outcome = webhooks.post(url=f"http://hooks.example:{port}/in?x=1", body=b"{}", headers={})

    assert outcome.succeeded, outcome.error
    assert network.lookups == ["hooks.example"]
    assert network.connected == [("127.0.0.1", port)]
    [request] = listening.received
    assert request["headers"]["Host"] == f"hooks.example:{port}"
    assert request["path"] == "/in?x=1"


def test_tls_goes_to_the_checked_address_and_verifies_the_urls_name(
    monkeypatch, receiver, allow_local_webhooks, tls_certificate
):
    cert, key = tls_certificate
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    names = []
    server_side.sni_callback = lambda _socket, name, _context: names.append(name)
    listening = receiver(tls=server_side)
    port = listening.server.server_address[1]
    trusting = ssl.create_default_context(cafile=str(cert))
    network = FakeNetwork(monkeypatch, {"hooks.example": [["127.0.0.1"], ["127.0.0.2"]]})

    outcome = webhooks.post(
        url=f"https://hooks.example:{port}/in", body=b"{}", headers={}, ssl_context=trusting
    )

    assert outcome.succeeded, outcome.error
    assert names == ["hooks.example"]  # SNI: the URL's name, not the address
    assert network.connected == [("127.0.0.1", port)]
    assert listening.received[0]["headers"]["Host"] == f"hooks.example:{port}"
    # The certificate is checked against the URL's name: by address it does not match.
    by_address = webhooks.post(
        url=f"https://127.0.0.1:{port}/in", body=b"{}", headers={}, ssl_context=trusting
    )
    assert by_address.status_code is None and "certificate" in by_address.error.lower()
