"""The pace of password guesses on a share link (docs/security.md, "Share-link passwords").

The trade-off, decided: a link is never closed to everyone. Anyone with the URL could
otherwise keep the real client out with a handful of wrong passwords. Instead:

- each address may fail FAILURES_PER_ADDRESS times in a sliding WINDOW;
- once the whole link has had FAILURES_PER_LINK failures in the window (many addresses
  at once), every address, new ones included, gets SLOW_FAILURES_PER_ADDRESS per window,
  and the photographer is told once per window, so they can set a new password in one step.

An address that has not failed is always heard: the right password from a new address
opens the link. The price is that an attacker's guesses grow with the addresses they hold.

One rule for when an address may try again: when its oldest counted failure leaves the
window, i.e. the `allowance`-th most recent failure plus WINDOW.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.hashers import check_password
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import PasswordAttempt, ShareLink

WINDOW = timedelta(minutes=15)
FAILURES_PER_ADDRESS = 5
FAILURES_PER_LINK = 30
SLOW_FAILURES_PER_ADDRESS = 1


@dataclass(frozen=True)
class Verdict:
    checked: bool  # False: refused before the password was looked at
    ok: bool
    tries_left: int  # before this address must wait
    retry_at: datetime | None  # when this address may try again; None while it may now
    link_alarm: bool  # this failure put the link under attack (tell the photographer)


def address_digest(address: str) -> str:
    return salted_hmac("proofsheet.sharing.address", address or "unknown").hexdigest()


def _retry_at(failures: list[datetime], allowance: int) -> datetime | None:
    """`failures` newest first, within the window."""
    if len(failures) < allowance:
        return None
    return failures[allowance - 1] + WINDOW


@transaction.atomic
def attempt_record(*, link: ShareLink, password: str, address: str) -> Verdict:
    """Checks `password` if this address may try now, and counts a failure either way."""
    # Serialises attempts on one link, so parallel guesses cannot slip past the count.
    ShareLink.objects.select_for_update().filter(pk=link.pk).first()
    now = timezone.now()
    digest = address_digest(address)
    recent = PasswordAttempt.objects.filter(link=link, succeeded=False, created_at__gt=now - WINDOW)
    link_failures = recent.count()
    under_attack = link_failures >= FAILURES_PER_LINK
    allowance = SLOW_FAILURES_PER_ADDRESS if under_attack else FAILURES_PER_ADDRESS
    mine = list(
        recent.filter(address_digest=digest)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:FAILURES_PER_ADDRESS]
    )
    blocked_until = _retry_at(mine, allowance)
    if blocked_until is not None:
        return Verdict(False, False, 0, blocked_until, False)
    ok = link.has_password and check_password(password, link.password_hash)
    PasswordAttempt.objects.create(link=link, address_digest=digest, succeeded=ok, created_at=now)
    if ok:
        return Verdict(True, True, allowance - len(mine), None, False)
    mine.insert(0, now)
    return Verdict(
        checked=True,
        ok=False,
        tries_left=allowance - len(mine),
        retry_at=_retry_at(mine, allowance),
        link_alarm=link_failures + 1 == FAILURES_PER_LINK,
    )
