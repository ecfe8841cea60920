"""Reads: galleries a photographer owns, and photos joined with their processing records."""

import functools
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from lambda_processor import records as schema

from .models import Gallery, Photo, PhotoSet
from .records import TILE_FIELDS
from .storage import record_table, storage


def gallery_list(*, owner, archived: bool = False) -> QuerySet[Gallery]:
    return (
        Gallery.objects.filter(owner=owner, archived_at__isnull=not archived)
        .select_related("cover_photo")
        .annotate(photo_count=Count("photos"))
    )


def gallery_cover_urls(galleries) -> dict[str, str]:
    """Thumbnail URLs of the galleries' covers, for the gallery list."""
    table = record_table()
    urls = {}
    for gallery in galleries:
        if gallery.cover_photo_id:
            view = PhotoView(
                photo=gallery.cover_photo, record=table.get(gallery.pk, gallery.cover_photo_id)
            )
            urls[gallery.pk] = view.thumb_url
    return urls


def gallery_get_owned(*, owner, pk: str) -> Gallery:
    """Raises Http404 for another photographer's gallery, as for a missing one."""
    try:
        return Gallery.objects.get(owner=owner, pk=pk)
    except Gallery.DoesNotExist as error:
        raise Http404("No such gallery.") from error


def photo_get(*, owner, photo_id: str) -> Photo:
    return Photo.objects.select_related("gallery").get(gallery__owner=owner, pk=photo_id)


def set_list(*, gallery: Gallery) -> QuerySet[PhotoSet]:
    """The gallery's sets in order, each with its number of photos."""
    return gallery.sets.annotate(photo_count=Count("photos")).order_by("position", "created_at")


def held_back(prefix: str = "") -> Q:
    """Uploaded photos held back from clients: what "Publish" would show them (one still
    on its way waits for the next publish). `prefix` reaches photos from another model
    (`"photos__"` from galleries)."""
    return Q(**{f"{prefix}published": False, f"{prefix}upload_state": Photo.UploadState.UPLOADED})


def unpublished_photos(*, gallery: Gallery) -> QuerySet[Photo]:
    return gallery.photos.filter(held_back())


def unpublished_count(*, gallery: Gallery) -> int:
    return unpublished_photos(gallery=gallery).count()


@dataclass
class PhotoView:
    """A photo as pages and the API show it: the web row plus the processor's record."""

    photo: "Photo | PhotoRow"  # a PhotoRow for a page's hundreds of tiles (`photo_tiles`)
    record: dict | None = None
    urls: dict = field(default_factory=dict)
    # The page's `url_signer`, shared by its views (photo_list); else one per view.
    signer: Callable[[str, int | None], str] | None = None

    @property
    def status(self) -> str:
        if self.photo.upload_state == Photo.UploadState.AWAITING:
            return "uploading"
        if not self.record:
            return schema.STATUS_PROCESSING
        return self.record.get("status", schema.STATUS_PROCESSING)

    @property
    def error(self) -> str:
        return (self.record or {}).get("error") or ""  # the record holds None when none

    def rendition(self, name: str) -> dict:
        return ((self.record or {}).get("renditions") or {}).get(name) or {}

    @property
    def width(self) -> int | None:
        return self.rendition("proof").get("width")

    @property
    def height(self) -> int | None:
        return self.rendition("proof").get("height")

    @property
    def placeholder(self) -> str:
        return (self.record or {}).get("placeholder", "")

    @property
    def exif(self) -> dict:
        return (self.record or {}).get("exif") or {}

    @property
    def captured_at(self) -> str:
        return self.exif.get("captured_at") or ""

    @property
    def render_revision(self) -> int:
        """The revision the renditions were rendered at: every image URL carries it."""
        return int((self.record or {}).get("render_revision") or 0)

    def _signed(self, key: str) -> str:
        if key not in self.urls:
            if self.signer is None:
                self.signer = storage().url_signer()
            self.urls[key] = self.signer(key, self.render_revision)
        return self.urls[key]

    def rendition_url(self, name: str) -> str:
        key = self.rendition(name).get("key")
        if self.status != schema.STATUS_PROCESSED or not key:
            return ""
        return self._signed(key)

    @property
    def thumb_sources(self) -> list[tuple[str, int]]:
        """The grid's srcset, narrowest first: (URL, width in px). Records written before
        the srcset widths have only the one thumbnail, which stands alone (a re-render
        fills the widths in)."""
        if self.status != schema.STATUS_PROCESSED:
            return []
        entries = schema.srcset_entries((self.record or {}).get("renditions"))
        if not entries:
            thumb = self.rendition("thumb")
            entries = [thumb] if thumb.get("key") else []
        return [(self._signed(entry["key"]), int(entry.get("width") or 0)) for entry in entries]

    @property
    def thumb_srcset_type(self) -> str:
        """The srcset's content type ("image/webp"): pages offer it in a <picture> source,
        with the JPEG `thumb` for browsers that cannot show it."""
        return schema.srcset_content_type((self.record or {}).get("renditions"))

    @property
    def thumb_srcset(self) -> str:
        """`srcset` with width descriptors, or "" when there is no width to describe."""
        return srcset_attribute(self.thumb_sources)

    @property
    def order(self) -> dict[str, str]:
        return order_keys(self)

    @property
    def thumb_url(self) -> str:
        return self.rendition_url("thumb")

    @property
    def proof_url(self) -> str:
        return self.rendition_url("proof")


def srcset_attribute(sources: list[tuple[str, int]]) -> str:
    """`srcset` of (URL, width in px) sources, or "" when there is no width to describe."""
    if len(sources) < 2:
        return ""
    return ", ".join(f"{url} {width}w" for url, width in sources)


_PART = re.compile(r"(\d+)")
_SEPARATOR = "\x01"  # below every character a file name holds: shorter names sort first


@functools.lru_cache(maxsize=8192)
def filename_key(filename: str) -> str:
    """File names as people sort them: case aside, and numbers by value ("IMG_2" before
    "IMG_10"), as one string that compares the same in Python and in a browser. Remembered:
    a gallery's pages sort the same few hundred names again and again."""
    parts = _PART.split(filename.casefold())
    return _SEPARATOR.join(
        f"0{int(part):020d}" if part.isdigit() else f"1{part}" for part in parts if part
    )


def set_key(photo: Photo) -> str:
    """Where a photo's set stands in the gallery: sets by their position, photos in no set
    after them all (a gallery without sets has every photo there, so its order is the
    same as before sets existed)."""
    photo_set = photo.photo_set if photo.photo_set_id else None
    return f"{photo_set.position:010d}" if photo_set is not None else "9" * 10


def order_keys(view: "PhotoView") -> dict[str, str]:
    """The one rule of photo order: for each ordering a string key, compared as plain
    strings by the pages, the API and the workspace's script alike."""
    return _order_keys(view, _ORDERINGS)


def order_key(view: "PhotoView", ordering: str) -> str:
    """A photo's key in one ordering: sets come first, then within a set the ordering
    (manual order is the photographer's positions)."""
    if ordering not in _ORDERINGS:
        raise KeyError(ordering)
    return _order_keys(view, (ordering,))[ordering]


# The orderings as plain strings: order keys are made for every photo of a page.
_MANUAL = Gallery.Ordering.MANUAL.value
_FILENAME = Gallery.Ordering.FILENAME.value
_CAPTURED = Gallery.Ordering.CAPTURED.value
_ORDERINGS = (_MANUAL, _FILENAME, _CAPTURED)


def _order_keys(view: "PhotoView", orderings: tuple[str, ...]) -> dict[str, str]:
    """The keys of `orderings`, each part they share (the set, the name's key, the upload
    time) worked out once: the API gives all three for each of a page's photos."""
    photo = view.photo
    start = f"{set_key(photo)}{_SEPARATOR}"
    name, created = filename_key(photo.filename), _created(photo)
    keys = {}
    for ordering in orderings:
        if ordering == _MANUAL:
            keys[ordering] = f"{start}{photo.position:010d}{_SEPARATOR}{created}"
        elif ordering == _FILENAME:
            keys[ordering] = f"{start}{name}{_SEPARATOR}{created}"
        else:
            keys[ordering] = f"{start}{_capture_rank(view)}{_SEPARATOR}{name}"
    return keys


def _created(photo) -> str:
    return photo.created_at.isoformat() if photo.created_at else ""


def _capture_rank(view: "PhotoView") -> str:
    """Dated photos by capture time, then undated ones (still processing, or no EXIF date),
    then failed ones: "0<ISO date>" < "1" < "2"."""
    if view.status == schema.STATUS_FAILED:
        return "2"
    return f"0{view.captured_at}" if view.captured_at else "1"


def photo_list(
    *, gallery: Gallery, include_hidden: bool = True, published_only: bool = False
) -> list[PhotoView]:
    """Every photo of a gallery with its record: one table Query per page, never a Scan.
    `published_only` leaves out the photos held back from clients."""
    photos = gallery.photos.select_related("photo_set")
    if not include_hidden:
        photos = photos.filter(hidden=False)
    if published_only:
        photos = photos.filter(published=True)
    records = {item["photo_id"]: item for item in record_table().query_all(gallery.pk)}
    signer = storage().url_signer()
    views = [
        PhotoView(photo=photo, record=records.get(photo.pk), signer=signer) for photo in photos
    ]
    # By the gallery's own ordering only: one key per photo, not all of `order_keys`.
    return sorted(views, key=lambda view: order_key(view, gallery.ordering))


class SetRow(NamedTuple):
    pk: str
    name: str
    position: int


def row_set(row) -> SetRow | None:
    """A light row's set, from its set columns (`photo_set_id`, `set_name`, `set_position`):
    what `Photo.photo_set` gives, for PhotoView and the order keys."""
    if row.photo_set_id is None:
        return None
    return SetRow(row.photo_set_id, row.set_name, row.set_position)


class PhotoRow(NamedTuple):
    """The columns of a photo that a tile and the gallery's order read, for PhotoView in
    place of a model instance (hundreds a page). Without `created_at`: its one use is the
    order's last tie-break, which `photo_tiles` gets from reading the rows in creation
    order (SQLite's text dates cost more to convert than the rest of a row)."""

    pk: str
    filename: str
    position: int
    upload_state: str
    photo_set_id: str | None
    set_name: str | None
    set_position: int | None

    photo_set = property(row_set)
    created_at = None  # order keys leave the tie-break out (`_created`)


_ROW_COLUMNS = (
    "pk",
    "filename",
    "position",
    "upload_state",
    "photo_set_id",
    "photo_set__name",
    "photo_set__position",
)


def photo_tiles(
    *, gallery: Gallery, photos: QuerySet[Photo], photo_ids: Collection[str] | None = None
) -> list[PhotoView]:
    """The photos of `photos` (all, or those of `photo_ids`) as PhotoViews of `PhotoRow`s
    with the record fields a tile reads (`TILE_FIELDS`), in the gallery's order: what
    `photo_list` gives, for a page's hundreds of tiles, without a model instance or a
    whole record decoded per photo. With `photo_ids`, only those rows and records are read."""
    if photo_ids is not None:
        photos = photos.filter(pk__in=list(photo_ids))
    records = {
        item["photo_id"]: item
        for item in record_table().items(gallery.pk, fields=TILE_FIELDS, photo_ids=photo_ids)
    }
    signer = storage().url_signer()
    # In creation order, so the sort (stable) by keys without `created_at` breaks ties as
    # the full keys do: the same order as `photo_list`.
    rows = photos.order_by("created_at", "pk").values_list(*_ROW_COLUMNS)
    views = [PhotoView(row, records.get(row.pk), {}, signer) for row in map(PhotoRow._make, rows)]
    ordering = gallery.ordering
    return sorted(views, key=lambda view: order_key(view, ordering))


def photo_view(*, photo: Photo) -> PhotoView:
    return PhotoView(photo=photo, record=record_table().get(photo.gallery_id, photo.pk))


def gallery_status_counts(views: list[PhotoView]) -> dict[str, int]:
    counts = {"uploading": 0, "processing": 0, "processed": 0, "failed": 0}
    for view in views:
        counts[view.status] = counts.get(view.status, 0) + 1
    return counts


@dataclass(frozen=True)
class Duplicate:
    photo: Photo
    reason: str  # "same content" or "same name and size"


def photo_duplicates(*, gallery: Gallery, files: list[dict]) -> list[Duplicate | None]:
    """For each file about to be uploaded ({filename, size, sha256?}), the gallery's photo it
    repeats, if any: the same content (by SHA-256) first, else the same name and size."""
    photos = list(gallery.photos.only("pk", "filename", "size_bytes", "sha256"))
    by_content = {photo.sha256: photo for photo in photos if photo.sha256}
    by_name = {(photo.filename, photo.size_bytes): photo for photo in photos}
    found: list[Duplicate | None] = []
    for file in files:
        digest = (file.get("sha256") or "").lower()
        same = by_name.get((schema.sanitize_filename(file["filename"]), file["size"]))
        if digest and digest in by_content:
            found.append(Duplicate(by_content[digest], "same content"))
        elif same is not None:
            found.append(Duplicate(same, "same name and size"))
        else:
            found.append(None)
    return found


@dataclass(frozen=True)
class RenderProgress:
    """After a watermark change: how many of the photos rendered before are rendered again
    at the gallery's current revision ("Re-rendering 12 of 40")."""

    revision: int
    done: int
    total: int


def gallery_render_progress(*, gallery: Gallery) -> RenderProgress:
    """Photos still waiting for their first render (new uploads) are not counted: the grid
    shows them as processing."""
    uploaded = set(
        gallery.photos.filter(upload_state=Photo.UploadState.UPLOADED).values_list("pk", flat=True)
    )
    rendered = [
        int(item["render_revision"])
        for item in record_table().query_all(gallery.pk)
        if item["photo_id"] in uploaded and item.get("render_revision") is not None
    ]
    done = sum(1 for revision in rendered if revision >= gallery.render_revision)
    return RenderProgress(revision=gallery.render_revision, done=done, total=len(rendered))
