"""Issue 3, must-show 2: the same upload flow in aws mode, against a moto server over HTTP.

The browser POSTs each file straight to S3 with its presigned form; the bucket notifies a
queue of `originals/` creations; the processor handler takes them and writes DynamoDB; the
grid shows the thumbnails through presigned GETs.
"""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from gallery import services
from gallery.models import Photo

pytestmark = pytest.mark.e2e

ALL_THUMBS_LOADED = """count => {
  const images = [...document.querySelectorAll('#grid .tile img')];
  return images.length === count && images.every(img => img.complete && img.naturalWidth > 0);
}"""


def test_upload_in_aws_mode_goes_to_s3_and_comes_back_as_thumbnails(
    page,
    live_server,
    aws_mode,
    processor_lambda,
    photographer,
    sign_in,
    sample_paths,
    output_dir,
    wait_for,
):
    gallery = services.gallery_create(owner=photographer, title="Cliffs, aws mode")
    sign_in(page, photographer)
    page.goto(f"/galleries/{gallery.pk}/")
    expect(page.locator("#grid-summary")).to_have_text("0 photos")  # the workspace is ready

    uploads = []
    page.on("request", lambda request: request.method == "POST" and uploads.append(request.url))
    files = [sample_paths[n] for n in (1, 3, 6, 8)]
    page.set_input_files("#file-input", [str(path) for path in files])
    expect(page.locator("#upload-counts")).to_have_text("4 of 4 uploaded", timeout=60_000)
    page.wait_for_function(ALL_THUMBS_LOADED, arg=4, timeout=90_000)

    # The bytes went to the bucket, never through Django.
    s3_posts = [url for url in uploads if url.startswith(aws_mode.endpoint)]
    assert len(s3_posts) == 4
    assert not any("/upload/" in url for url in uploads)

    photos = list(Photo.objects.filter(gallery=gallery))
    assert aws_mode.keys("originals/") == sorted(p.original_key for p in photos)
    renditions = aws_mode.keys(f"renditions/{gallery.pk}/")
    for photo in photos:  # the proof, the thumbnail and the srcset's widths of each photo
        names = {key.rsplit("/", 1)[1] for key in renditions if f"/{photo.pk}/" in key}
        assert {"proof.jpg", "thumb.jpg"} < names, names
    assert len(renditions) == len(photos) * len(names)
    items = aws_mode.items(gallery.pk)
    statuses = {i["photo_id"]["S"]: i.get("status", {}).get("S") for i in items}
    assert {statuses[p.pk] for p in photos} == {"processed"}

    # Thumbnails come from presigned GETs on the bucket, and they are upright.
    sources = page.locator("#grid .tile img").evaluate_all("imgs => imgs.map(i => i.src)")
    assert all(src.startswith(aws_mode.endpoint) and "X-Amz-Signature" in src for src in sources)
    thumb = Image.open(io.BytesIO(page.request.get(sources[0]).body()))
    assert thumb.width > thumb.height
    page.screenshot(path=output_dir / "workspace-grid-aws.png", full_page=True)

    # The processor's outcome messages reached the web stage: it knows the gallery is done.
    assert wait_for(
        lambda: set(gallery.photos.values_list("last_outcome", flat=True)) == {"processed"}
    )

    # A new watermark re-renders the proofs from the originals, through the render queue.
    proof_key = f"renditions/{gallery.pk}/{photos[0].pk}/proof.jpg"
    before = aws_mode.client("s3").get_object(Bucket=aws_mode.bucket, Key=proof_key)["Body"].read()
    services.gallery_update(gallery=gallery, watermark_text="SAMPLE")
    assert wait_for(
        lambda: (
            {
                int(i["render_revision"]["N"])
                for i in aws_mode.items(gallery.pk)
                if "render_revision" in i
            }
            == {2}
        )
    )
    after = aws_mode.client("s3").get_object(Bucket=aws_mode.bucket, Key=proof_key)["Body"].read()
    assert after != before
    assert not [result for result in processor_lambda if isinstance(result[1], Exception)]

    # Deleting the gallery leaves nothing in the bucket and nothing in the table.
    page.goto(f"/galleries/{gallery.pk}/delete/")
    page.fill("#confirm_title", gallery.title)
    page.click("button:has-text('Delete everything')")
    page.wait_for_url("**/galleries/")
    assert aws_mode.keys() == []
    assert aws_mode.items(gallery.pk) == []
