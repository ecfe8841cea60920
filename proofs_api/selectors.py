"""Reads for the API's own records. Everything is looked up through its owner."""

import datetime as dt
import hmac
from typing import NamedTuple

from django.db.models import Prefetch, QuerySet

from gallery.models import Gallery
from gallery.selectors import PhotoView, row_set
from gallery.storage import record_table, storage
from sharing.models import Comment

from .models import ApiToken, Delivery, DeliveryAttempt, Webhook
from .services import TOKEN_KEY_PREFIX, secret_digest


def token_for_key(key: str) -> ApiToken | None:
    """The token a key belongs to (revoked or not), or None if the key is not one of ours."""
    kind, _, rest = key.partition("_")
    prefix, _, secret = rest.partition("_")
    if kind != TOKEN_KEY_PREFIX or not prefix or not secret:
        return None
    token = ApiToken.objects.select_related("owner").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, secret_digest(secret)):
        return None
    return token


def token_list(*, owner) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(owner=owner)


def webhook_list(*, owner) -> QuerySet[Webhook]:
    return Webhook.objects.filter(owner=owner)


def delivery_list(*, owner) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(webhook__owner=owner)
        .select_related("webhook")
        .prefetch_related(Prefetch("attempts", queryset=DeliveryAttempt.objects.order_by("number")))
    )


class PagePhotoRow(NamedTuple):
    """The columns of a photo that `PhotoSerializer` and its order keys read, for PhotoView
    in place of a model instance: a page's hundred photos without a model instance each
    (its signals, its field descriptors, its select_related set)."""

    pk: str
    gallery_id: str
    filename: str
    position: int
    hidden: bool
    published: bool
    upload_state: str
    size_bytes: int
    uploaded_at: dt.datetime | None
    created_at: dt.datetime | None
    photo_set_id: str | None
    set_name: str | None
    set_position: int | None

    photo_set = property(row_set)


_PAGE_ROW_COLUMNS = (
    "pk",
    "gallery_id",
    "filename",
    "position",
    "hidden",
    "published",
    "upload_state",
    "size_bytes",
    "uploaded_at",
    "created_at",
    "photo_set_id",
    "photo_set__name",
    "photo_set__position",
)


def photo_page(
    *, gallery: Gallery, size: int, after: str | None, statuses: set[str] | None = None
) -> tuple[list[PhotoView], str | None]:
    """One page of a gallery's photos with their records, and the id to continue after.
    One table Query (DynamoDB on AWS), however large the gallery; never a Scan. With
    `statuses`, the page keeps only photos in one of them (as a DynamoDB filter would,
    after reading), so it may hold fewer than `size` photos before its cursor."""
    items, last_id = record_table().query(gallery.pk, limit=size, after=after)
    if not items:
        return [], last_id
    # The page's ids are a range in id order: two bounds rather than a hundred ids.
    first, last = items[0]["photo_id"], items[-1]["photo_id"]
    rows = gallery.photos.filter(pk__gte=first, pk__lte=last).order_by()
    found = {row[0]: PagePhotoRow._make(row) for row in rows.values_list(*_PAGE_ROW_COLUMNS)}
    signer = storage().url_signer()  # one expiry and key for the page's URLs
    views = [
        PhotoView(found[item["photo_id"]], item, {}, signer)
        for item in items
        if item["photo_id"] in found  # a record whose photo was deleted a moment ago
    ]
    if statuses is not None:
        views = [view for view in views if view.status in statuses]
    return views, last_id


def gallery_comments(*, gallery: Gallery, photo_id: str | None = None) -> QuerySet[Comment]:
    comments = (
        Comment.objects.filter(visitor__link__gallery=gallery)
        .select_related("photo", "visitor")
        .order_by("-created_at", "-pk")
    )
    return comments.filter(photo_id=photo_id) if photo_id else comments
