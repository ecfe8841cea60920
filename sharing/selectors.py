"""Reads for share links, the client's gallery and the photographer's overview."""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Count, F, QuerySet
from django.urls import reverse
from django.utils import timezone

from gallery import selectors as gallery_selectors
from gallery.models import Gallery, Photo
from gallery.selectors import PhotoView
from lambda_processor import records as schema

from . import marks as mark_selectors
from . import tokens
from .models import (
    Comment,
    Favourite,
    LinkEmail,
    LinkEvent,
    MarkSettings,
    PasswordAttempt,
    ReleasedPhoto,
    ShareLink,
    Visitor,
)


def share_link_for_token(*, token: str) -> ShareLink:
    """Raises ShareLink.DoesNotExist for an unknown token."""
    # The owner's studio too: the client's pages show times in its zone.
    return ShareLink.objects.select_related(
        "gallery", "gallery__owner", "gallery__owner__studio"
    ).get(token_digest=tokens.digest(token))


def share_link_get(*, owner, link_id: str) -> ShareLink:
    """Raises ShareLink.DoesNotExist for another photographer's link, as for a missing one."""
    return ShareLink.objects.select_related("gallery").get(pk=link_id, gallery__owner=owner)


def share_links(*, gallery: Gallery) -> QuerySet[ShareLink]:
    # With the gallery: each link's closed reason reads it.
    return (
        ShareLink.objects.filter(gallery=gallery)
        .select_related("gallery")
        .order_by("revoked_at", "created_at")
    )


def share_link_token(*, link: ShareLink) -> str | None:
    return tokens.recover(link.token_salt, link.token_digest)


def share_link_path(*, link: ShareLink) -> str | None:
    """The link's path (`/p/<token>/`), or None if SECRET_KEY changed beyond its fallbacks
    (then the photographer issues a new link)."""
    token = share_link_token(link=link)
    return reverse("sharing:gallery", args=[token]) if token else None


def link_closed_reason(*, link: ShareLink) -> tuple[str, object] | None:
    """("revoked" | "expired" | "gallery_expired" | "archived", date) or None if open."""
    gallery = link.gallery
    if link.is_revoked:
        return "revoked", link.revoked_at
    if gallery.is_archived:
        return "archived", gallery.archived_at
    if link.is_expired:
        return "expired", link.expires_at
    if gallery.expires_at is not None and gallery.expires_at <= timezone.now():
        return "gallery_expired", gallery.expires_at
    return None


@dataclass
class LinkActivity:
    views: int = 0
    visitors: int = 0
    favourites: int = 0
    comments: int = 0
    downloads: int = 0
    failed_passwords: int = 0
    submitted: int = 0


def link_activity(*, links: list[ShareLink]) -> dict[str, LinkActivity]:
    """Per link counts, in a handful of grouped queries whatever the number of links."""
    ids = [link.pk for link in links]
    activity = {pk: LinkActivity() for pk in ids}

    def grouped(queryset, key: str):
        return queryset.values(key).annotate(n=Count("pk")).values_list(key, "n")

    events = LinkEvent.objects.filter(link_id__in=ids)
    for link_id, n in grouped(events.filter(kind=LinkEvent.Kind.VIEW), "link_id"):
        activity[link_id].views = n
    downloads = events.filter(kind__in=[LinkEvent.Kind.DOWNLOAD, LinkEvent.Kind.DOWNLOAD_ALL])
    for link_id, n in grouped(downloads, "link_id"):
        activity[link_id].downloads = n
    visitors = Visitor.objects.filter(link_id__in=ids)
    for link_id, n in grouped(visitors, "link_id"):
        activity[link_id].visitors = n
    for link_id, n in grouped(visitors.filter(submitted_at__isnull=False), "link_id"):
        activity[link_id].submitted = n
    favourites = Favourite.objects.filter(visitor__link_id__in=ids)
    for link_id, n in grouped(favourites, "visitor__link_id"):
        activity[link_id].favourites = n
    comments = Comment.objects.filter(visitor__link_id__in=ids)
    for link_id, n in grouped(comments, "visitor__link_id"):
        activity[link_id].comments = n
    failures = PasswordAttempt.objects.filter(link_id__in=ids, succeeded=False)
    for link_id, n in grouped(failures, "link_id"):
        activity[link_id].failed_passwords = n
    return activity


def client_photos(*, gallery: Gallery) -> list[PhotoView]:
    """What a client may see: processed photos that are published and not hidden, in
    gallery order (sets first); nothing while the gallery is a draft."""
    if gallery.is_draft:
        return []
    views = gallery_selectors.photo_list(gallery=gallery, include_hidden=False, published_only=True)
    return [view for view in views if view.status == schema.STATUS_PROCESSED]


def client_tiles(*, gallery: Gallery, photo_ids: Collection[str] | None = None) -> list[PhotoView]:
    """`client_photos` as the client's page reads them (`gallery_selectors.photo_tiles`:
    light rows, the record fields a tile reads), all or only those of `photo_ids` (the
    others read not at all); the same photos in the same order."""
    if gallery.is_draft:
        return []
    views = gallery_selectors.photo_tiles(
        gallery=gallery, photos=_client_photo_rows(gallery), photo_ids=photo_ids
    )
    return [view for view in views if view.status == schema.STATUS_PROCESSED]


def client_cover(*, gallery: Gallery) -> PhotoView | None:
    """The photo behind the name form: the gallery's cover if a client may see it, else the
    first photo of `client_photos`. Reads one record when there is a cover or the gallery
    is in manual order and its first photo is ready; only otherwise the whole gallery's."""
    first = None
    if gallery.cover_photo_id:
        first = _client_photo_rows(gallery).filter(pk=gallery.cover_photo_id).first()
    elif gallery.ordering == Gallery.Ordering.MANUAL:
        # Manual order is the photos' own (set, position, created_at): the first row is the
        # client's first photo if it is ready. Other orders need the records to sort.
        first = _client_photo_rows(gallery).first()
    if first is not None:
        view = gallery_selectors.photo_view(photo=first)
        if view.status == schema.STATUS_PROCESSED:
            return view
    photos = client_photos(gallery=gallery)
    return photos[0] if photos else None


def _client_photo_rows(gallery: Gallery) -> QuerySet[Photo]:
    return Photo.objects.filter(
        gallery=gallery, hidden=False, published=True, upload_state=Photo.UploadState.UPLOADED
    ).order_by(F("photo_set__position").asc(nulls_last=True), "position", "created_at")


def client_photo_get(*, link: ShareLink, photo_id: str) -> Photo:
    """Raises Photo.DoesNotExist for a photo of another gallery, a hidden or held back one,
    or none."""
    return Photo.objects.select_related("gallery").get(
        pk=photo_id,
        gallery_id=link.gallery_id,
        gallery__published_at__isnull=False,
        hidden=False,
        published=True,
        upload_state=Photo.UploadState.UPLOADED,
    )


def visitor_for_link(*, link: ShareLink, visitor_id: str | None) -> Visitor | None:
    if not visitor_id:
        return None
    visitor = Visitor.objects.filter(pk=visitor_id, link=link).first()
    if visitor is not None:
        visitor.link = link  # with its gallery loaded: services read the gallery's rules
    return visitor


def visitor_get(*, owner, visitor_id: str) -> Visitor:
    """Raises Visitor.DoesNotExist for a visitor of another photographer's gallery."""
    return Visitor.objects.select_related("link").get(pk=visitor_id, link__gallery__owner=owner)


def submitted_photo_ids(*, gallery: Gallery) -> set[str]:
    return set(
        Favourite.objects.filter(
            visitor__link__gallery=gallery,
            visitor__submitted_at__isnull=False,
            photo__hidden=False,
        ).values_list("photo_id", flat=True)
    )


def released_photo_ids(*, gallery: Gallery, photo_ids: Collection[str] | None = None) -> set[str]:
    """Photos whose originals a client may download now (of `photo_ids`, if given); empty
    before any release."""
    if gallery.download_policy != Gallery.DownloadPolicy.ORIGINALS:
        return set()
    if gallery.is_draft:
        return set()
    photos = Photo.objects.filter(
        gallery=gallery, hidden=False, published=True, upload_state=Photo.UploadState.UPLOADED
    )
    if photo_ids is not None:
        photos = photos.filter(pk__in=list(photo_ids))
    if gallery.release == Gallery.Release.ALL:
        return set(photos.values_list("pk", flat=True))
    if gallery.release == Gallery.Release.SELECTION:
        released = ReleasedPhoto.objects.filter(gallery=gallery).values_list("photo_id")
        return set(photos.filter(pk__in=released).values_list("pk", flat=True))
    return set()


def download_mode(*, link: ShareLink) -> str:
    """ "none", "proofs", "originals" (some or all released) or "waiting" (not yet)."""
    gallery = link.gallery
    if not link.allow_downloads or gallery.download_policy == Gallery.DownloadPolicy.NONE:
        return "none"
    if gallery.download_policy == Gallery.DownloadPolicy.PROOFS:
        return "proofs"
    return "waiting" if gallery.release == Gallery.Release.NONE else "originals"


def downloadable_photo_ids(
    *, link: ShareLink, photo_ids: list[str], read_only_these: bool = False
) -> set[str]:
    """Which of `photo_ids` the client may download; `read_only_these`: a few of the
    gallery's photos, whose rows alone are read (else its released photos are)."""
    mode = download_mode(link=link)
    if mode == "proofs":
        return set(photo_ids)
    if mode == "originals":
        among = photo_ids if read_only_these else None
        return released_photo_ids(gallery=link.gallery, photo_ids=among) & set(photo_ids)
    return set()


@dataclass(frozen=True)
class Release:
    """What the link lets a client download of some photos (`ClientGallery` holds the same
    two fields for the whole page)."""

    download_mode: str
    downloadable_ids: set[str]


def link_release(*, link: ShareLink, photo_ids: list[str]) -> Release:
    return Release(
        download_mode=download_mode(link=link),
        downloadable_ids=downloadable_photo_ids(
            link=link, photo_ids=photo_ids, read_only_these=True
        ),
    )


@dataclass
class VisitorState:
    favourite_ids: set[str] = field(default_factory=set)
    comments: dict[str, list[Comment]] = field(default_factory=lambda: defaultdict(list))
    # Every marked photo's marks (favourites included), by photo id.
    marks: dict[str, mark_selectors.PhotoMarks] = field(default_factory=dict)


def visitor_state(*, visitor: Visitor | None) -> VisitorState:
    state = VisitorState()
    if visitor is None:
        return state
    state.marks = mark_selectors.visitor_marks(visitor=visitor)
    state.favourite_ids = {pk for pk, marks in state.marks.items() if marks.favourite}
    for comment in visitor.comments.all():
        state.comments[comment.photo_id].append(comment)
    return state


@dataclass
class ClientGallery:
    """What the client's page shows through one link, as data; `presenters` shapes it."""

    link: ShareLink
    visitor: Visitor | None
    photos: list[PhotoView]
    marks: VisitorState
    download_mode: str
    downloadable_ids: set[str]
    mark_settings: MarkSettings | None = None

    @property
    def cover(self) -> PhotoView | None:
        """`client_cover` from the photos read already: the gallery's cover if the client
        sees it, else the first photo."""
        cover_id = self.link.gallery.cover_photo_id
        first = self.photos[0] if self.photos else None
        return next((view for view in self.photos if view.photo.pk == cover_id), first)


def client_gallery(
    *, link: ShareLink, visitor: Visitor | None, photo_ids: Collection[str] | None = None
) -> ClientGallery:
    """The client's page through `link`; with `photo_ids`, only those of its photos (a
    page of the state as the client scrolls), the others not read."""
    photos = client_tiles(gallery=link.gallery, photo_ids=photo_ids)
    return ClientGallery(
        link=link,
        visitor=visitor,
        photos=photos,
        marks=visitor_state(visitor=visitor),
        download_mode=download_mode(link=link),
        downloadable_ids=downloadable_photo_ids(
            link=link,
            photo_ids=[view.photo.pk for view in photos],
            read_only_these=photo_ids is not None,
        ),
        mark_settings=mark_selectors.mark_settings(gallery=link.gallery),
    )


@dataclass
class Selection:
    visitor: Visitor
    favourites: list[Photo]
    comments: list[Comment]
    # The visitor's `MarkRow`s (colour labels, stars, rejects; favourites again), gallery order.
    marks: list[mark_selectors.MarkRow] = field(default_factory=list)


def _favourite_photos(favourites: QuerySet[Favourite]) -> QuerySet[Favourite]:
    """Favourites of visible photos, in gallery order (sets first)."""
    return (
        favourites.filter(photo__hidden=False)
        .select_related("photo", "photo__photo_set")
        .order_by(
            F("photo__photo_set__position").asc(nulls_last=True),
            "photo__position",
            "photo__filename",
        )
    )


def selections(*, gallery: Gallery) -> list[Selection]:
    """Every visitor's favourites and comments, submitted ones first."""
    visitors = mark_selectors.gallery_visitors(gallery=gallery)
    favourites = defaultdict(list)
    for favourite in _favourite_photos(Favourite.objects.filter(visitor__link__gallery=gallery)):
        favourites[favourite.visitor_id].append(favourite.photo)
    comments = defaultdict(list)
    comments_of_gallery = Comment.objects.filter(visitor__link__gallery=gallery)
    for comment in comments_of_gallery.select_related("photo", "photo__photo_set"):
        comments[comment.visitor_id].append(comment)
    marks = defaultdict(list)
    for row in mark_selectors.mark_rows(gallery=gallery):
        marks[row.visitor.pk].append(row)
    result = [
        Selection(
            visitor=v, favourites=favourites[v.pk], comments=comments[v.pk], marks=marks[v.pk]
        )
        for v in visitors
        if favourites[v.pk] or comments[v.pk] or marks[v.pk] or v.is_locked
    ]
    return sorted(result, key=lambda s: (not s.visitor.is_locked, s.visitor.created_at))


def visitor_selection(*, visitor: Visitor) -> Selection:
    """One visitor's favourites (gallery order, hidden photos left out) and comments."""
    favourites = [favourite.photo for favourite in _favourite_photos(visitor.favourites.all())]
    comments = list(visitor.comments.select_related("photo", "photo__photo_set"))
    marks = mark_selectors.mark_rows(
        gallery=visitor.link.gallery,
        mark_filter=mark_selectors.MarkFilter(visitor_ids=frozenset({visitor.pk})),
    )
    return Selection(visitor=visitor, favourites=favourites, comments=comments, marks=marks)


def new_submissions_count(*, gallery: Gallery) -> int:
    return Visitor.objects.filter(
        link__gallery=gallery, submitted_at__isnull=False, seen_at__isnull=True
    ).count()


def link_emails(*, links: list[ShareLink]) -> dict[str, list[LinkEmail]]:
    """The e-mails sent about each link (invitations, reminders), newest first."""
    found: dict[str, list[LinkEmail]] = {link.pk: [] for link in links}
    for email in LinkEmail.objects.filter(link__in=links).select_related("visitor"):
        found[email.link_id].append(email)
    return found
