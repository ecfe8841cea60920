"""What the client is shown: the words of the closed-link page and the client page's state
as JSON-ready data (the shape `static/sharing/client.js` reads). Reads are the selectors'."""

from django.urls import reverse
from django.utils import dateformat, timezone

from lambda_processor import records as schema

from . import marks as mark_selectors
from .models import Comment
from .selectors import ClientGallery, Release
from .tiles import tile_sizes

# Why a link does not open, and what the client is told; the views answer 404 or 410.
CLOSED_REASONS = {
    "unknown": (
        "This link does not work",
        "Check that you copied the whole link, or ask your photographer for a new one.",
    ),
    "revoked": (
        "This link has been switched off",
        "The photographer has withdrawn this link. If you still need the photos, "
        "ask them for a new one.",
    ),
    "expired": (
        "This link has expired",
        "The link was valid until {date}. Ask your photographer if you need more time.",
    ),
    "gallery_expired": (
        "This gallery has closed",
        "The gallery was online until {date}. Ask your photographer if you need more time.",
    ),
    "archived": (
        "This gallery is no longer online",
        "The photographer has taken this gallery offline. Ask them if you need the photos.",
    ),
    # A draft: the photographer has not published the gallery yet. Names nothing of it.
    "draft": (
        "This gallery is not ready yet",
        "Your photographer is still preparing it. Please open this link again later.",
    ),
}

# A processed photo whose record lacks its proof's size (records written before sizes were
# stored) is laid out as a 3:2 landscape rather than breaking the grid.
FALLBACK_WIDTH, FALLBACK_HEIGHT = 1500, 1000


def closed_page(*, reason: str, date) -> dict:
    """The closed-link page's title and text, the date in the site's time zone."""
    title, text = CLOSED_REASONS[reason]
    day = dateformat.format(timezone.localtime(date), "j F Y") if date else ""
    return {"title": title, "text": text.format(date=day)}


def closed_error(*, reason: str) -> str:
    """The same refusal as one sentence, for the JSON endpoints."""
    return CLOSED_REASONS[reason][0] + "."


def comment_json(comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "body": comment.body,
        "created_at": comment.created_at.isoformat(),
        "reply": comment.reply,
        "replied_at": comment.replied_at.isoformat() if comment.replied_at else None,
    }


def marks_json(marks: mark_selectors.PhotoMarks | None) -> dict:
    """A photo's label, stars and reject (the favourite has its own key, as before)."""
    marks = marks or mark_selectors.PhotoMarks()
    return {"label": marks.label, "stars": marks.stars, "rejected": marks.rejected}


def mark_settings_json(page: ClientGallery) -> dict:
    """Which marks this client sees, and the colours' legend for this gallery."""
    shown = page.mark_settings or mark_selectors.mark_settings(gallery=page.link.gallery)
    return {
        "labels": shown.show_labels,
        "stars": shown.show_stars,
        "reject": shown.show_reject,
        "legend": mark_selectors.label_legend(settings=shown),
    }


def client_state(*, page: ClientGallery, token: str) -> dict:
    """Everything the client's page needs, every photo signed. Only rendition URLs
    (thumbnails and proofs) and this app's own routes (under the link's `token`) appear."""
    return _state(page, token, client_photos_json(page=page, token=token))


def client_page_state(*, page: ClientGallery, token: str, drawn: int) -> tuple[dict, list[dict]]:
    """The state the client's page is written with, and the signed entries of its first
    `drawn` photos, whose tiles the server draws.

    Signing a photo's five image URLs is most of a photo's cost, so the page signs only
    the tiles it draws, and writes their URLs once, in their HTML (page.js reads them
    back). Every entry of the state is short (`_EntryMaker`): no image URLs, and nothing
    that equals the state's `unsigned`; grid.js asks for the other photos' URLs as they
    near the screen (`client_photos_json` of a page read for those ids)."""
    entry = _EntryMaker(page, token)
    tiles = [entry(view, signed=True) for view in page.photos[:drawn]]
    photos = [entry(view, signed=False) for view in page.photos]
    return _state(page, token, photos), tiles


def client_photos_json(*, page: ClientGallery, token: str) -> list[dict]:
    """The state's entries of the page's photos, signed, in its order."""
    entry = _EntryMaker(page, token)
    return [entry(view, signed=True) for view in page.photos]


def _state(page: ClientGallery, token: str, photos: list[dict]) -> dict:
    link, visitor, marks = page.link, page.visitor, page.marks
    gallery = link.gallery
    visible = {view.photo.pk for view in page.photos}
    return {
        "gallery": {
            "title": gallery.title,
            "min": gallery.min_favourites,
            "max": gallery.max_favourites,
            "marks": mark_settings_json(page),
        },
        "link": {
            "favourites": link.allow_favourites,
            "comments": link.allow_comments,
            "downloads": page.download_mode,
        },
        "visitor": None
        if visitor is None
        else {
            "name": visitor.name,
            "locked": visitor.is_locked,
            "submitted_at": visitor.submitted_at.isoformat() if visitor.submitted_at else None,
            "favourites": len(marks.favourite_ids & visible),
        },
        "download_all": reverse("sharing:download_all", args=[token])
        if page.downloadable_ids
        else None,
        "download_all_web": reverse("sharing:download_all", args=[token]) + "?size=web"
        if page.download_mode == "originals" and page.downloadable_ids
        else None,
        "photos": photos,
        "unsigned": unsigned_defaults(page=page),
        "sets": client_sets(page.photos),
    }


def shows_clean(view, page: ClientGallery | Release) -> bool:
    """A released photo shows its clean web-size rendition once it is rendered; until
    then (and for every other photo) the watermarked proof."""
    return (
        page.download_mode == "originals"
        and view.photo.pk in page.downloadable_ids
        and view.status == schema.STATUS_PROCESSED
        and bool(view.rendition("web").get("key"))
    )


def shown_url(view, page: ClientGallery | Release, *, clean: bool | None = None) -> str:
    """The large image the client sees of a photo: in the viewer, and as the hero (`clean`:
    `shows_clean`, when the caller has it already)."""
    if clean is None:
        clean = shows_clean(view, page)
    return (view.rendition_url("web") if clean else "") or view.proof_url


class _EntryMaker:
    """Makes photos' entries (`__call__`), with what they all share looked up once: a
    page makes hundreds."""

    def __init__(self, page: ClientGallery, token: str):
        self.page = page
        # One route lookup for the page, not one per photo: ids are hex, nothing to quote.
        self.download_url = reverse("sharing:download", args=[token, "id"]).replace("/id/", "/{}/")
        marks = page.marks
        self.favourites, self.marks, self.comments = (
            marks.favourite_ids,
            marks.marks,
            marks.comments,
        )
        self.downloadable = page.downloadable_ids
        self.blank = unsigned_defaults(page=page)
        self.unmarked = self.blank["marks"]  # most photos': one dict for all their entries

    def __call__(self, view, *, signed: bool) -> dict:
        """One photo's entry. Unsigned (short), it holds what the photo's tile, the page's
        counts and its filters read, and only where it differs from `self.blank` (the
        state's `unsigned`, which page.js fills in): no image URLs (nor the placeholder
        and `sizes`, which only a tile being drawn needs)."""
        photo = view.photo
        photo_id = photo.pk
        download = self.download_url.format(photo_id) if photo_id in self.downloadable else None
        clean = shows_clean(view, self.page)
        proof = view.rendition("proof")
        width = proof.get("width") or FALLBACK_WIDTH
        height = proof.get("height") or FALLBACK_HEIGHT
        ratio = round(width / height, 4)
        entry = {
            "id": photo_id,
            "filename": photo.filename,
            "width": width,
            "height": height,
            "ratio": ratio,
        }
        if not signed:
            return self._short(view, entry, clean=clean, download=download)
        marks, comments = self.marks.get(photo_id), self.comments.get(photo_id)
        entry.update(
            thumb=view.thumb_url,
            srcset=view.thumb_srcset,
            srcset_type=view.thumb_srcset_type,
            sizes=tile_sizes(ratio),
            proof=shown_url(view, self.page, clean=clean),
            clean=clean,
            placeholder=view.placeholder,
            favourite=photo_id in self.favourites,
            marks=self.unmarked if marks is None else marks_json(marks),
            comments=[comment_json(c) for c in comments] if comments else [],
            download=download,
            download_web=f"{download}?size=web" if clean else None,
            set=photo.photo_set_id,
        )
        return entry

    def _short(self, view, entry: dict, *, clean: bool, download: str | None) -> dict:
        """An unsigned entry: `entry` and the fields that differ from `self.blank`."""
        photo_id, set_id = entry["id"], view.photo.photo_set_id
        srcset_type = view.thumb_srcset_type
        if srcset_type != self.blank["srcset_type"]:
            entry["srcset_type"] = srcset_type
        if clean:
            entry.update(clean=True, download_web=f"{download}?size=web")
        if download:
            entry["download"] = download
        if photo_id in self.favourites:
            entry["favourite"] = True
        if (marks := self.marks.get(photo_id)) is not None:
            entry["marks"] = marks_json(marks)
        if comments := self.comments.get(photo_id):
            entry["comments"] = [comment_json(comment) for comment in comments]
        if set_id:
            entry["set"] = set_id
        return entry


def unsigned_defaults(*, page: ClientGallery) -> dict:
    """What an unsigned photo's entry holds where the page's state leaves a field out
    (the state's `unsigned`): no image URLs, no marks, comments or downloads, in no set;
    the srcset type of the page's first photo (a gallery's photos are rendered alike)."""
    return {
        "thumb": "",
        "srcset": "",
        "srcset_type": page.photos[0].thumb_srcset_type if page.photos else "",
        "sizes": "",
        "proof": "",
        "clean": False,
        "placeholder": "",
        "favourite": False,
        "marks": marks_json(None),
        "comments": [],
        "download": None,
        "download_web": None,
        "set": None,
    }


# Where photos in no set go on the sets bar, when the gallery has other sets.
NO_SET_NAME = "More photos"


def client_sets(views) -> list[dict]:
    """The sets bar: each set the client has photos in, in the gallery's order (the photos'
    own), with its count; photos in no set last, as "More photos". Empty when the gallery
    has no sets, so the page looks as it did before sets."""
    sets: dict[str | None, dict] = {}
    for view in views:
        photo_set = view.photo.photo_set if view.photo.photo_set_id else None
        key = photo_set.pk if photo_set else None
        if key not in sets:
            sets[key] = {
                "id": key,
                "name": photo_set.name if photo_set else NO_SET_NAME,
                "count": 0,
            }
        sets[key]["count"] += 1
    if list(sets) in ([], [None]):
        return []
    return list(sets.values())
