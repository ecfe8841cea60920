"""E-mails to clients about a link: the invitation the photographer sends from the Share
page, and the reminders a periodic run sends (`link_reminders_send_due`). Each one is
branded with the studio (HTML and text parts, the cover and the logo inline), goes through
Django's mail settings, and is recorded as a `LinkEmail` in the link's activity."""

import datetime as dt
import logging
from email.mime.image import MIMEImage
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import dateformat, timezone

from accounts import timezones
from accounts.selectors import studio_for
from gallery import branding
from gallery.storage import storage

from . import selectors
from .models import LinkEmail, LinkReminders, ShareLink, Visitor

logger = logging.getLogger(__name__)

MAX_RECIPIENTS = 20
_TEMPLATES = {
    LinkEmail.Kind.INVITATION: "sharing/email/invitation",
    LinkEmail.Kind.EXPIRY_REMINDER: "sharing/email/expiry_reminder",
    LinkEmail.Kind.SELECTION_REMINDER: "sharing/email/selection_reminder",
}


def _subject(kind: str, *, gallery, studio_name: str, closes_at=None) -> str:
    if kind == LinkEmail.Kind.INVITATION:
        return f"Your photos from {studio_name}: {gallery.title}"
    if kind == LinkEmail.Kind.EXPIRY_REMINDER:
        day = dateformat.format(timezone.localtime(closes_at), "j F") if closes_at else "soon"
        return f"“{gallery.title}” closes on {day}"
    return f"Your favourites from “{gallery.title}” are not sent yet"


def _closes_at(link: ShareLink):
    dates = [d for d in (link.expires_at, link.gallery.expires_at) if d is not None]
    return min(dates) if dates else None


def _inline_image(data: bytes, cid: str, subtype: str) -> MIMEImage:
    image = MIMEImage(data, _subtype=subtype)
    image.add_header("Content-ID", f"<{cid}>")
    image.add_header("Content-Disposition", "inline", filename=f"{cid}.{subtype}")
    return image


def _cover_bytes(gallery) -> bytes | None:
    """The cover's thumbnail (small enough for an e-mail), or None while none is ready."""
    cover = selectors.client_cover(gallery=gallery)
    key = cover.rendition("thumb").get("key") if cover else None
    if not key:
        return None
    with storage().open(key) as stream:
        return stream.read()


def link_email_compose(
    *,
    link: ShareLink,
    kind: str,
    recipients: list[str],
    message: str,
    origin: str,
    visitor: Visitor | None = None,
) -> EmailMultiAlternatives:
    """The branded e-mail, ready to send; its dates in the photographer's time zone (the
    one expiries were set in), whether sent from a page or by the reminders' schedule."""
    studio = studio_for(owner=link.gallery.owner)
    with timezones.override(studio.time_zone):
        return _compose(
            link=link,
            kind=kind,
            recipients=recipients,
            message=message,
            origin=origin,
            visitor=visitor,
            studio=studio,
        )


def _compose(*, link, kind, recipients, message, origin, visitor, studio):
    gallery = link.gallery
    path = selectors.share_link_path(link=link)
    if path is None:
        raise ValidationError("This link's address is lost; give it a new address first.")
    cover = _cover_bytes(gallery)
    logo = branding.studio_logo_bytes(studio=studio)
    context = {
        "gallery": gallery,
        "studio": studio,
        "brand": branding.brand_for(studio=studio),
        "url": origin.rstrip("/") + path,
        "message": message,
        "visitor": visitor,
        "closes_at": _closes_at(link),
        "zone_label": timezones.current_zone_label(),
        "has_cover": cover is not None,
        "has_logo": logo is not None,
    }
    template = _TEMPLATES[kind]
    email = EmailMultiAlternatives(
        subject=_subject(
            kind, gallery=gallery, studio_name=studio.name, closes_at=context["closes_at"]
        ),
        body=render_to_string(f"{template}.txt", context),
        from_email=formataddr((studio.name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1])),
        to=recipients,
        reply_to=[studio.email] if studio.email else None,
    )
    email.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    if cover or logo:
        email.mixed_subtype = "related"  # the HTML part shows them by Content-ID
    if cover:
        email.attach(_inline_image(cover, "cover", "jpeg"))
    if logo:
        email.attach(_inline_image(logo, "logo", "png"))
    return email


def _clean_recipients(recipients: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(address.strip().lower() for address in recipients if address))
    if not cleaned:
        raise ValidationError({"recipients": "Give at least one e-mail address."})
    if len(cleaned) > MAX_RECIPIENTS:
        raise ValidationError({"recipients": f"At most {MAX_RECIPIENTS} addresses at a time."})
    return cleaned


def link_invitation_send(
    *,
    link: ShareLink,
    recipients: list[str],
    message: str = "",
    origin: str = "",
    days_before_expiry: int | None = None,
    days_after_unsent_selection: int | None = None,
) -> LinkEmail:
    """E-mails the link to `recipients` and records it; the reminders asked for replace any
    asked for before. A mail server's refusal is a ValidationError and records nothing."""
    if selectors.link_closed_reason(link=link):
        raise ValidationError("This link is closed: switch it on or extend it first.")
    recipients = _clean_recipients(recipients)
    email = link_email_compose(
        link=link,
        kind=LinkEmail.Kind.INVITATION,
        recipients=recipients,
        message=message.strip(),
        origin=origin or settings.PROOFSHEET_SITE_ORIGIN,
    )
    with transaction.atomic():
        LinkReminders.objects.update_or_create(
            link=link,
            defaults={
                "days_before_expiry": days_before_expiry,
                "days_after_unsent_selection": days_after_unsent_selection,
            },
        )
        sent = LinkEmail.objects.create(
            link=link,
            kind=LinkEmail.Kind.INVITATION,
            recipients=recipients,
            subject=email.subject,
            message=message.strip(),
        )
        try:
            email.send()
        except Exception as error:  # SMTP or SES refused: say so, record nothing
            logger.exception("Could not send the invitation of link %s", link.pk)
            raise ValidationError(f"The e-mail could not be sent ({error}).") from error
    return sent


def _record_once(*, link, kind, recipients, subject, visitor=None) -> LinkEmail | None:
    """The reminder's row, or None when one of this kind was already sent."""
    try:
        with transaction.atomic():
            return LinkEmail.objects.create(
                link=link, visitor=visitor, kind=kind, recipients=recipients, subject=subject
            )
    except IntegrityError:
        return None


def _send_reminder(*, link, kind, recipients, visitor=None) -> bool:
    email = link_email_compose(
        link=link,
        kind=kind,
        recipients=recipients,
        message="",
        origin=settings.PROOFSHEET_SITE_ORIGIN,
        visitor=visitor,
    )
    # The row first, in the same transaction as the send: two runs at once send one.
    try:
        with transaction.atomic():
            if (
                _record_once(
                    link=link,
                    kind=kind,
                    recipients=recipients,
                    subject=email.subject,
                    visitor=visitor,
                )
                is None
            ):
                return False
            email.send()
    except Exception:  # the row is rolled back, so the next run tries again
        logger.exception("Could not send the %s of link %s", kind, link.pk)
        return False
    return True


def link_reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Sends every reminder that is due and not yet sent; returns how many went. Safe to
    run as often as wanted: each kind goes once per link (expiry) or visitor (selection)."""
    now = now or timezone.now()
    sent = 0
    plans = LinkReminders.objects.select_related("link__gallery__owner").filter(
        Q(days_before_expiry__isnull=False) | Q(days_after_unsent_selection__isnull=False),
        link__revoked_at__isnull=True,
        link__gallery__archived_at__isnull=True,
    )
    for plan in plans:
        link = plan.link
        if selectors.link_closed_reason(link=link):
            continue
        closes_at = _closes_at(link)
        if (
            plan.days_before_expiry is not None
            and closes_at is not None
            and closes_at - dt.timedelta(days=plan.days_before_expiry) <= now
            and not link.emails.filter(kind=LinkEmail.Kind.EXPIRY_REMINDER).exists()
        ):
            invited = [a for e in link.emails.filter(kind="invitation") for a in e.recipients]
            visitors = [v.email for v in link.visitors.filter(submitted_at__isnull=True)]
            recipients = list(dict.fromkeys(invited + visitors))
            if recipients:
                sent += _send_reminder(
                    link=link, kind=LinkEmail.Kind.EXPIRY_REMINDER, recipients=recipients
                )
        if plan.days_after_unsent_selection is not None and link.allow_favourites:
            quiet_since = now - dt.timedelta(days=plan.days_after_unsent_selection)
            waiting = (
                link.visitors.filter(submitted_at__isnull=True)
                .annotate(last_favourite=Max("favourites__created_at"))
                .filter(last_favourite__lte=quiet_since)
                .exclude(emails__kind=LinkEmail.Kind.SELECTION_REMINDER)
            )
            for visitor in waiting:
                sent += _send_reminder(
                    link=link,
                    kind=LinkEmail.Kind.SELECTION_REMINDER,
                    recipients=[visitor.email],
                    visitor=visitor,
                )
    return sent
