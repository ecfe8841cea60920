"""What became of a photo's processing, told to integrations: a photo that failed, and a
gallery with nothing left to process. Locally the worker reports each outcome; on AWS the
processor's outcome messages arrive through `dispatch.aws.consume_outcome_event`."""

from django.db import transaction
from django.db.models import Count, Q

from core import events
from lambda_processor import records as schema

from .models import Gallery, Photo
from .storage import record_table, storage


def _forget_photo(*, gallery_id: str, photo_id: str) -> None:
    storage().delete_prefix(f"{schema.RENDITIONS_PREFIX}{gallery_id}/{photo_id}/")
    record_table().delete(gallery_id, photo_id)


def outcome_received(*, gallery_id: str, photo_id: str, status: str, error: str | None) -> None:
    if status not in (schema.STATUS_PROCESSED, schema.STATUS_FAILED):
        return
    with transaction.atomic():
        # The gallery row is the lock: outcomes of one gallery are counted one at a time,
        # so of two that finish together exactly one sees nothing left and announces it.
        gallery = (
            Gallery.objects.select_for_update()
            .select_related("owner")
            .filter(pk=gallery_id)
            .first()
        )
        photo = gallery and gallery.photos.filter(pk=photo_id).first()
        if photo is None:
            if gallery is not None:
                # Deleted meanwhile (a refused or abandoned upload, processed while it was
                # removed): what the processor wrote after the deletion goes too.
                _forget_photo(gallery_id=gallery_id, photo_id=photo_id)
            return
        Photo.objects.filter(pk=photo.pk).update(last_outcome=status)
        if status == schema.STATUS_FAILED:
            events.emit(
                owner=gallery.owner,
                name="photo.failed",
                payload={
                    "gallery": gallery.pk,
                    "photo": photo.pk,
                    "filename": photo.filename,
                    "error": error or "",
                },
            )
        counts = gallery.photos.aggregate(
            waiting=Count("pk", filter=Q(last_outcome="", upload_state=Photo.UploadState.UPLOADED)),
            processed=Count("pk", filter=Q(last_outcome=schema.STATUS_PROCESSED)),
            failed=Count("pk", filter=Q(last_outcome=schema.STATUS_FAILED)),
        )
        if not counts.pop("waiting"):
            events.emit(
                owner=gallery.owner,
                name="gallery.processed",
                payload={"gallery": gallery.pk, "title": gallery.title, **counts},
            )
