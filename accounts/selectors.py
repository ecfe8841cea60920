"""Reads: a photographer's studio as clients and notifications see it."""

from django.contrib.auth import get_user_model

from .models import DEFAULT_ACCENT, Studio


def studio_for(*, owner) -> Studio:
    """The owner's studio; one not yet saved (named after the account, writing to its
    e-mail) for a photographer who has not filled in Settings → Studio."""
    try:
        return owner.studio
    except Studio.DoesNotExist:
        name = owner.get_full_name() or owner.get_username()
        return Studio(owner=owner, name=name, email=owner.email, accent_colour=DEFAULT_ACCENT)


def studio_notification_email(*, owner) -> str:
    """Where the photographer's notifications go: the studio's address, else the account's."""
    return studio_for(owner=owner).email or owner.email


def time_zone_for(*, owner) -> str:
    """The photographer's IANA zone name, "" while they have none (times show in UTC)."""
    return studio_for(owner=owner).time_zone


def studio_of_site() -> Studio | None:
    """The studio to name where no gallery says whose it is (an unknown link): the site's
    only photographer's, as on a self-hosted install; None when several share
    the site, since an unknown token says nothing about whose it was."""
    owners = list(get_user_model().objects.filter(is_active=True).order_by("pk")[:2])
    if len(owners) != 1:
        return None
    return studio_for(owner=owners[0])
