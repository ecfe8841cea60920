"""How a webhook delivery travels: the events a photographer can subscribe to, the retry
schedule, the signature, and one HTTP POST. No database here; `services` keeps the log.

A receiver checks a delivery with `verify_signature` (the README shows the same steps):
HMAC-SHA256, under the webhook's secret, of `<timestamp>.<raw body>`, where the timestamp
is the `X-Proofsheet-Timestamp` header. Signing the timestamp too lets a receiver refuse
an old delivery replayed at it.
"""

import hashlib
import hmac
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings

EVENTS = {
    "selection.submitted": "A client submitted a selection of favourites.",
    "photo.failed": "A photo could not be processed; the reason is in the payload.",
    "gallery.processed": "Every uploaded photo of a gallery has finished processing.",
}
# Sent only when the photographer asks for a test delivery; nobody subscribes to it.
PING_EVENT = "ping"

# The retry schedule is `settings.PROOFSHEET_WEBHOOK_RETRY_DELAYS`.
TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "X-Proofsheet-Signature"
TIMESTAMP_HEADER = "X-Proofsheet-Timestamp"
EVENT_HEADER = "X-Proofsheet-Event"
DELIVERY_HEADER = "X-Proofsheet-Delivery"
USER_AGENT = "Proofsheet-Webhooks/1.0"
# How far a receiver should let the timestamp drift from its own clock.
TOLERANCE_SECONDS = 300


def retry_delays() -> tuple[timedelta, ...]:
    return tuple(settings.PROOFSHEET_WEBHOOK_RETRY_DELAYS)


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify_signature(
    *, secret: str, body: bytes, timestamp: str, signature: str, now: float | None = None
) -> bool:
    """What a receiver does: a fresh timestamp and a matching signature, compared in
    constant time."""
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - sent_at) > TOLERANCE_SECONDS:
        return False
    expected = sign(secret=secret, timestamp=sent_at, body=body)
    return hmac.compare_digest(expected, signature or "")


def request_headers(*, secret: str, body: bytes, event: str, delivery_id: str) -> dict:
    timestamp = int(time.time())
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: event,
        DELIVERY_HEADER: delivery_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(secret=secret, timestamp=timestamp, body=body),
    }


def private_hosts_allowed() -> bool:
    """Deliveries to this machine's network are refused in production (a webhook must not
    become a way to reach internal services); development and tests receive locally."""
    return settings.DEBUG or settings.PROOFSHEET_WEBHOOK_ALLOW_PRIVATE_HOSTS


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_global and not ip.is_multicast


def url_problem(url: str, *, resolve: bool) -> str | None:
    """Why a URL cannot receive deliveries, or None. `resolve` looks the host up in DNS,
    which is done again before every attempt, since a name may move."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "The URL must start with https:// (or http://) and name a host."
    if private_hosts_allowed():
        return None
    host = parts.hostname
    try:
        addresses = [host] if _is_ip(host) else _resolve(host, parts.port) if resolve else []
    except OSError:
        return f"The host {host} could not be found."
    if any(not _is_public(address) for address in addresses):
        return f"The host {host} is a private or local address; use a public URL."
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _resolve(host: str, port: int | None) -> list[str]:
    return sorted({info[4][0] for info in socket.getaddrinfo(host, port or 443)})


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an instruction: following it could lead anywhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


@dataclass
class Outcome:
    status_code: int | None
    error: str
    response_excerpt: str
    duration_ms: int

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(*, url: str, body: bytes, headers: dict, timeout: float = TIMEOUT_SECONDS) -> Outcome:
    """One POST. Any 2xx is success; anything else, or no answer, is a failure to retry."""
    started = time.monotonic()

    def outcome(status_code=None, error="", excerpt=b"") -> Outcome:
        elapsed = int((time.monotonic() - started) * 1000)
        text = excerpt[:500].decode("utf-8", errors="replace")
        return Outcome(status_code, error[:300], text, elapsed)

    problem = url_problem(url, resolve=True)
    if problem:
        return outcome(error=f"Not sent: {problem}")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=timeout) as response:
            return outcome(response.status, excerpt=response.read(500))
    except urllib.error.HTTPError as error:
        with error:
            return outcome(error.code, f"The receiver answered {error.code}.", error.read(500))
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        return outcome(error=f"No answer: {reason}")
