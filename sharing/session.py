"""What a browser remembers per link, in Django's (database-backed) session: that it
gave the password, and which visitor it is. Nothing here is trusted without a check."""

from django.utils.crypto import constant_time_compare, salted_hmac

from .models import ShareLink, Visitor

_KEY = "sharing.links"


def _entry(request, link: ShareLink) -> dict:
    return request.session.get(_KEY, {}).get(link.pk, {})


def _store(request, link: ShareLink, **values) -> None:
    links = dict(request.session.get(_KEY, {}))
    links[link.pk] = {**links.get(link.pk, {}), **values}
    request.session[_KEY] = links


def _password_marker(link: ShareLink) -> str:
    # Bound to the current password hash: a new (or removed) password locks the gate again.
    return salted_hmac("proofsheet.sharing.unlocked", link.password_hash).hexdigest()


def remember_unlock(request, link: ShareLink) -> None:
    # A fresh session id once a password is accepted, against session fixation.
    request.session.cycle_key()
    _store(request, link, unlocked=_password_marker(link))


def is_unlocked(request, link: ShareLink) -> bool:
    if not link.has_password:
        return True
    return constant_time_compare(_entry(request, link).get("unlocked", ""), _password_marker(link))


def remember_visitor(request, link: ShareLink, visitor: Visitor) -> None:
    _store(request, link, visitor=visitor.pk)


def forget_visitor(request, link: ShareLink) -> None:
    _store(request, link, visitor=None)


def visitor_id(request, link: ShareLink) -> str | None:
    return _entry(request, link).get("visitor")
