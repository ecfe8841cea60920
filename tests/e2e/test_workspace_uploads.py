"""Issue 13, must-show 1: a mix of good files, refused files and duplicates uploaded in
Chromium (local mode). Afterwards the gallery holds exactly the good photos once each, no
"uploading" row is left, and every refused file's row says why, with no "Retry"."""

import hashlib

import pytest
from playwright.sync_api import expect

from gallery import services
from gallery.models import Photo

pytestmark = pytest.mark.e2e

ALL_THUMBS_LOADED = """count => {
  const images = [...document.querySelectorAll('#grid .tile img')];
  return images.length === count && images.every(img => img.complete && img.naturalWidth > 0);
}"""
LIMIT = 400_000  # the samples are about 350 kB
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def as_file(path, name: str | None = None) -> dict:
    """Playwright takes paths or buffers in one call, not both."""
    return {"name": name or path.name, "mimeType": "image/jpeg", "buffer": path.read_bytes()}


def row(page, name: str):
    return page.locator("#upload-list .upload-item", has=page.locator(".name", has_text=name))


def test_good_refused_and_duplicate_files_leave_exactly_the_good_photos(
    page, live_server, local_worker, photographer, sign_in, sample_paths, output_dir, settings
):
    settings.PROOFSHEET_MAX_UPLOAD_BYTES = LIMIT
    gallery = services.gallery_create(owner=photographer, title="A card, twice")
    sign_in(page, photographer)
    page.goto(f"/galleries/{gallery.pk}/")
    expect(page.locator("#grid-summary")).to_have_text("0 photos")  # the workspace is ready
    good = sample_paths[:3]

    page.set_input_files(
        "#file-input",
        [
            *[as_file(path) for path in good],
            # Refused by the server: the browser believes the name.
            {"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"a shopping list\n" * 40},
            # Refused before a byte moves.
            {"name": "empty.jpg", "mimeType": "image/jpeg", "buffer": b""},
            {"name": "drawing.svg", "mimeType": "image/svg+xml", "buffer": SVG},
            {"name": "huge.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff" * 200_000},
        ],
    )
    expect(page.locator("#upload-counts")).to_have_text("3 of 7 uploaded, 4 failed", timeout=60_000)
    reasons = {
        "notes.jpg": "is not an image we can read",
        "empty.jpg": "is empty",
        "drawing.svg": "is not a photo we accept (image/svg+xml)",
        "huge.jpg": "over the 391 kB limit",
    }
    for name, reason in reasons.items():
        expect(row(page, name).locator(".state")).to_contain_text(reason)
        expect(row(page, name).locator("button.retry")).to_have_count(0)

    # The same card again: one file as it was, one renamed copy, and a new photo.
    page.set_input_files(
        "#file-input",
        [
            as_file(good[0]),
            as_file(good[1], "copy-of-1.jpg"),
            as_file(sample_paths[3]),
        ],
    )
    prompt = page.locator("#duplicates-prompt")
    expect(prompt).to_contain_text("2 of these files are already in this gallery")
    expect(page.locator("#upload-counts")).to_have_text("3 of 10 uploaded, 4 failed")  # waits
    prompt.get_by_role("button", name="Skip them").click()
    expect(prompt).to_have_count(0)
    expect(page.locator("#upload-counts")).to_have_text(
        "4 of 10 uploaded, 2 skipped, 4 failed", timeout=60_000
    )
    expect(row(page, "copy-of-1.jpg").locator(".state")).to_have_text(
        f"Skipped: already here (same content as {good[1].name})"
    )

    page.wait_for_function(ALL_THUMBS_LOADED, arg=4, timeout=90_000)
    expect(page.locator("#grid-summary")).to_have_text("4 photos")
    expect(page.locator("#grid .tile.uploading")).to_have_count(0)
    photos = Photo.objects.filter(gallery=gallery)
    assert {p.upload_state for p in photos} == {Photo.UploadState.UPLOADED}
    expected = {hashlib.sha256(path.read_bytes()).hexdigest() for path in [*good, sample_paths[3]]}
    assert sorted(p.sha256 for p in photos) == sorted(expected)  # each good photo once
    page.screenshot(
        path=output_dir / "workspace-uploads-refused-and-duplicates.png", full_page=True
    )
