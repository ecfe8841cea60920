"""Issue 13: after a watermark change the workspace says "Re-rendering 0 of 2" until every
proof is rendered again with it."""

import pytest
from playwright.sync_api import expect

from gallery import services
from gallery.worker import LocalWorker

pytestmark = pytest.mark.e2e


def test_the_workspace_follows_a_re_render_to_its_end(
    page, live_server, photographer, sign_in, sample_paths
):
    gallery = services.gallery_create(owner=photographer, title="New watermark")
    for path in sample_paths[:2]:
        with path.open("rb") as handle:
            services.photo_import(gallery=gallery, filename=path.name, file=handle)
    worker = LocalWorker()
    worker.run_pending()  # both processed at the first watermark
    services.gallery_update(gallery=gallery, watermark_text="DRAFT")  # queues the re-render

    sign_in(page, photographer)
    page.goto(f"/galleries/{gallery.pk}/")
    progress = page.locator("#render-progress")
    expect(progress).to_have_text("Re-rendering 0 of 2")
    answer = page.request.get(f"/api/galleries/{gallery.pk}/render-progress/")  # the session's
    assert answer.json() == {"revision": 2, "done": 0, "total": 2}

    worker.run_pending()  # as the worker thread would

    expect(progress).to_have_text("All 2 proofs re-rendered")
