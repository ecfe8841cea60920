"""The shared schema: keys, file names, ordering of events, DynamoDB numbers."""

from decimal import Decimal

import pytest

from lambda_processor import records
from lambda_processor.records import (
    Ordering,
    event_order,
    is_newer,
    item_from_dynamo,
    item_to_dynamo,
    original_key,
    parse_original_key,
    render_order,
    rendition_key,
    sanitize_filename,
)


def test_original_keys_parse_into_their_parts():
    assert parse_original_key("originals/gal-1/photo_1/red flower.jpg") == (
        "gal-1",
        "photo_1",
        "red flower.jpg",
    )


@pytest.mark.parametrize(
    "key",
    [
        "renditions/gal-1/photo_1/proof.jpg",
        "originals/gal-1/photo_1",
        "originals/gal-1/photo_1/",
        "originals/gal-1/photo_1/sub/name.jpg",
        "originals/gal-1/photo_1/..",
        "originals/gal-1/photo_1/.",
        "originals/gal.1/photo_1/name.jpg",
        "originals//photo_1/name.jpg",
        f"originals/{'g' * 65}/photo_1/name.jpg",
        "Originals/gal-1/photo_1/name.jpg",
        "/originals/gal-1/photo_1/name.jpg",
        "",
    ],
)
def test_anything_else_is_not_an_original(key):
    assert parse_original_key(key) is None


def test_keys_are_built_from_ids_and_a_sanitised_name():
    assert original_key("g1", "p1", "../../etc/passwd") == "originals/g1/p1/passwd"
    assert parse_original_key(original_key("g1", "p1", "C:\\Users\\me\\IMG 1.JPG")) == (
        "g1",
        "p1",
        "IMG 1.jpg",
    )
    assert rendition_key("g1", "p1", "proof", "jpg") == "renditions/g1/p1/proof.jpg"
    with pytest.raises(ValueError):
        original_key("g/1", "p1", "a.jpg")
    with pytest.raises(ValueError):
        rendition_key("g1", "p1", "../proof", "jpg")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Wedding 042.JPG", "Wedding 042.jpg"),
        ("  spaced   out  .png ", "spaced out.png"),
        ("photo\u202egpj.exe", "photogpj.exe"),  # right-to-left override removed
        ("tab\tand\nnewline.jpg", "tab and newline.jpg"),
        ('bad<>:"|?*#%chars.jpg', "bad_________chars.jpg"),
        (".hidden.jpg", "hidden.jpg"),
        ("", "photo"),
        ("....", "photo"),
        ("/", "photo"),
        ("Café Ñandú.heic", "Café Ñandú.heic"),
    ],
)
def test_sanitize_filename_keeps_a_readable_safe_name(name, expected):
    assert sanitize_filename(name) == expected


def test_sanitize_filename_limits_length_and_keeps_the_extension():
    name = sanitize_filename("a" * 500 + ".jpeg")
    assert len(name) == records.MAX_FILENAME_LENGTH and name.endswith(".jpeg")
    assert parse_original_key(f"originals/g/p/{name}") is not None


def test_sequencers_compare_after_padding():
    # "9" < "10" only once both are padded to the same width
    shorter = event_order(sequencer="0055AED6DCD90281E9", time=None, etag=None)
    longer = event_order(sequencer="0055AED6DCD90281E10", time=None, etag=None)
    assert "0055AED6DCD90281E9" > "0055AED6DCD90281E10"
    assert shorter < longer


def test_without_sequencer_time_then_etag_order_events():
    early = event_order(sequencer=None, time="2024-05-04T10:15:30.123Z", etag="ffff")
    late = event_order(sequencer=None, time="2024-05-04T10:15:31.001Z", etag="0000")
    same_time_other_etag = event_order(sequencer=None, time="2024-05-04T10:15:30.123Z", etag="fffg")
    assert early < late
    assert early < same_time_other_etag
    assert event_order(sequencer=None, time=None, etag=None) == records.NO_ORDER < early


def test_render_orders_follow_their_upload_and_precede_newer_uploads():
    upload = event_order(sequencer="0A", time=None, etag=None)
    newer_upload = event_order(sequencer="0B", time=None, etag=None)
    render = render_order(upload, "2024-05-04T11:00:00Z")
    later_render = render_order(render, "2024-05-04T11:00:01Z")
    assert upload < render < later_render < newer_upload
    assert later_render == upload + "|r:2024-05-04T11:00:01.000000Z"  # not nested
    assert render_order(None, "2024-05-04T11:00:00Z") < event_order(
        sequencer=None, time="2000-01-01T00:00:00Z", etag=""
    )


def test_is_newer_compares_order_then_render_revision():
    stored = {"event": {"order": "s:0002"}, "render_revision": 3}
    assert is_newer(Ordering("s:0003", 0), stored)
    assert is_newer(Ordering("s:0002", 4), stored)
    assert not is_newer(Ordering("s:0002", 3), stored)  # the same event again
    assert not is_newer(Ordering("s:0001", 9), stored)  # an older upload
    assert is_newer(Ordering("s:0001", 0), None)
    # a pending item written by the web side has no ordering: anything replaces it
    assert is_newer(Ordering(records.NO_ORDER, 0), {"status": "processing"})
    # items can be compared directly (the web side's local table does)
    assert is_newer({"event": {"order": "s:0003"}, "render_revision": 0}, stored)
    assert not is_newer({"status": "processing"}, stored)


def test_dynamo_conversion_round_trips_numbers():
    item = {
        "size_reduction": 0.8734,
        "original": {"width": 6000, "bytes": 12_345_678},
        "exif": {"exposure": {"exposure_time": 0.004, "f_number": 2.8, "iso": 400}},
        "error": None,
        "flags": [True, 1.5],
        "nan": float("nan"),
    }
    stored = item_to_dynamo(item)
    assert stored["size_reduction"] == Decimal("0.8734")
    assert stored["exif"]["exposure"]["exposure_time"] == Decimal("0.004")
    assert stored["flags"] == [True, Decimal("1.5")]
    assert stored["nan"] is None
    back = item_from_dynamo(stored)
    assert back == {**item, "nan": None}
    assert isinstance(back["original"]["width"], int)
    assert isinstance(back["size_reduction"], float)
