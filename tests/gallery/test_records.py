"""The records as the web side reads them: `items` narrows each photo's item to the fields
asked for, in local mode (SQLite's json_extract) and on DynamoDB (a ProjectionExpression)."""

import pytest

from gallery.models import LocalRecord
from gallery.records import TILE_FIELDS, narrowed
from gallery.storage import record_table


def _item(gallery_id: str, photo_id: str, **extra) -> dict:
    return {
        "gallery_id": gallery_id,
        "photo_id": photo_id,
        "status": "processed",
        "error": None,
        "exif": {"captured_at": "2024-06-01T12:00:00", "camera": "X100V"},
        "renditions": {"proof": {"key": f"renditions/{photo_id}/proof.jpg", "width": 3}},
        **extra,
    }


@pytest.mark.parametrize("mode", ["local", pytest.param("aws", marks=pytest.mark.e2e)])
def test_items_reads_only_the_fields_asked_for_of_all_or_some_photos(db, request, mode):
    if mode == "aws":
        request.getfixturevalue("aws_mode")
    table = record_table()
    table.put_gallery_settings("g1", {"watermark": "x"})
    table.put_if_absent(_item("g1", "a1", placeholder="data:x"))
    table.put_if_absent(_item("g1", "b2", exif={}))
    table.put_if_absent(_item("g2", "c3"))
    fields = ("status", "renditions", "placeholder", "exif.captured_at")

    every = sorted(table.items("g1", fields=fields), key=lambda item: item["photo_id"])
    some = table.items("g1", fields=fields, photo_ids=["b2", "c3", "none"])

    proof = {"proof": {"key": "renditions/a1/proof.jpg", "width": 3}}
    assert every[0] == {
        "photo_id": "a1",
        "status": "processed",
        "renditions": proof,
        "placeholder": "data:x",
        "exif": {"captured_at": "2024-06-01T12:00:00"},
    }
    # What an item lacks (or holds as null) is left out, as DynamoDB leaves it out.
    second = {"photo_id": "b2", "status": "processed", "renditions": every[1]["renditions"]}
    assert every[1] == second
    assert some == [second]  # another gallery's photo and an unknown id: not there
    assert table.items("g1", fields=fields, photo_ids=[]) == []


def test_a_page_read_again_shows_what_was_written_in_between(db):
    # Local mode remembers each decoded item by its text: a page read again holds the
    # same items, whole, in photo-id order, and a processor's write shows at the next read.
    table = record_table()
    for photo_id in ("c3", "a1", "b2"):
        table.put_if_absent(_item("g1", photo_id, status="processing"))
    first, after = table.query("g1", limit=2)
    assert [item["photo_id"] for item in first] == ["a1", "b2"] and after == "b2"
    assert first[0] == _item("g1", "a1", status="processing")

    table.put(_item("g1", "b2"), only_if_newer_than=None)

    again, _after = table.query("g1", limit=2)
    assert [(item["photo_id"], item["status"]) for item in again] == [
        ("a1", "processing"),
        ("b2", "processed"),
    ]
    assert table.query("g1", limit=2, after=after) == (
        [_item("g1", "c3", status="processing")],
        None,
    )


def test_items_read_again_show_what_was_written_in_between(db):
    # Local mode remembers the decoded answer by its text: an unchanged gallery reads the
    # same items, and a processor's write or a new photo shows at the next read.
    table = record_table()
    table.put_if_absent(_item("g1", "a1", status="processing"))
    fields = ("status", "renditions")
    assert table.items("g1", fields=fields) == table.items("g1", fields=fields)

    table.put(_item("g1", "a1"), only_if_newer_than=None)
    table.put_if_absent(_item("g1", "b2"))

    found = sorted(table.items("g1", fields=fields), key=lambda item: item["photo_id"])
    assert [(item["photo_id"], item["status"]) for item in found] == [
        ("a1", "processed"),
        ("b2", "processed"),
    ]


def test_tile_fields_come_from_the_stored_tile_row_or_the_item_alike(db):
    # Local mode stores each item's TILE_FIELDS beside it when the table writes it; a row
    # written otherwise (no tile) is projected from its item: both read the same.
    table = record_table()
    table.put_if_absent(_item("g1", "a1", status="processing", placeholder="data:x"))
    LocalRecord.objects.create(gallery_id="g1", photo_id="b2", item=_item("g1", "b2"))
    table.put(_item("g1", "a1", placeholder="data:y", render_revision=2), only_if_newer_than=None)

    found = sorted(table.items("g1", fields=TILE_FIELDS), key=lambda item: item["photo_id"])

    rows = {row.photo_id: row for row in LocalRecord.objects.filter(gallery_id="g1")}
    assert rows["a1"].tile and not rows["b2"].tile
    assert found == [narrowed(rows[pk].item, TILE_FIELDS) for pk in ("a1", "b2")]
    assert (found[0]["status"], found[0]["placeholder"], found[0]["render_revision"]) == (
        "processed",
        "data:y",
        2,
    )
    assert found[0]["exif"] == {"captured_at": "2024-06-01T12:00:00"}
    assert table.items("empty", fields=TILE_FIELDS) == []
