"""process_original() through in-memory storage: the rules every caller relies on."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lambda_processor import records
from lambda_processor.events import RENDER_EVENT_NAME, EventInfo
from lambda_processor.options import Options
from lambda_processor.processor import CACHE_CONTROL, process_original

from .images import decode, mean_difference

NOW = datetime(2024, 5, 4, 10, 16, tzinfo=UTC)
KEY = "originals/gal-1/photo_1/holiday.png"  # a JPEG, whatever its name says


def upload_event(sequencer: str, etag: str = "etag-1") -> EventInfo:
    return EventInfo(
        name="ObjectCreated:Put",
        time="2024-05-04T10:15:30.123Z",
        etag=etag,
        sequencer=sequencer,
    )


@pytest.fixture
def run(blobs, memory_table):
    def run(key=KEY, event=None, options=None, now=NOW):
        return process_original(
            key=key,
            blobs=blobs,
            table=memory_table,
            event=event or upload_event("0A"),
            options=options or Options(),
            now=now,
        )

    return run


@pytest.fixture
def uploaded(blobs, landscape):
    blobs.add(KEY, landscape[1], "etag-1")
    return landscape[1]


def test_a_processed_item_has_the_whole_schema(run, uploaded, blobs, memory_table):
    outcome = run()
    assert outcome.status == "processed" and outcome.reason is None
    assert outcome.bytes_in == len(uploaded)
    item = memory_table.get("gal-1", "photo_1")
    assert item == outcome.item
    assert set(item) == {
        "gallery_id",
        "photo_id",
        "status",
        "error",
        "original",
        "renditions",
        "size_reduction",
        "exif",
        "placeholder",
        "created_at",
        "updated_at",
        "processed_at",
        "event",
        "processor_version",
        "render_revision",
    }
    assert item["original"] == {
        "key": KEY,
        "filename": "holiday.png",
        "bytes": len(uploaded),
        "etag": "etag-1",
        "width": 1800,
        "height": 1200,
        "format": "JPEG",  # from the bytes, not the name
        "mode": "RGB",
    }
    assert item["event"] == {
        "name": "ObjectCreated:Put",
        "time": "2024-05-04T10:15:30.123Z",
        "etag": "etag-1",
        "sequencer": "0A",
        "order": "s:" + "0" * 30 + "0A",
    }
    assert item["created_at"] == item["updated_at"] == item["processed_at"]
    assert item["processed_at"] == "2024-05-04T10:16:00.000000Z"
    assert item["processor_version"] == records.PROCESSOR_VERSION
    assert item["render_revision"] == 0
    assert item["placeholder"].startswith("data:image/webp;base64,")
    for name, size in (("thumb", (600, 400)), ("proof", (1800, 1200))):
        rendition = item["renditions"][name]
        assert rendition["key"] == f"renditions/gal-1/photo_1/{name}.jpg"
        assert (rendition["width"], rendition["height"]) == size
        assert rendition["content_type"] == "image/jpeg" and rendition["format"] == "JPEG"
        assert rendition["bytes"] == len(blobs.objects[rendition["key"]])
        assert blobs.headers[rendition["key"]]["cache_control"] == CACHE_CONTROL
        assert decode(blobs.objects[rendition["key"]]).size == size
    assert outcome.bytes_out == sum(r["bytes"] for r in item["renditions"].values())


def test_keys_that_are_not_originals_are_ignored(run, blobs, memory_table):
    blobs.add("renditions/gal-1/photo_1/proof.jpg", b"x", "e")
    for key in ("renditions/gal-1/photo_1/proof.jpg", "originals/gal-1/x.jpg", "other/a/b/c"):
        assert run(key=key).status == "ignored"
    assert memory_table.items == {} and blobs.gets == []


def test_the_same_event_twice_is_processed_once(run, uploaded, blobs, memory_table):
    assert run().status == "processed"
    assert run().status == "skipped"
    assert blobs.gets == [KEY] and memory_table.writes == 1


def test_an_older_event_after_a_newer_one_changes_nothing(run, uploaded, blobs, memory_table):
    assert run(event=upload_event("0B", etag="etag-2")).status == "processed"
    assert run(event=upload_event("0A", etag="etag-1")).status == "skipped"
    assert memory_table.get("gal-1", "photo_1")["event"]["sequencer"] == "0B"


def test_a_newer_event_replaces_the_item(run, uploaded, blobs, memory_table, landscape):
    run(event=upload_event("0A"))
    blobs.add(KEY, landscape[6], "etag-2")  # re-uploaded
    outcome = run(event=upload_event("0B", etag="etag-2"))
    assert outcome.status == "processed"
    assert outcome.item["original"]["etag"] == "etag-2"
    assert outcome.item["original"]["bytes"] == len(landscape[6])


def test_created_at_survives_a_reprocessing(run, uploaded, memory_table):
    memory_table.items[("gal-1", "photo_1")] = {
        "gallery_id": "gal-1",
        "photo_id": "photo_1",
        "status": records.STATUS_PROCESSING,  # the web side's pending item
        "created_at": "2024-05-04T10:00:00+00:00",
    }
    item = run().item
    assert item["created_at"] == "2024-05-04T10:00:00+00:00"
    assert item["updated_at"] == "2024-05-04T10:16:00.000000Z"


def test_a_corrupt_image_is_recorded_as_failed(run, blobs, memory_table, landscape):
    truncated = landscape[1][:50_000]
    blobs.add(KEY, truncated, "etag-1")
    outcome = run()
    assert outcome.status == "failed"
    item = memory_table.get("gal-1", "photo_1")
    assert item["status"] == "failed"
    assert item["error"] == outcome.reason
    assert "incomplete" in item["error"]
    assert item["renditions"] == {} and item["exif"] is None and item["placeholder"] is None
    assert item["original"]["bytes"] == len(truncated) and item["original"]["width"] is None
    assert blobs.objects == {KEY: truncated}  # the original untouched, nothing else written


def test_a_too_large_object_fails_without_being_downloaded(run, uploaded, blobs, memory_table):
    outcome = run(options=Options(max_bytes=100_000))
    assert outcome.status == "failed"
    assert outcome.reason == "The file is 347 kB, more than the 100 kB we accept."
    assert blobs.gets == []
    assert memory_table.get("gal-1", "photo_1")["status"] == "failed"


def test_a_deleted_original_writes_nothing(run, memory_table):
    assert run().status == "missing"
    assert memory_table.items == {}


def test_gallery_settings_choose_the_watermark(run, uploaded, blobs, memory_table):
    run(options=Options(watermark_text=""))
    plain = decode(blobs.objects["renditions/gal-1/photo_1/proof.jpg"])

    memory_table.set_gallery_settings("gal-1", watermark_text="Smith wedding", revision=2)
    outcome = run(event=EventInfo(name=RENDER_EVENT_NAME, time="2024-05-04T11:00:00Z"))
    assert outcome.status == "processed"
    assert outcome.item["render_revision"] == 2
    marked = decode(blobs.objects["renditions/gal-1/photo_1/proof.jpg"])
    assert mean_difference(plain, marked) > 2


def test_a_render_request_rerenders_and_outranks_its_upload(
    run, uploaded, blobs, memory_table, landscape
):
    render = EventInfo(name=RENDER_EVENT_NAME, time="2024-05-04T11:00:00Z")
    assert run().status == "processed"
    memory_table.set_gallery_settings("gal-1", watermark_text="NEW", revision=1)
    outcome = run(event=render)
    assert outcome.status == "processed" and outcome.item["render_revision"] == 1
    assert outcome.item["event"]["order"] == "s:" + "0" * 30 + "0A|r:2024-05-04T11:00:00.000000Z"
    assert outcome.item["event"]["name"] == RENDER_EVENT_NAME
    assert outcome.item["event"]["etag"] == "etag-1"
    # a late duplicate of the upload event must not undo the re-render
    assert run().status == "skipped"
    assert memory_table.get("gal-1", "photo_1")["render_revision"] == 1
    # a newer upload still wins over the re-render
    blobs.add(KEY, landscape[3], "etag-2")
    assert run(event=upload_event("0B", etag="etag-2")).status == "processed"


def test_a_render_request_retries_a_failed_photo(run, blobs, memory_table, landscape):
    blobs.add(KEY, landscape[1][:50_000], "etag-1")
    assert run().status == "failed"
    blobs.gets.clear()
    render = EventInfo(name=RENDER_EVENT_NAME, time="2024-05-04T11:00:00Z")
    assert run(event=render).status == "failed"  # tried again: still truncated
    assert blobs.gets == [KEY]


def test_a_render_before_any_upload_event_is_superseded_by_it(run, uploaded, memory_table):
    render = EventInfo(name=RENDER_EVENT_NAME, time="2024-05-04T11:00:00Z")
    assert run(event=render).item["event"]["order"] == "0|r:2024-05-04T11:00:00.000000Z"
    assert run().status == "processed"
    assert memory_table.get("gal-1", "photo_1")["event"]["name"] == "ObjectCreated:Put"


def test_a_watermark_change_during_rendering_is_picked_up(run, uploaded, blobs, memory_table):
    memory_table.set_gallery_settings("gal-1", watermark_text="OLD", revision=1)
    original_get = blobs.get

    def get_while_the_photographer_edits(key):
        if len(blobs.gets) == 0:
            memory_table.set_gallery_settings("gal-1", watermark_text="NEW", revision=2)
        return original_get(key)

    blobs.get = get_while_the_photographer_edits
    outcome = run()
    assert outcome.status == "processed"
    assert outcome.item["render_revision"] == 2
    assert blobs.gets == [KEY, KEY]  # rendered again with the new settings


def test_losing_a_race_with_a_newer_write_is_reported_as_stale(run, uploaded, blobs, memory_table):
    # another invocation stores a newer event while this one is rendering
    newer = {
        "gallery_id": "gal-1",
        "photo_id": "photo_1",
        "event": {"order": "s:" + "0" * 30 + "0F"},
        "render_revision": 0,
    }
    original_get = blobs.get

    def get_and_race(key):
        memory_table.items[("gal-1", "photo_1")] = newer
        return original_get(key)

    blobs.get = get_and_race
    outcome = run()
    assert outcome.status == "stale"
    assert memory_table.get("gal-1", "photo_1") == newer


def test_storage_errors_propagate(run, uploaded, blobs):
    def broken_put(*args, **kwargs):
        raise ConnectionError("S3 is down")

    blobs.put = broken_put
    with pytest.raises(ConnectionError):
        run()


def test_event_may_be_a_plain_mapping(run, uploaded):
    # how the web side's local worker calls it
    event = {"name": "ObjectCreated:Post", "time": "2024-05-04T10:15:30Z", "sequencer": "01"}
    outcome = run(event=event)
    assert outcome.status == "processed"
    assert outcome.item["event"]["order"] == "s:" + "0" * 30 + "01"


def test_malformed_gallery_settings_fall_back_to_the_defaults(run, uploaded, memory_table):
    memory_table.set_gallery_settings("gal-1", watermark_opacity=7, revision="soon")
    outcome = run()
    assert outcome.status == "processed" and outcome.item["render_revision"] == 0


LOGO_KEY = "studio/7/logo-id/logo.png"


def _logo_png() -> bytes:
    import io

    from PIL import Image

    logo = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    logo.paste((255, 0, 0, 255), (0, 0, 300, 100))
    buffer = io.BytesIO()
    logo.save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_logo_watermark_is_read_through_the_blob_store(run, uploaded, blobs, memory_table):
    run(options=Options(watermark_text=""))
    plain = decode(blobs.objects["renditions/gal-1/photo_1/proof.jpg"])
    blobs.add(LOGO_KEY, _logo_png(), "etag-logo")
    memory_table.set_gallery_settings(
        "gal-1",
        watermark_text="",
        watermark_opacity=1.0,
        watermark_logo_key=LOGO_KEY,
        watermark_logo_position="top-left",
        watermark_logo_scale=0.3,
        revision=2,
    )

    outcome = run(event=EventInfo(name=RENDER_EVENT_NAME, time="2024-05-04T11:00:00Z"))

    assert outcome.status == "processed" and LOGO_KEY in blobs.gets
    marked = decode(blobs.objects["renditions/gal-1/photo_1/proof.jpg"])
    width = round(marked.width * 0.3)
    margin = round(min(marked.size) * 0.04)
    logo_box = (margin, margin, margin + width, margin + width // 3)
    # Red where the logo is, the photo as before everywhere else.
    red, green, blue = marked.getpixel((margin + width // 2, margin + width // 6))
    assert red > 230 and green < 30 and blue < 30
    assert mean_difference(plain, marked, ignore=logo_box) < 1.5


def test_a_logo_gone_meanwhile_renders_without_it(run, uploaded, blobs, memory_table):
    memory_table.set_gallery_settings(
        "gal-1", watermark_logo_key=LOGO_KEY, watermark_logo_position="centre", revision=2
    )

    outcome = run()

    assert outcome.status == "processed" and LOGO_KEY not in blobs.gets
