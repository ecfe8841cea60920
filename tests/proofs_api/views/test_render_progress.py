"""Issue 13: a re-render after a watermark change can be followed, photo by photo."""

from gallery import services
from gallery.worker import LocalWorker


def test_render_progress_counts_the_photos_rendered_again(api, gallery, sample_paths):
    for path in sample_paths[:2]:
        with path.open("rb") as handle:
            services.photo_import(gallery=gallery, filename=path.name, file=handle)
    url = f"/api/galleries/{gallery.pk}/render-progress/"
    assert api.get(url).json() == {"revision": 1, "done": 0, "total": 0}  # not yet rendered
    worker = LocalWorker()
    worker.run_pending()
    assert api.get(url).json() == {"revision": 1, "done": 2, "total": 2}

    services.gallery_update(gallery=gallery, watermark_text="DRAFT")
    assert api.get(url).json() == {"revision": 2, "done": 0, "total": 2}
    worker.work()  # one photo rendered again
    assert api.get(url).json() == {"revision": 2, "done": 1, "total": 2}
    worker.run_pending()
    assert api.get(url).json() == {"revision": 2, "done": 2, "total": 2}
