"""ZIPs built off the request path on AWS: a request records an Export and hands its id to
a Zappa asynchronous task (another invocation of the web Lambda; outside Lambda Zappa runs
it in place). The task streams `exports/<gallery>/<id>.zip` into the private bucket as a
multipart upload (no copy on disk, memory bounded by the part size, ZIP64 past 4 GiB); the
client then gets a presigned GET for it.

How long the largest export takes: each original is read once and written once, in one
stream, so the time is the archive's size over what one function moves to and from S3.
At 1,024 MB Lambda is usually quoted at 50-100 MB/s for one S3 stream (not measured
here): a wedding of 3,000 originals of 25 MB (75 GB) takes 12-25 minutes, over Lambda's
15-minute limit at the slow end. That limit, not memory or /tmp, is the bound now; the
part size (PROOFSHEET_EXPORT_PART_BYTES x 10,000 parts) caps an archive at 156 GiB, and
memory is about (PROOFSHEET_EXPORT_PARALLEL_PARTS + 2) parts: 100 MiB with the defaults.
"""

import logging
from datetime import timedelta

from django.utils import timezone

from core.ids import new_id
from gallery import selectors as gallery_selectors
from gallery.dispatch import dispatcher
from gallery.models import Gallery
from gallery.storage import storage

from . import downloads, selectors, xmp
from .marks import MarkRow
from .models import Export, ShareLink

logger = logging.getLogger(__name__)
REUSE_FOR = timedelta(hours=6)
# Named, not imported: the task module imports this one, and Zappa routes by this path.
BUILD_TASK = "sharing.tasks.build_export"


def export_key(export: Export) -> str:
    return f"exports/{export.gallery_id}/{export.pk}.zip"


def export_start(
    *, link: ShareLink, photo_ids: list[str], size: str = downloads.ORIGINAL
) -> Export:
    """An Export of these photos: a recent ready one for the same set, or a new one."""
    photo_ids = sorted(photo_ids)
    recent = Export.objects.filter(
        gallery_id=link.gallery_id,
        photo_ids=photo_ids,
        size=size,
        state__in=[Export.State.READY, Export.State.PENDING],
        created_at__gt=timezone.now() - REUSE_FOR,
    ).first()
    if recent is not None:
        return recent
    export = Export.objects.create(
        gallery_id=link.gallery_id, link=link, photo_ids=photo_ids, size=size
    )
    dispatcher().run_task(BUILD_TASK, export.pk)
    return export


def export_build(*, export_id: str) -> Export:
    export = Export.objects.select_related("gallery", "link", "link__gallery").get(pk=export_id)
    if export.state == Export.State.READY:
        return export  # an async invocation may arrive twice
    # Checked again here: a release may have been withdrawn since the request.
    allowed = selectors.downloadable_photo_ids(link=export.link, photo_ids=export.photo_ids)
    originals = selectors.download_mode(link=export.link) == "originals"
    try:
        # The gallery's records in one Query, not a read per photo; in the gallery's order,
        # leaving out what clients may not see now (hidden, held back).
        views = gallery_selectors.photo_list(
            gallery=export.gallery, include_hidden=False, published_only=True
        )
        views = [v for v in views if v.photo.pk in allowed]
        entries = downloads.photo_entries(views, original=originals, size=export.size)
        key = export_key(export)
        with storage().writer(key, content_type="application/zip") as archive:
            for _ in downloads.write_zip(entries, archive):
                pass
    except Exception as error:
        logger.exception("Export %s failed", export.pk)
        export.state = Export.State.FAILED
        export.error = f"The archive could not be built ({type(error).__name__})."
    else:
        export.state = Export.State.READY
        export.key = key
    export.finished_at = timezone.now()
    export.save(update_fields=["state", "key", "error", "finished_at"])
    return export


def export_url(*, export: Export, filename: str) -> str:
    return downloads.attachment_url(key=export.key, filename=filename)


def xmp_export(*, gallery: Gallery, rows: list[MarkRow], filename: str, naming: str = "stem"):
    """The XMP sidecars of these rows (one per photo: see `marks.winning_rows`) as a ZIP,
    streamed into storage under `exports/<gallery>/` like the other exports, and the
    response that hands it over (streamed locally, a presigned GET on AWS)."""
    key = f"exports/{gallery.pk}/xmp-{new_id()}.zip"
    with storage().writer(key, content_type="application/zip") as archive:
        xmp.write_zip(xmp.sidecar_files(rows, naming), archive)
    return storage().attachment_response(key, filename=filename)
