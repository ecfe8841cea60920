"""Telling the photographer that a client sent a selection: e-mail and the events hook
(webhooks subscribe there). The workspace shows the submission from the database."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from accounts.selectors import studio_notification_email
from core import events

from . import marks as mark_selectors

logger = logging.getLogger(__name__)


def selection_payload(*, visitor) -> dict:
    link = visitor.link
    favourites = visitor.favourites.filter(photo__hidden=False).select_related("photo")
    rows = mark_selectors.mark_rows(
        gallery=link.gallery, mark_filter=mark_selectors.MarkFilter(frozenset({visitor.pk}))
    )
    return {
        "gallery_id": link.gallery_id,
        "gallery_title": link.gallery.title,
        "link_id": link.pk,
        "link_label": link.label,
        "visitor": {"id": visitor.pk, "name": visitor.name, "email": visitor.email},
        "submitted_at": visitor.submitted_at.isoformat() if visitor.submitted_at else None,
        "photos": [{"id": f.photo_id, "filename": f.photo.filename} for f in favourites],
        # Every photo the client marked: favourite (Lightroom's pick), label, stars, reject.
        "marks": [
            {"id": row.photo.pk, "filename": row.photo.filename, **row.marks.as_dict()}
            for row in rows
            if row.marks.is_marked
        ],
    }


def selection_submitted(*, visitor) -> None:
    gallery = visitor.link.gallery
    payload = selection_payload(visitor=visitor)
    count = len(payload["photos"])
    url = settings.PROOFSHEET_SITE_ORIGIN + reverse("sharing:selections", args=[gallery.pk])
    recipient = studio_notification_email(owner=gallery.owner)
    if recipient:
        try:
            send_mail(
                subject=f"{visitor.name} sent {count} favourites from “{gallery.title}”",
                message=(
                    f"{visitor.name} <{visitor.email}> submitted a selection of {count} "
                    f"photos through the link “{visitor.link.label}”.\n\n"
                    f"See it, copy the file names for Lightroom or unlock it:\n{url}\n"
                ),
                from_email=None,
                recipient_list=[recipient],
            )
        except Exception:  # A mail outage must not undo the client's submission.
            logger.exception("Could not e-mail the selection of visitor %s", visitor.pk)
    try:
        events.emit(owner=gallery.owner, name="selection.submitted", payload=payload)
    except Exception:  # Webhook delivery has its own retries; the submission stands.
        logger.exception("A selection.submitted listener failed for visitor %s", visitor.pk)


def link_password_attack(*, link) -> None:
    """Many wrong passwords on one link from many addresses: the link stays open to the
    right password (see `throttle`), so the photographer decides whether to change it."""
    gallery = link.gallery
    recipient = studio_notification_email(owner=gallery.owner)
    if not recipient:
        return
    url = settings.PROOFSHEET_SITE_ORIGIN + reverse("sharing:link_edit", args=[link.pk])
    try:
        send_mail(
            subject=f"Many wrong passwords on the link “{link.label}” of “{gallery.title}”",
            message=(
                "Someone has tried many wrong passwords on this share link, from several "
                "addresses. Guesses are slowed down and your client can still open it with "
                "the right password. If the password may be weak or the link shared too "
                f"widely, set a new one here (one step):\n{url}\n"
            ),
            from_email=None,
            recipient_list=[recipient],
        )
    except Exception:  # A mail outage must not change the answer to the guess.
        logger.exception("Could not e-mail the password alarm of link %s", link.pk)
