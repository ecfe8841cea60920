"""Writes for share links and client activity. Views and the API call these, never the
models directly, so rules (locks, limits, throttles, release) hold everywhere."""

from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import timezones
from gallery import services as gallery_services
from gallery.models import Gallery, Photo
from lambda_processor import records as schema

from . import marks, notify, selectors, throttle, tokens
from .errors import (
    NotAllowed,
    PasswordThrottled,
    SelectionLocked,
    SelectionRuleBroken,
    WrongPassword,
)
from .models import (
    Comment,
    Favourite,
    Label,
    LinkEvent,
    Mark,
    MarkSettings,
    ReleasedPhoto,
    ShareLink,
    Visitor,
)

PASSWORD_MIN_LENGTH = 6
LINK_FIELDS = ("label", "expires_at", "allow_favourites", "allow_comments", "allow_downloads")


def _check_link(link: ShareLink) -> None:
    link.label = (link.label or "").strip()
    if not link.label:
        raise ValidationError({"label": "Give the link a label, for example “Family”."})
    if link.expires_at is not None and link.expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The expiry date is in the past."})


def _password_hash(password: str) -> str:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValidationError(
            {"password": f"Use at least {PASSWORD_MIN_LENGTH} characters for a link password."}
        )
    return make_password(password)


def share_link_create(
    *,
    gallery: Gallery,
    label: str,
    password: str = "",
    expires_at: datetime | None = None,
    allow_favourites: bool = True,
    allow_comments: bool = True,
    allow_downloads: bool = True,
) -> ShareLink:
    salt = tokens.new_salt()
    link = ShareLink(
        gallery=gallery,
        label=label,
        token_salt=salt,
        token_digest=tokens.digest(tokens.derive(salt)),
        password_hash=_password_hash(password) if password else "",
        expires_at=expires_at,
        allow_favourites=allow_favourites,
        allow_comments=allow_comments,
        allow_downloads=allow_downloads,
    )
    _check_link(link)
    link.save()
    return link


def share_link_update(*, link: ShareLink, password: str | None = None, **fields) -> ShareLink:
    """Changes settings at once for everyone on the link. `password`: None keeps it,
    "" removes it, anything else replaces it (and sends every visitor back to the gate)."""
    unknown = set(fields) - set(LINK_FIELDS)
    if unknown:
        raise TypeError(f"unknown share link fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(link, name, value)
    if password is not None:
        link.password_hash = _password_hash(password) if password else ""
    _check_link(link)
    link.save()
    return link


def share_link_revoke(*, link: ShareLink, revoked: bool = True) -> ShareLink:
    link.revoked_at = timezone.now() if revoked else None
    link.save(update_fields=["revoked_at", "updated_at"])
    return link


def share_link_reissue(*, link: ShareLink) -> ShareLink:
    """A new token for the link (the old URL stops working); for a token that leaked or
    one no longer recoverable after SECRET_KEY was rotated."""
    link.token_salt = tokens.new_salt()
    link.token_digest = tokens.digest(tokens.derive(link.token_salt))
    link.save(update_fields=["token_salt", "token_digest", "updated_at"])
    return link


def _minutes_until(moment: datetime) -> int:
    return max(1, -(-int((moment - timezone.now()).total_seconds()) // 60))


def share_link_unlock(*, link: ShareLink, password: str, address: str) -> None:
    """Checks a client's password at the pace `throttle` sets. Raises WrongPassword or
    PasswordThrottled (with the one `retry_at` rule, whether refused before or after)."""
    # Outside any caller's transaction: a refused attempt must stay counted.
    verdict = throttle.attempt_record(link=link, password=password, address=address)
    if verdict.link_alarm:
        notify.link_password_attack(link=link)
    if verdict.ok:
        return
    if verdict.retry_at is not None:
        # In the current zone (the gallery owner's on the client's pages), named: the
        # client may be elsewhere, and the minutes say it anyway.
        until = f"{timezone.localtime(verdict.retry_at):%H:%M} {timezones.current_zone_label()}"
        wait = f"{_minutes_until(verdict.retry_at)} minutes (until {until})"
        first = (
            "That password is not right, and that was the last try for now."
            if verdict.checked
            else "Too many wrong passwords from here."
        )
        raise PasswordThrottled(
            f"{first} For your security this link is paused here for {wait}; "
            "try again then, or ask your photographer for the password.",
            retry_at=verdict.retry_at,
        )
    left = verdict.tries_left
    raise WrongPassword(
        f"That password is not right. {left} more {'try' if left == 1 else 'tries'} "
        "before this link pauses here for a while."
    )


def visitor_join(*, link: ShareLink, name: str, email: str) -> Visitor:
    """The same e-mail on the same link is the same person, so a client who moves from
    phone to laptop finds their favourites again."""
    name, email = name.strip(), email.strip().lower()
    if not name:
        raise ValidationError({"name": "Tell us your name."})
    visitor = Visitor(link=link, name=name[:120], email=email)
    visitor.full_clean(exclude=["link"], validate_unique=False)
    try:
        with transaction.atomic():
            visitor.save()
    except IntegrityError:
        visitor = Visitor.objects.get(link=link, email=email)
        if visitor.name != name:
            visitor.name = name[:120]
            visitor.save(update_fields=["name"])
    return visitor


# "Last seen" is kept to the minute: a client paging through a gallery does not write
# the visitor's row on every page load.
SEEN_RESOLUTION = timedelta(minutes=1)


def visitor_seen(*, visitor: Visitor) -> None:
    now = timezone.now()
    if visitor.last_seen_at is not None and now - visitor.last_seen_at < SEEN_RESOLUTION:
        return
    visitor.last_seen_at = now
    Visitor.objects.filter(pk=visitor.pk).update(last_seen_at=now)


def link_event_record(
    *, link: ShareLink, kind: str, visitor: Visitor | None = None, photo: Photo | None = None
) -> LinkEvent:
    return LinkEvent.objects.create(link=link, kind=kind, visitor=visitor, photo=photo)


def _check_open(visitor: Visitor) -> None:
    if visitor.is_locked:
        raise SelectionLocked(
            "Your selection has been sent, so it can no longer change. "
            "Ask your photographer to unlock it if you want to make changes."
        )


def _lock_open(visitor: Visitor) -> None:
    """Inside a transaction: holds the visitor's row and checks, freshly read, that their
    selection is not sent, so parallel requests cannot slip past a submit."""
    Visitor.objects.select_for_update().filter(pk=visitor.pk).first()
    visitor.refresh_from_db(fields=["submitted_at"])
    _check_open(visitor)


def _check_photo(visitor: Visitor, photo: Photo) -> None:
    # Views look photos up through the link's gallery already; this guards other callers.
    if photo.gallery_id != visitor.link.gallery_id or photo.hidden:
        raise Photo.DoesNotExist("No such photo in this gallery.")


@transaction.atomic
def favourite_set(*, visitor: Visitor, photo: Photo, favourite: bool) -> int:
    """Marks or unmarks a favourite; returns the visitor's new count."""
    if not visitor.link.allow_favourites:
        raise NotAllowed("Favourites are switched off for this link.")
    _check_photo(visitor, photo)
    _lock_open(visitor)
    count = _favourite_apply(visitor, photo, favourite)
    if favourite:
        # Lightroom's flag is one of pick, unflagged or rejected: a pick is not a reject.
        Mark.objects.filter(visitor=visitor, photo=photo, rejected=True).update(rejected=False)
        Mark.objects.filter(visitor=visitor, photo=photo, label="", stars=0).delete()
    return count


def _favourite_apply(visitor: Visitor, photo: Photo, favourite: bool) -> int:
    existing = Favourite.objects.filter(visitor=visitor, photo=photo)
    count = visitor.favourites.filter(photo__hidden=False).count()
    if favourite and not existing.exists():
        limit = visitor.link.gallery.max_favourites
        if limit is not None and count >= limit:
            raise SelectionRuleBroken(
                f"You can choose up to {limit} photos. Remove one to add this one."
            )
        Favourite.objects.create(visitor=visitor, photo=photo)
        count += 1
    elif not favourite:
        count -= existing.delete()[0]
    return count


def mark_settings_update(
    *,
    gallery: Gallery,
    show_labels: bool | None = None,
    show_stars: bool | None = None,
    show_reject: bool | None = None,
    label_meanings: dict[str, str] | None = None,
) -> MarkSettings:
    """Which marks the gallery's clients see (None keeps a setting) and what each colour
    means here ("green" -> "print"); an empty meaning removes it."""
    settings_row, _ = MarkSettings.objects.get_or_create(gallery=gallery)
    for name, value in (
        ("show_labels", show_labels),
        ("show_stars", show_stars),
        ("show_reject", show_reject),
    ):
        if value is not None:
            setattr(settings_row, name, value)
    if label_meanings is not None:
        unknown = set(label_meanings) - set(Label.values)
        if unknown:
            raise ValidationError(
                {"label_meanings": f"Colours are {', '.join(Label.values)}; not {sorted(unknown)}."}
            )
        meanings = {}
        for colour, meaning in label_meanings.items():
            meaning = str(meaning or "").strip()
            if len(meaning) > 40:
                raise ValidationError({"label_meanings": "Keep each meaning under 40 characters."})
            if meaning:
                meanings[colour] = meaning
        settings_row.label_meanings = meanings
    settings_row.save()
    return settings_row


@transaction.atomic
def mark_set(
    *,
    visitor: Visitor,
    photo: Photo,
    favourite: bool | None = None,
    label: str | None = None,
    stars: int | None = None,
    rejected: bool | None = None,
    as_client: bool = True,
) -> marks.PhotoMarks:
    """Changes the marks given (None leaves one as it is; label "" clears the colour) and
    returns the photo's marks. A client may set only the marks the gallery shows them;
    the photographer's API (`as_client=False`) may set any. A sent selection refuses all."""
    if label is not None and label != "" and label not in Label.values:
        raise ValidationError({"label": f'Use one of {", ".join(Label.values)}, or "".'})
    if stars is not None and not (isinstance(stars, int) and 0 <= stars <= 5):
        raise ValidationError({"stars": "Stars go from 0 to 5."})
    if as_client:
        shown = marks.mark_settings(gallery=visitor.link.gallery)
        for value, allowed, what in (
            (label, shown.show_labels, "Colour labels"),
            (stars, shown.show_stars, "Star ratings"),
            (rejected, shown.show_reject, "Rejects"),
        ):
            if value is not None and not allowed:
                raise NotAllowed(f"{what} are switched off for this gallery.")
        if favourite is not None and not visitor.link.allow_favourites:
            raise NotAllowed("Favourites are switched off for this link.")
    _check_photo(visitor, photo)
    _lock_open(visitor)
    if rejected:
        favourite = False  # Lightroom's one flag: a reject is not a pick
    if favourite is not None:
        _favourite_apply(visitor, photo, favourite)
        if favourite:
            rejected = False
    mark = Mark.objects.filter(visitor=visitor, photo=photo).first() or Mark(
        visitor=visitor, photo=photo
    )
    if label is not None:
        mark.label = label
    if stars is not None:
        mark.stars = stars
    if rejected is not None:
        mark.rejected = rejected
    if mark.is_empty:
        if mark.pk:
            mark.delete()
    else:
        mark.save()
    return marks.photo_marks(visitor=visitor, photo=photo)


def comment_create(*, visitor: Visitor, photo: Photo, body: str) -> Comment:
    if not visitor.link.allow_comments:
        raise NotAllowed("Comments are switched off for this link.")
    _check_photo(visitor, photo)
    _check_open(visitor)
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write something first."})
    if len(body) > Comment.MAX_LENGTH:
        raise ValidationError(
            {"body": f"Keep a comment under {Comment.MAX_LENGTH} characters, please."}
        )
    return Comment.objects.create(visitor=visitor, photo=photo, body=body)


def comment_delete(*, visitor: Visitor, comment_id: int) -> None:
    _check_open(visitor)
    deleted, _ = Comment.objects.filter(visitor=visitor, pk=comment_id).delete()
    if not deleted:
        raise Comment.DoesNotExist("No such comment.")


def comment_reply(*, comment: Comment, body: str) -> Comment:
    """The photographer answers a comment; "" withdraws the answer. Replies stay possible
    after the selection is sent: the lock is the client's."""
    body = body.strip()
    if len(body) > Comment.MAX_LENGTH:
        raise ValidationError(
            {"reply": f"Keep a reply under {Comment.MAX_LENGTH} characters, please."}
        )
    comment.reply = body
    comment.replied_at = timezone.now() if body else None
    comment.save(update_fields=["reply", "replied_at"])
    return comment


def selection_submit(*, visitor: Visitor) -> Visitor:
    """Locks the visitor's favourites and other marks, and tells the photographer
    (workspace, e-mail, events)."""
    gallery = visitor.link.gallery
    with transaction.atomic():
        _lock_open(visitor)
        count = visitor.favourites.filter(photo__hidden=False).count()
        low, high = gallery.min_favourites, gallery.max_favourites
        if count == 0 or (low is not None and count < low):
            need = max(low or 1, 1)
            raise SelectionRuleBroken(
                f"Choose at least {need} {'photo' if need == 1 else 'photos'} before sending; "
                f"you have {count}."
            )
        if high is not None and count > high:
            raise SelectionRuleBroken(f"Choose at most {high} photos; you have {count}.")
        visitor.submitted_at = timezone.now()
        visitor.seen_at = None
        visitor.save(update_fields=["submitted_at", "seen_at"])
        link_event_record(link=visitor.link, kind=LinkEvent.Kind.SUBMIT, visitor=visitor)
    # After the commit: listeners and the mail see the locked selection.
    notify.selection_submitted(visitor=visitor)
    return visitor


def selection_reopen(*, visitor: Visitor) -> Visitor:
    """The photographer unlocks a submitted selection so the client can change it."""
    if visitor.submitted_at is not None:
        visitor.submitted_at = None
        visitor.save(update_fields=["submitted_at"])
        link_event_record(link=visitor.link, kind=LinkEvent.Kind.REOPEN, visitor=visitor)
    return visitor


def selections_mark_seen(*, gallery: Gallery) -> int:
    return Visitor.objects.filter(
        link__gallery=gallery, submitted_at__isnull=False, seen_at__isnull=True
    ).update(seen_at=timezone.now())


@transaction.atomic
def gallery_release(*, gallery: Gallery, scope: str) -> Gallery:
    """Releases originals: "all", "selection" (the photos in submitted selections now) or
    "none" (withdraws a release)."""
    if scope not in Gallery.Release.values:
        raise ValidationError({"scope": f"Release “all”, “selection” or “none”, not {scope!r}."})
    if scope != Gallery.Release.NONE and (
        gallery.download_policy != Gallery.DownloadPolicy.ORIGINALS
    ):
        raise ValidationError(
            "Set this gallery's downloads to “Originals after release” before releasing."
        )
    ReleasedPhoto.objects.filter(gallery=gallery).delete()
    if scope == Gallery.Release.SELECTION:
        photo_ids = selectors.submitted_photo_ids(gallery=gallery)
        if not photo_ids:
            raise ValidationError("No client has submitted a selection yet.")
        ReleasedPhoto.objects.bulk_create(
            ReleasedPhoto(gallery=gallery, photo_id=photo_id) for photo_id in sorted(photo_ids)
        )
    gallery.release = scope
    gallery.released_at = None if scope == Gallery.Release.NONE else timezone.now()
    gallery.save(update_fields=["release", "released_at", "updated_at"])
    # Released photos get a clean web-size rendition, rendered as a watermark change is.
    clean: str | list[str] = []
    if scope == Gallery.Release.ALL:
        clean = schema.CLEAN_ALL
    elif scope == Gallery.Release.SELECTION:
        clean = sorted(photo_ids)
    gallery_services.gallery_set_clean_photos(gallery=gallery, clean=clean)
    return gallery
