"""Reads of the proofing marks: per visitor and photo the favourite (a `Favourite` row,
Lightroom's Pick), colour label, stars and reject; the filters the client grid, the
Selections page, the exports and the API share; and which visitor's marks win a photo."""

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from gallery.models import Gallery, Photo
from gallery.selectors import filename_key, set_key

from .models import Comment, Favourite, Label, Mark, MarkSettings, Visitor

# Lightroom Classic's keys for the labels, in its order (purple has none).
LABEL_KEYS = {"6": Label.RED, "7": Label.YELLOW, "8": Label.GREEN, "9": Label.BLUE}


@dataclass
class PhotoMarks:
    favourite: bool = False
    label: str = ""
    stars: int = 0
    rejected: bool = False

    @property
    def is_marked(self) -> bool:
        return bool(self.favourite or self.label or self.stars or self.rejected)

    @property
    def has_xmp(self) -> bool:
        """What an XMP sidecar can carry: a label, stars or a reject (flags are not in XMP)."""
        return bool(self.label or self.stars or self.rejected)

    def as_dict(self) -> dict:
        return asdict(self)


def mark_settings(*, gallery: Gallery) -> MarkSettings:
    """The gallery's settings, or the defaults (favourites only) unsaved."""
    return MarkSettings.objects.filter(gallery=gallery).first() or MarkSettings(gallery=gallery)


def label_legend(*, settings: MarkSettings) -> list[dict]:
    """Every colour in Lightroom's order with its name and this gallery's meaning."""
    meanings = settings.label_meanings or {}
    return [
        {"label": value, "name": name, "meaning": meanings.get(value, "")}
        for value, name in Label.choices
    ]


def _marks_from(favourite: bool, mark: Mark | None) -> PhotoMarks:
    if mark is None:
        return PhotoMarks(favourite=favourite)
    return PhotoMarks(
        favourite=favourite, label=mark.label, stars=mark.stars, rejected=mark.rejected
    )


def photo_marks(*, visitor: Visitor, photo: Photo) -> PhotoMarks:
    favourite = Favourite.objects.filter(visitor=visitor, photo=photo).exists()
    return _marks_from(favourite, Mark.objects.filter(visitor=visitor, photo=photo).first())


def visitor_marks(*, visitor: Visitor) -> dict[str, PhotoMarks]:
    """The visitor's marked photos (favourites included), by photo id."""
    favourites = set(visitor.favourites.values_list("photo_id", flat=True))
    marks = {mark.photo_id: mark for mark in visitor.marks.all()}
    return {pk: _marks_from(pk in favourites, marks.get(pk)) for pk in favourites | set(marks)}


@dataclass(frozen=True)
class MarkFilter:
    """Which marks a list or an export takes. Visitors narrow it (none: everyone); the mark
    criteria add up (favourites, any of these colours, at least so many stars, rejects:
    "green or 4+ stars"); with no criteria every marked or commented photo counts."""

    visitor_ids: frozenset[str] = frozenset()
    favourite: bool = False
    labels: frozenset[str] = frozenset()
    min_stars: int | None = None
    rejected: bool = False
    submitted_only: bool = False

    @property
    def has_criteria(self) -> bool:
        return bool(self.favourite or self.labels or self.min_stars is not None or self.rejected)

    def matches(self, marks: PhotoMarks) -> bool:
        return bool(
            (self.favourite and marks.favourite)
            or (marks.label and marks.label in self.labels)
            or (self.min_stars is not None and marks.stars >= self.min_stars)
            or (self.rejected and marks.rejected)
        )


@dataclass
class MarkRow:
    """One visitor's marks and comments on one photo."""

    visitor: Visitor
    photo: Photo
    marks: PhotoMarks
    comments: list[Comment] = field(default_factory=list)


def gallery_visitors(*, gallery: Gallery) -> QuerySet[Visitor]:
    """Submitted first, then by when they arrived: the order rows and winners use."""
    return (
        Visitor.objects.filter(link__gallery=gallery)
        .select_related("link", "link__gallery")
        .order_by("submitted_at", "created_at")
    )


def _visitor_order(visitors: list[Visitor]) -> list[Visitor]:
    return sorted(visitors, key=lambda v: (not v.is_locked, v.created_at))


def mark_rows(*, gallery: Gallery, mark_filter: MarkFilter | None = None) -> list[MarkRow]:
    """Per photo (gallery order, hidden photos left out) and visitor, the marks the filter
    takes, in a few queries whatever the gallery's size."""
    mark_filter = mark_filter or MarkFilter()
    visitors = gallery_visitors(gallery=gallery)
    if mark_filter.visitor_ids:
        visitors = visitors.filter(pk__in=mark_filter.visitor_ids)
    if mark_filter.submitted_only:
        visitors = visitors.filter(submitted_at__isnull=False)
    visitors = _visitor_order(list(visitors))
    by_id = {v.pk: v for v in visitors}
    visible = {"visitor_id__in": list(by_id), "photo__hidden": False}
    favourites = set(Favourite.objects.filter(**visible).values_list("visitor_id", "photo_id"))
    marks = {(m.visitor_id, m.photo_id): m for m in Mark.objects.filter(**visible)}
    comments = defaultdict(list)
    for comment in Comment.objects.filter(**visible).order_by("created_at"):
        comments[comment.visitor_id, comment.photo_id].append(comment)
    keys = favourites | set(marks) | set(comments)
    photos = Photo.objects.select_related("photo_set").in_bulk({photo_id for _, photo_id in keys})
    rank = {v.pk: n for n, v in enumerate(visitors)}
    rows = []
    for visitor_id, photo_id in keys:
        found = _marks_from((visitor_id, photo_id) in favourites, marks.get((visitor_id, photo_id)))
        notes = comments.get((visitor_id, photo_id), [])
        keep = mark_filter.matches(found) if mark_filter.has_criteria else found.is_marked or notes
        if keep:
            rows.append(MarkRow(by_id[visitor_id], photos[photo_id], found, notes))
    place = _gallery_place(gallery)
    rows.sort(key=lambda r: (place(r.photo), r.photo.pk, rank[r.visitor.pk]))
    return rows


def _gallery_place(gallery: Gallery):
    """A photo's place as the client's page orders it: sets first, then within a set by
    name or the photographer's order. Capture order needs every photo's record, so the
    photographer's order stands in for it here (the order photos were uploaded in, unless
    moved)."""
    if gallery.ordering == Gallery.Ordering.FILENAME:
        return lambda photo: (set_key(photo), filename_key(photo.filename))
    return lambda photo: (set_key(photo), f"{photo.position:010d}", photo.filename)


def winning_rows(rows: list[MarkRow], *, winner_id: str | None = None) -> list[MarkRow]:
    """One row per photo where visitors disagree: the winner's if they marked the photo,
    else the first visitor's in `mark_rows` order (submitted selections first)."""
    chosen: dict[str, MarkRow] = {}
    for row in rows:
        current = chosen.get(row.photo.pk)
        if current is None or (
            winner_id and row.visitor.pk == winner_id and current.visitor.pk != winner_id
        ):
            chosen[row.photo.pk] = row
    return list(chosen.values())


@dataclass
class Comparison:
    photo: Photo
    first: PhotoMarks
    second: PhotoMarks

    @property
    def differs(self) -> bool:
        return self.first != self.second


def visitors_compare(*, gallery: Gallery, first: Visitor, second: Visitor) -> list[Comparison]:
    """The photos either of two visitors marked, side by side, in gallery order."""
    rows = mark_rows(gallery=gallery, mark_filter=MarkFilter(frozenset({first.pk, second.pk})))
    pairs: dict[str, Comparison] = {}
    for row in rows:
        if not row.marks.is_marked:
            continue
        pair = pairs.setdefault(row.photo.pk, Comparison(row.photo, PhotoMarks(), PhotoMarks()))
        if row.visitor.pk == first.pk:
            pair.first = row.marks
        else:
            pair.second = row.marks
    return list(pairs.values())


def _flag(params, name: str) -> bool:
    value = params.get(name)
    if value is None or value.lower() in ("false", "0"):
        return False
    if value.lower() in ("true", "1"):
        return True
    raise ValidationError({name: "Use true or false."})


def mark_filter_from_query(params) -> MarkFilter:
    """The filter a query string asks for (`?visitor=…&label=green&min_stars=4`), shared
    by the Selections page, its exports and the API; ValidationError says what is wrong."""
    labels = frozenset(params.getlist("label"))
    if not labels <= set(Label.values):
        raise ValidationError({"label": f"Use one or more of {', '.join(Label.values)}."})
    min_stars = params.get("min_stars")
    if min_stars is not None:
        if not (min_stars.isascii() and min_stars.isdigit() and 0 <= int(min_stars) <= 5):
            raise ValidationError({"min_stars": "Use a whole number from 0 to 5."})
        min_stars = int(min_stars)
    return MarkFilter(
        visitor_ids=frozenset(v for v in params.getlist("visitor") if v),
        favourite=_flag(params, "favourite"),
        labels=labels,
        min_stars=min_stars,
        rejected=_flag(params, "rejected"),
        submitted_only=_flag(params, "submitted"),
    )


def sidecar_naming_from_query(params) -> str:
    naming = params.get("naming", "stem")
    if naming not in ("stem", "darktable"):
        raise ValidationError({"naming": "Use stem (IMG_1.xmp) or darktable (IMG_1.CR3.xmp)."})
    return naming
