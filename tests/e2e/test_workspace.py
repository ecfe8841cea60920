"""Issue 3, must-show 1: the photographer's workspace in Chromium, local mode."""

import io

import pytest
from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import expect

from gallery.models import Gallery, Photo
from gallery.selectors import photo_list

pytestmark = pytest.mark.e2e

ALL_THUMBS_LOADED = """count => {
  const images = [...document.querySelectorAll('#grid .tile img')];
  return images.length === count && images.every(img => img.complete && img.naturalWidth > 0);
}"""


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of two images, 0 (same) to 255, compared at a small size."""
    size = (96, 64)
    a = a.convert("RGB").resize(size, Image.Resampling.BOX)
    b = b.convert("RGB").resize(size, Image.Resampling.BOX)
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def tile_order(page) -> list[str]:
    return page.locator("#grid .tile").evaluate_all("tiles => tiles.map(t => t.dataset.photo)")


def test_upload_a_shoot_watch_it_process_reorder_and_delete(
    page, live_server, local_worker, photographer, sign_in, sample_paths, output_dir
):
    sign_in(page, photographer)
    page.click("text=New gallery")
    page.fill("#id_title", "Orientation test shoot")
    page.fill("#id_client_name", "Ada Lovelace")
    photo_lists = []
    page.on("request", lambda r: "/photos/?" in r.url and photo_lists.append(r.url))
    page.click("button:has-text('Create gallery')")
    expect(page.locator("h1")).to_have_text("Orientation test shoot")
    expect(page.locator("#grid-summary")).to_have_text("0 photos")  # the workspace is ready
    gallery = Gallery.objects.get(owner=photographer)

    page.set_input_files("#file-input", [str(path) for path in sample_paths])
    expect(page.locator("#uploads")).to_be_visible()
    expect(page.locator("#upload-list progress")).to_have_count(9)
    expect(page.locator("#upload-total")).to_be_visible()
    expect(page.locator("#upload-counts")).to_have_text("9 of 9 uploaded", timeout=60_000)

    page.wait_for_function(ALL_THUMBS_LOADED, arg=9, timeout=90_000)
    expect(page.locator("#grid-summary")).to_have_text("9 photos")

    # The grid loads in full once; while photos are on their way it polls only for those
    # (and it may load in full again once all are done).
    assert all(f"/galleries/{gallery.pk}/photos/?" in url for url in photo_lists)
    unfinished = [
        i for i, url in enumerate(photo_lists) if "status=uploading&status=processing" in url
    ]
    assert unfinished and unfinished == list(range(1, unfinished[-1] + 1)), photo_lists

    # Every thumbnail is upright: it looks like Landscape_1, not like Landscape_1 turned.
    # Each tile reserves the thumbnail's own size, as its record gives it.
    reference = Image.open(sample_paths[1])
    turned = reference.transpose(Image.Transpose.ROTATE_90)
    records = {view.photo.pk: view.rendition("thumb") for view in photo_list(gallery=gallery)}
    shown = page.locator("#grid .tile").evaluate_all(
        "tiles => tiles.map(t => [t.dataset.photo, t.querySelector('img').src,"
        " t.querySelector('img').getAttribute('width'),"
        " t.querySelector('img').getAttribute('height')])"
    )
    for photo_id, source, width, height in shown:
        response = page.request.get(source)
        assert response.ok
        thumb = Image.open(io.BytesIO(response.body()))
        assert (int(width), int(height)) == thumb.size
        assert thumb.size == (records[photo_id]["width"], records[photo_id]["height"])
        assert max(thumb.size) == 600
        assert thumb.width > thumb.height
        assert difference(thumb, reference) < 12
        assert difference(thumb.rotate(90, expand=True), turned) < 12

    # Reorder two by dragging the first tile onto the third.
    before = tile_order(page)
    # The grid moves the tile at once and saves in the background: wait for the save.
    with page.expect_response(lambda r: r.url.endswith("/reorder/") and r.ok):
        page.locator(f"[data-photo='{before[0]}']").drag_to(
            page.locator(f"[data-photo='{before[2]}']")
        )
    expected = [before[1], before[2], before[0], *before[3:]]
    expect(page.locator("#grid .tile").first).to_have_attribute("data-photo", before[1])
    page.wait_for_function(
        "ids => ids.every((id, i) => document.querySelectorAll('#grid .tile')[i].dataset.photo === id)",  # noqa: E501
        arg=expected,
    )
    page.reload()
    page.wait_for_function(ALL_THUMBS_LOADED, arg=9)
    assert tile_order(page) == expected
    saved = list(gallery.photos.order_by("position").values_list("pk", flat=True))
    assert saved == expected

    # Delete one, after the confirmation.
    doomed = expected[-1]
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"[data-photo='{doomed}'] button:has-text('Delete')").click()
    expect(page.locator("#grid .tile")).to_have_count(8)
    assert not Photo.objects.filter(pk=doomed).exists()

    page.wait_for_function(ALL_THUMBS_LOADED, arg=8)
    page.screenshot(path=output_dir / "workspace-grid.png", full_page=True)
