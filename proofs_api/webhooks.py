"""How a webhook delivery travels: the events a photographer can subscribe to, the retry
schedule, the signature, and one HTTP POST. No database here; `services` keeps the log.

A receiver checks a delivery with `verify_signature` (the README shows the same steps):
HMAC-SHA256, under the webhook's secret, of `<timestamp>.<raw body>`, where the timestamp
is the `X-Proofsheet-Timestamp` header. Signing the timestamp too lets a receiver refuse
an old delivery replayed at it.
"""

import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
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


# IPv6 forms that carry an IPv4 address a router or relay would reach: `is_global` judges
# the IPv6 prefix, not the IPv4 inside, so each is unwrapped and judged again.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    low32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if any(ip in network for network in _NAT64) or ip in _IPV4_COMPATIBLE:
        found.append(low32)
    return [address for address in found if address is not None]


def is_public_address(address: str) -> bool:
    """Global unicast, and so is any IPv4 address embedded in it (NAT64, 6to4, Teredo,
    IPv4-mapped or -compatible): `[64:ff9b::a9fe:a9fe]` is the metadata service."""
    ip = ipaddress.ip_address(address)
    candidates = [ip, *(_embedded_ipv4(ip) if ip.version == 6 else ())]
    return all(one.is_global and not one.is_multicast for one in candidates)


Resolver = Callable[..., list]


def _resolve(host: str, port: int, resolver: Resolver) -> list[str]:
    infos = resolver(host, port, type=socket.SOCK_STREAM)
    # Drop an IPv6 zone ("fe80::1%eth0"): ipaddress judges the address without it.
    return list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))


def url_problem(url: str, *, resolve: bool, resolver: Resolver | None = None) -> str | None:
    """Why a URL cannot receive deliveries, or None. `resolve` looks the host up in DNS
    (every delivery does, and connects only to what it checked: see `post`)."""
    try:
        _target(url, resolve=resolve, resolver=resolver)
    except _Refused as refused:
        return str(refused)
    return None


class _Refused(Exception):
    pass


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def _target(url: str, *, resolve: bool, resolver: Resolver | None) -> _Target:
    """The URL's parts and the addresses it may be sent to, each already checked."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in ("http", "https") or not parts.hostname or port == -1:
        raise _Refused("The URL must start with https:// (or http://) and name a host.")
    host = parts.hostname
    port = port or (443 if parts.scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if _is_ip(host):
        addresses = [host]
    elif resolve:
        try:
            addresses = _resolve(host, port, resolver or socket.getaddrinfo)
        except (OSError, UnicodeError):
            raise _Refused(f"The host {host} could not be found.") from None
        if not addresses:
            raise _Refused(f"The host {host} could not be found.")
    else:
        addresses = []
    if not private_hosts_allowed() and not all(map(is_public_address, addresses)):
        raise _Refused(f"The host {host} is a private or local address; use a public URL.")
    return _Target(parts.scheme, host, port, path, tuple(addresses))


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address checked beforehand, never to what a second DNS lookup says;
    `Host` is still the URL's host."""

    def __init__(self, host, port, *, address: str, **kwargs):
        super().__init__(host, port, **kwargs)
        self._create_connection = lambda _where, *args, **kw: socket.create_connection(
            (address, port), *args, **kw
        )


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The same for TLS: the socket goes to the checked address, while SNI and the
    certificate's name check use the URL's host (HTTPSConnection wraps with `self.host`)."""

    def __init__(self, host, port, *, address: str, **kwargs):
        super().__init__(host, port, **kwargs)
        self._create_connection = lambda _where, *args, **kw: socket.create_connection(
            (address, port), *args, **kw
        )


@dataclass
class Outcome:
    status_code: int | None
    error: str
    response_excerpt: str
    duration_ms: int

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _connection(target: _Target, *, address: str, timeout: float, context):
    if target.scheme == "https":
        return _PinnedHTTPSConnection(
            target.host,
            target.port,
            address=address,
            timeout=timeout,
            context=context or ssl.create_default_context(),
        )
    return _PinnedHTTPConnection(target.host, target.port, address=address, timeout=timeout)


def post(
    *,
    url: str,
    body: bytes,
    headers: dict,
    timeout: float = TIMEOUT_SECONDS,
    resolver: Resolver | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> Outcome:
    """One POST to an address the host resolved to, every one checked before connecting.
    Any 2xx is success; anything else (a redirect included: it is an answer, not an
    instruction to follow), or no answer, is a failure to retry. `resolver` and
    `ssl_context` stand in for DNS and the system's trust store in tests."""
    started = time.monotonic()

    def outcome(status_code=None, error="", excerpt=b"") -> Outcome:
        elapsed = int((time.monotonic() - started) * 1000)
        text = excerpt[:500].decode("utf-8", errors="replace")
        return Outcome(status_code, error[:300], text, elapsed)

    try:
        target = _target(url, resolve=True, resolver=resolver)
    except _Refused as refused:
        return outcome(error=f"Not sent: {refused}")
    connection, error = None, None
    for address in target.addresses:  # as resolved: IPv6 first where the resolver says so
        connection = _connection(target, address=address, timeout=timeout, context=ssl_context)
        try:
            connection.connect()
            break
        except OSError as refused:
            connection.close()
            connection, error = None, refused
    if connection is None:
        return outcome(error=f"No answer: {error}")
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = response.read(500)
    except (OSError, http.client.HTTPException) as error:
        return outcome(error=f"No answer: {error}")
    finally:
        connection.close()
    if 200 <= response.status < 300:
        return outcome(response.status, excerpt=excerpt)
    return outcome(response.status, f"The receiver answered {response.status}.", excerpt)
