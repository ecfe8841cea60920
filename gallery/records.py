"""The processor's records as the web side reads them: the local table, and what both
tables share. DynamoDB's is in `aws.WebRecordTable`; `storage.record_table()` chooses.

Both tables hold the same items (`lambda_processor.records`) under the same keys.
"""

import functools
import json
from collections.abc import Collection, Sequence

from django.db import connection, transaction
from django.utils import timezone

from lambda_processor import records as schema

from .models import LocalRecord

# What a client's tile and state entry read of a record (`gallery.selectors.photo_tiles`):
# status, the renditions (sizes, keys, srcset), the revision URLs carry, the placeholder,
# and the capture time that orders a gallery by date. The rest (EXIF, original, events)
# stays unread.
TILE_FIELDS = ("status", "renditions", "render_revision", "placeholder", "exif.captured_at")


class GalleryPages:
    """Every item of a gallery, page by page, for tables that offer `query`."""

    def query_all(self, gallery_id: str, **options) -> list[dict]:
        """`options`: what the table's `query` takes besides the page (DynamoDB's `fields`)."""
        items, after = self.query(gallery_id, limit=1000, **options)
        while after:
            page, after = self.query(gallery_id, limit=1000, after=after, **options)
            items += page
        return items


def narrowed(item: dict, fields: Sequence[str]) -> dict:
    """`item` with only its `photo_id` and `fields` (names, or dotted paths into maps), as a
    table's projection returns it: attributes it lacks (or holds as null) left out."""
    return _builder(fields)(_row(item, fields))


def tile_row(item: dict) -> str:
    """`item`'s TILE_FIELDS as local mode stores them beside it (`LocalRecord.tile`): the
    JSON array [photo_id, *values] that SQLite's json_array of json_extracts makes of it."""
    return json.dumps(_row(item, TILE_FIELDS))


def _row(item: dict, fields: Sequence[str]) -> list:
    """[photo_id, *the values of `fields`]: the row a table's projection gives of `item`."""
    return [item["photo_id"], *(_at(item, field) for field in fields)]


def _at(item: dict, path: str):
    for name in path.split("."):
        item = item.get(name) if isinstance(item, dict) else None
    return item


def _builder(fields: Sequence[str]):
    """Makes items from rows of [photo_id, *values of fields], the paths split once."""
    names = ("photo_id", *fields)
    if all("." not in field for field in fields):
        return lambda row: {
            name: value for name, value in zip(names, row, strict=True) if value is not None
        }
    paths = [field.split(".") for field in names]

    def build(row) -> dict:
        item = {}
        for (*parents, name), value in zip(paths, row, strict=True):
            if value is not None:
                place = item
                for parent in parents:
                    place = place.setdefault(parent, {})
                place[name] = value
        return item

    return build


@functools.lru_cache(maxsize=4)
def _gallery_items(text: str, fields: tuple[str, ...]) -> tuple[dict, ...]:
    """The items of a whole gallery's answer `text` (rows of [photo_id, *fields]), made
    once and remembered by the text itself: a gallery's page read again while none of its
    records changed decodes and builds nothing (most of its read), and any change (a
    processor's write, a photo added or removed) is another text. Nothing to invalidate."""
    return tuple(map(_builder(fields), json.loads(text)))


@functools.lru_cache(maxsize=1024)
def _decoded_item(text: str) -> dict:
    """One stored item's `json.loads(text)` (for `LocalRecordTable.query`), remembered by its
    text as a whole gallery's answer is: decoding was most of reading a page of records, and
    a page read again (an integration's next poll, the workspace's) mostly holds the same
    items. A processor's write makes another text. About 10 KB an item: a few galleries."""
    return json.loads(text)


class LocalRecordTable(GalleryPages):
    """DynamoDB's item operations over `LocalRecord` rows, for local mode."""

    def items(
        self, gallery_id: str, *, fields: Sequence[str], photo_ids: Collection[str] | None = None
    ) -> list[dict]:
        """The gallery's photo items (or those of `photo_ids`), each narrowed to `fields`
        (`narrowed`), in no particular order. On SQLite, one query whose answer is one JSON
        array built by SQLite (of the stored `tile` rows when `fields` are TILE_FIELDS):
        the rows' whole items are never decoded in Python, and a whole gallery's items are
        made once while its array stays the same (`_gallery_items`). The items (and their
        nested maps) may be shared with other calls': read them, never change them."""
        rows = LocalRecord.objects.filter(gallery_id=gallery_id).exclude(
            photo_id=schema.GALLERY_SETTINGS_SORT_KEY
        )
        if photo_ids is not None:
            if not photo_ids:
                return []
            rows = rows.filter(photo_id__in=list(photo_ids))
        if connection.vendor != "sqlite":
            return [narrowed(item, fields) for item in rows.values_list("item", flat=True)]
        inner, params = rows.values("photo_id", "item", "tile").query.sql_with_params()
        extracts = ", ".join("json_extract(item, %s)" for _ in fields)
        row = f"json_array(photo_id, {extracts})"
        if tuple(fields) == TILE_FIELDS:
            # Stored with each item as it is written (`tile_row`): no item parsed per read.
            row = f"COALESCE(NULLIF(tile, ''), {row})"
        sql = f"SELECT '[' || group_concat({row}, ',') || ']' FROM ({inner})"  # noqa: S608
        paths = [f"$.{field}" for field in fields]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*paths, *params])
            (found,) = cursor.fetchone()
        if found is None:  # no rows
            return []
        if photo_ids is None:
            return list(_gallery_items(found, tuple(fields)))
        # A few photos' answer (a page of the state) is small, and would only push the
        # galleries' out of the cache.
        return list(map(_builder(fields), json.loads(found)))

    def get(self, gallery_id: str, photo_id: str) -> dict | None:
        row = LocalRecord.objects.filter(gallery_id=gallery_id, photo_id=photo_id).first()
        return row.item if row else None

    def query(self, gallery_id: str, *, limit: int = 100, after: str | None = None):
        """One page of a gallery's photo items in photo-id order, and the last id if more.
        On SQLite an item whose text is unchanged since a recent page is not decoded again
        (`_decoded_item`), so items may be shared with other calls': read them, never
        change them."""
        rows = LocalRecord.objects.filter(gallery_id=gallery_id).exclude(
            photo_id=schema.GALLERY_SETTINGS_SORT_KEY
        )
        if after:
            rows = rows.filter(photo_id__gt=after)
        rows = rows.order_by("photo_id")[: limit + 1]
        if connection.vendor == "sqlite":
            # The items' texts as stored, decoded here rather than by the JSON field.
            sql, params = rows.values("item").query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                page = [_decoded_item(text) for (text,) in cursor.fetchall()]
        else:
            # The items alone: a gallery's hundreds of rows without a model instance each.
            page = list(rows.values_list("item", flat=True))
        more = len(page) > limit
        items = page[:limit]
        return items, (items[-1]["photo_id"] if more else None)

    def delete(self, gallery_id: str, photo_id: str) -> None:
        LocalRecord.objects.filter(gallery_id=gallery_id, photo_id=photo_id).delete()

    def get_gallery_settings(self, gallery_id: str) -> dict | None:
        return self.get(gallery_id, schema.GALLERY_SETTINGS_SORT_KEY)

    def put_gallery_settings(self, gallery_id: str, values: dict) -> None:
        item = {"gallery_id": gallery_id, "photo_id": schema.GALLERY_SETTINGS_SORT_KEY, **values}
        LocalRecord.objects.update_or_create(
            gallery_id=gallery_id,
            photo_id=schema.GALLERY_SETTINGS_SORT_KEY,
            defaults={"item": item},
        )

    def put_if_absent(self, item: dict) -> bool:
        _row, created = LocalRecord.objects.get_or_create(
            gallery_id=item["gallery_id"], photo_id=item["photo_id"], defaults=stored_columns(item)
        )
        return created

    @transaction.atomic
    def put(self, item: dict, *, only_if_newer_than: schema.Ordering | None) -> bool:
        """The processor's conditional write: `records.is_newer` decides, as DynamoDB does."""
        row = (
            LocalRecord.objects.select_for_update()
            .filter(gallery_id=item["gallery_id"], photo_id=item["photo_id"])
            .first()
        )
        conditional = row is not None and only_if_newer_than is not None
        if conditional and not schema.is_newer(only_if_newer_than, row.item):
            return False
        LocalRecord.objects.update_or_create(
            gallery_id=item["gallery_id"], photo_id=item["photo_id"], defaults=stored_columns(item)
        )
        return True


def stored_columns(item: dict) -> dict:
    """A photo item's columns: the item and its tile row, always written together."""
    return {"item": item, "tile": tile_row(item)}


def pending_item(*, gallery_id: str, photo_id: str, key: str, filename: str, size: int) -> dict:
    """The item a photo has from its upload target until the processor writes the real one.

    It lets one table Query list every photo of a gallery, processed or not; having no
    `event`, it is older than anything the processor writes.
    """
    now = timezone.now().isoformat()
    return {
        "gallery_id": gallery_id,
        "photo_id": photo_id,
        "status": schema.STATUS_PROCESSING,
        "original": {"key": key, "filename": filename, "bytes": size},
        "created_at": now,
        "updated_at": now,
    }
