"""Writes: every change to galleries and photos goes through these functions."""

import contextlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from accounts.selectors import studio_for
from lambda_processor import records as schema

from . import selectors, uploads
from .dispatch import dispatcher
from .models import GALLERY_EDITABLE_FIELDS, WATERMARK_FIELDS, Gallery, Photo, PhotoSet
from .records import pending_item
from .storage import record_table, storage


def _check_expiry(expires_at) -> None:
    """The same rule as a share link's: a new expiry must be in the future."""
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The expiry date is in the past."})


def gallery_check_rules(*, gallery: Gallery) -> None:
    """The rules between fields, which the model's own validation does not see."""
    low, high = gallery.min_favourites, gallery.max_favourites
    if low is not None and high is not None and low > high:
        raise ValidationError(
            {"max_favourites": "The maximum number of favourites is below the minimum."}
        )
    if not 0 <= gallery.watermark_opacity <= 1:
        raise ValidationError({"watermark_opacity": "Opacity is a number from 0 to 1."})
    scale = gallery.watermark_logo_scale
    if scale is not None and not 0.05 <= scale <= 1:
        raise ValidationError(
            {"watermark_logo_scale": "The logo's width is from 0.05 to 1 of the photo's."}
        )
    if gallery.watermark_logo_position and not studio_for(owner=gallery.owner).has_logo:
        raise ValidationError(
            {"watermark_logo_position": "Add your logo under Settings → Studio first."}
        )


def _write_gallery_settings(gallery: Gallery, *, clean: str | list[str] | None = None) -> None:
    """The processor reads the watermark from the gallery's settings item in the table, and
    which photos are released (`clean`: kept as stored unless given)."""
    table = record_table()
    if clean is None:
        clean = (table.get_gallery_settings(gallery.pk) or {}).get(schema.CLEAN_FIELD) or []
    table.put_gallery_settings(
        gallery.pk,
        {
            "watermark_text": gallery.watermark_text,
            "watermark_opacity": gallery.watermark_opacity,
            "watermark_thumbs": gallery.watermark_thumbs,
            schema.CLEAN_FIELD: clean,
            # The logo through the processor's BlobStore, by the key it is stored under.
            "watermark_logo_key": studio_for(owner=gallery.owner).logo_key
            if gallery.watermark_logo_position
            else "",
            "watermark_logo_position": gallery.watermark_logo_position,
            "watermark_logo_scale": gallery.watermark_logo_scale,
            "revision": gallery.render_revision,
        },
    )


def gallery_set_clean_photos(*, gallery: Gallery, clean: str | list[str]) -> int:
    """Which photos get a clean web-size rendition, their originals being released:
    `schema.CLEAN_ALL` or photo ids. Re-renders, through the render queue, the photos
    whose state changes; returns how many. Until each is rendered, its proof serves."""
    clean = clean if clean == schema.CLEAN_ALL else sorted(set(clean))
    before = (record_table().get_gallery_settings(gallery.pk) or {}).get(schema.CLEAN_FIELD) or []
    if before == clean:
        return 0
    gallery.render_revision += 1
    gallery.save(update_fields=["render_revision", "updated_at"])
    _write_gallery_settings(gallery, clean=clean)
    photos = gallery.photos.filter(upload_state=Photo.UploadState.UPLOADED)
    if schema.CLEAN_ALL not in (before, clean):
        photos = photos.filter(pk__in=set(before) ^ set(clean))
    return photos_render(gallery=gallery, photos=list(photos))


@transaction.atomic
def gallery_create(*, owner, title: str, **fields) -> Gallery:
    unknown = set(fields) - set(GALLERY_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown gallery fields: {sorted(unknown)}")
    gallery = Gallery(owner=owner, title=title, **fields)
    _check_expiry(gallery.expires_at)
    gallery_check_rules(gallery=gallery)
    gallery.full_clean()
    gallery.save()
    _write_gallery_settings(gallery, clean=[])  # new: no settings item to read `clean` from
    return gallery


def gallery_update(*, gallery: Gallery, **fields) -> Gallery:
    """Saves changes; a new watermark re-renders the gallery's proofs from the originals."""
    unknown = set(fields) - set(GALLERY_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown gallery fields: {sorted(unknown)}")
    watermark_changed = any(
        name in fields and fields[name] != getattr(gallery, name) for name in WATERMARK_FIELDS
    )
    if "expires_at" in fields and fields["expires_at"] != gallery.expires_at:
        _check_expiry(fields["expires_at"])
    # "By hand" starts from the order the photographer was looking at, not upload order.
    from_order = None
    if fields.get("ordering") == Gallery.Ordering.MANUAL != gallery.ordering:
        from_order = [view.photo for view in selectors.photo_list(gallery=gallery)]
    for name, value in fields.items():
        setattr(gallery, name, value)
    gallery_check_rules(gallery=gallery)
    gallery.full_clean()
    if watermark_changed:
        gallery.render_revision += 1
    gallery.save()
    if from_order is not None:
        _renumber(from_order)
    if watermark_changed:
        _write_gallery_settings(gallery)
        photos_render(gallery=gallery)
    return gallery


def gallery_archive(*, gallery: Gallery, archived: bool = True) -> Gallery:
    gallery.archived_at = timezone.now() if archived else None
    gallery.save(update_fields=["archived_at", "updated_at"])
    return gallery


def gallery_delete(*, gallery: Gallery) -> None:
    """Deletes the gallery's originals, renditions, ZIP exports and records, then its rows."""
    for prefix in ("originals", "renditions", "exports"):
        storage().delete_prefix(f"{prefix}/{gallery.pk}/")
    table = record_table()
    for item in table.query_all(gallery.pk):
        table.delete(gallery.pk, item["photo_id"])
    table.delete(gallery.pk, schema.GALLERY_SETTINGS_SORT_KEY)
    gallery.delete()


def photo_create(
    *,
    gallery: Gallery,
    filename: str,
    size: int,
    content_type: str,
    sha256: str = "",
    replaces: Photo | None = None,
    photo_set: PhotoSet | None = None,
) -> Photo:
    """Registers an upload that is about to happen; the server picks the storage key. The
    photo is held back from clients until the gallery's new photos are published.

    With `replaces`, the new photo takes that one's place once its own original is safely
    stored (`photo_mark_uploaded`); until then the earlier photo is left untouched."""
    uploads.check_declared_file(filename=filename, size=size, content_type=content_type)
    if replaces is not None and replaces.gallery_id != gallery.pk:
        raise ValidationError("A photo can only replace a photo of the same gallery.")
    _check_set(gallery=gallery, photo_set=photo_set)
    with transaction.atomic():
        position = (gallery.photos.aggregate(top=Max("position"))["top"] or 0) + 1
        photo = Photo(
            gallery=gallery,
            filename=schema.sanitize_filename(filename),
            content_type=content_type,
            size_bytes=size,
            position=position,
            sha256=sha256.lower(),
            replaces=replaces,
            photo_set=photo_set,
        )
        photo.original_key = schema.original_key(gallery.pk, photo.pk, photo.filename)
        photo.save()
    record_table().put_if_absent(
        pending_item(
            gallery_id=gallery.pk,
            photo_id=photo.pk,
            key=photo.original_key,
            filename=photo.filename,
            size=size,
        )
    )
    return photo


def photo_upload_target(*, photo: Photo) -> dict:
    if photo.upload_state == Photo.UploadState.UPLOADED:
        raise ValidationError("This photo's file is uploaded already.")
    photo.upload_target_at = timezone.now()
    photo.save(update_fields=["upload_target_at"])
    return storage().upload_target(
        key=photo.original_key, content_type=photo.content_type, size=photo.size_bytes
    )


def _check_stored_original(photo: Photo) -> None:
    """What reached storage must be what was announced: its size, and an image by its bytes
    (S3 cannot look inside a file; on AWS this is where a renamed text file is caught)."""
    info = storage().blob_store().head(photo.original_key)
    with contextlib.closing(storage().open(photo.original_key)) as stream:
        head = stream.read(uploads.HEAD_BYTES)
    uploads.check_arrived(
        filename=photo.filename, declared_size=photo.size_bytes, size=info.size, head=head
    )


def photo_mark_uploaded(*, photo: Photo) -> Photo:
    """The browser says the bytes are in storage; they must really be there, and be what was
    announced. A refused file leaves nothing behind: its original and row are removed, and
    UploadRefused says why. A replacement then takes the place of the photo it replaces."""
    if photo.upload_state == Photo.UploadState.UPLOADED:
        return photo
    if not storage().exists(photo.original_key):
        raise ValidationError("The file has not reached storage yet; upload it again.")
    try:
        _check_stored_original(photo)
    except uploads.UploadRefused:
        photo_delete(photo=photo)
        raise
    photo.upload_state = Photo.UploadState.UPLOADED
    photo.uploaded_at = timezone.now()
    photo.save(update_fields=["upload_state", "uploaded_at"])
    if photo.replaces_id:
        _photo_take_place(photo=photo)
    return photo


def _photo_take_place(*, photo: Photo) -> None:
    """The new photo, safely stored, takes the replaced one's position, set, visibility,
    publication and cover; only then is the earlier photo (its original, renditions,
    record) deleted."""
    with transaction.atomic():
        replaced = (
            Photo.objects.select_for_update()
            .filter(pk=photo.replaces_id, gallery_id=photo.gallery_id)
            .first()
        )
        if replaced is None:
            return  # deleted meanwhile: the new photo simply stays where it is
        photo.position, photo.hidden = replaced.position, replaced.hidden
        photo.photo_set_id, photo.published = replaced.photo_set_id, replaced.published
        photo.replaces = None
        photo.save(update_fields=["position", "hidden", "photo_set", "published", "replaces"])
        Gallery.objects.filter(pk=photo.gallery_id, cover_photo=replaced).update(cover_photo=photo)
    photo_delete(photo=replaced)


def photo_upload_abandon(*, photo: Photo) -> None:
    """An upload that storage refused, or that never finished: nothing of it stays. A photo
    whose file has arrived is deleted with `photo_delete`, never here."""
    if photo.upload_state == Photo.UploadState.UPLOADED:
        raise ValidationError("This photo's file is uploaded; delete the photo instead.")
    photo_delete(photo=photo)


def photos_sweep_abandoned(*, now=None) -> int:
    """Removes uploads still awaited PROOFSHEET_UPLOAD_SWEEP_AFTER after their last upload
    form was handed out (the browser closed mid-way, a form never used), with any bytes that
    reached storage. Returns how many were removed."""
    cutoff = (now or timezone.now()) - settings.PROOFSHEET_UPLOAD_SWEEP_AFTER
    stale = Photo.objects.filter(
        Q(upload_target_at__lt=cutoff) | Q(upload_target_at__isnull=True, created_at__lt=cutoff),
        upload_state=Photo.UploadState.AWAITING,
    )
    swept = 0
    for photo in stale:
        photo_delete(photo=photo)
        swept += 1
    return swept


def photo_delete(*, photo: Photo) -> None:
    for prefix in ("originals", "renditions"):
        storage().delete_prefix(f"{prefix}/{photo.gallery_id}/{photo.pk}/")
    record_table().delete(photo.gallery_id, photo.pk)
    photo.delete()


def photo_set_hidden(*, photo: Photo, hidden: bool) -> Photo:
    photo.hidden = hidden
    photo.save(update_fields=["hidden"])
    return photo


def _renumber(items: list[Photo] | list[PhotoSet]) -> None:
    """Positions 1, 2, … in the given order, saving only the rows whose position changes."""
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def photos_reorder(*, gallery: Gallery, photo_ids: list[str]) -> None:
    """Puts the named photos first, in that order; the others keep their relative order."""
    photos = {photo.pk: photo for photo in gallery.photos.all()}
    unknown = [pk for pk in photo_ids if pk not in photos]
    if unknown:
        raise ValidationError(f"These photos are not in this gallery: {', '.join(unknown)}")
    rest = [pk for pk in sorted(photos, key=lambda pk: photos[pk].position) if pk not in photo_ids]
    _renumber([photos[pk] for pk in [*photo_ids, *rest]])
    if gallery.ordering != Gallery.Ordering.MANUAL:
        gallery.ordering = Gallery.Ordering.MANUAL
        gallery.save(update_fields=["ordering", "updated_at"])


def _check_set(*, gallery: Gallery, photo_set: PhotoSet | None) -> None:
    if photo_set is not None and photo_set.gallery_id != gallery.pk:
        raise ValidationError({"set": "The set must be one of this gallery's sets."})


def _clean_set_name(*, gallery: Gallery, name: str, exclude: str | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Give the set a name."})
    if len(name) > PhotoSet._meta.get_field("name").max_length:
        raise ValidationError({"name": "A set's name is at most 100 characters."})
    taken = gallery.sets.filter(name__iexact=name).exclude(pk=exclude).exists()
    if taken:
        raise ValidationError({"name": f"This gallery already has a set called “{name}”."})
    return name


@transaction.atomic
def set_create(*, gallery: Gallery, name: str) -> PhotoSet:
    """A new set, last in the gallery's order."""
    name = _clean_set_name(gallery=gallery, name=name)
    position = (gallery.sets.aggregate(top=Max("position"))["top"] or 0) + 1
    return PhotoSet.objects.create(gallery=gallery, name=name, position=position)


def set_rename(*, photo_set: PhotoSet, name: str) -> PhotoSet:
    photo_set.name = _clean_set_name(gallery=photo_set.gallery, name=name, exclude=photo_set.pk)
    photo_set.save(update_fields=["name"])
    return photo_set


@transaction.atomic
def set_delete(*, photo_set: PhotoSet) -> int:
    """Deletes the set, never its photos: they stay in the gallery, in no set (clients see
    them under "More photos" while the gallery has other sets). Returns how many moved."""
    moved = photo_set.photos.update(photo_set=None)
    photo_set.delete()
    return moved


@transaction.atomic
def sets_reorder(*, gallery: Gallery, set_ids: list[str]) -> None:
    """Puts the named sets first, in that order; the others keep their relative order."""
    sets = {photo_set.pk: photo_set for photo_set in gallery.sets.all()}
    unknown = [pk for pk in set_ids if pk not in sets]
    if unknown:
        raise ValidationError(f"These sets are not in this gallery: {', '.join(unknown)}")
    rest = [pk for pk in sorted(sets, key=lambda pk: sets[pk].position) if pk not in set_ids]
    _renumber([sets[pk] for pk in [*dict.fromkeys(set_ids), *rest]])


@transaction.atomic
def photos_move_to_set(
    *, gallery: Gallery, photo_ids: list[str], photo_set: PhotoSet | None
) -> int:
    """Moves the photos into the set (None: out of any set), after the photos already
    there, in their present order. Returns how many changed set."""
    _check_set(gallery=gallery, photo_set=photo_set)
    photos = list(gallery.photos.filter(pk__in=photo_ids).order_by("position", "created_at"))
    unknown = set(photo_ids) - {photo.pk for photo in photos}
    if unknown:
        raise ValidationError(f"These photos are not in this gallery: {', '.join(sorted(unknown))}")
    moving = [photo for photo in photos if photo.photo_set_id != (photo_set and photo_set.pk)]
    top = gallery.photos.aggregate(top=Max("position"))["top"] or 0
    for offset, photo in enumerate(moving, start=1):
        photo.photo_set = photo_set
        photo.position = top + offset
        photo.save(update_fields=["photo_set", "position"])
    return len(moving)


@transaction.atomic
def gallery_publish(*, gallery: Gallery) -> int:
    """Shows clients the photos held back so far (those whose upload has finished; one still
    on its way waits for the next publish) and ends a new gallery's draft. Returns how many
    photos it published."""
    count = selectors.unpublished_photos(gallery=gallery).update(published=True)
    if gallery.published_at is None:
        gallery.published_at = timezone.now()
        gallery.save(update_fields=["published_at", "updated_at"])
    return count


def gallery_set_cover(*, gallery: Gallery, photo: Photo | None) -> Gallery:
    if photo is not None and photo.gallery_id != gallery.pk:
        raise ValidationError("The cover must be a photo of this gallery.")
    gallery.cover_photo = photo
    gallery.save(update_fields=["cover_photo", "updated_at"])
    return gallery


def photos_render(*, gallery: Gallery, photos: list[Photo] | None = None) -> int:
    """Renders the photos again from their originals (all uploaded photos by default)."""
    photos = photos if photos is not None else list(gallery.photos.all())
    keys = [p.original_key for p in photos if p.upload_state == Photo.UploadState.UPLOADED]
    if keys:
        Photo.objects.filter(original_key__in=keys).update(last_outcome="")
        dispatcher().render(keys=keys)
    return len(keys)


def photo_retry(*, photo: Photo) -> None:
    photos_render(gallery=photo.gallery, photos=[photo])


def photo_import(*, gallery: Gallery, filename: str, file) -> Photo:
    """Stores a file the server already holds (a folder import) as a new photo's original."""
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    sniffed = uploads.sniff_content_type(file.read(32))
    file.seek(0)
    if sniffed is None:
        raise ValidationError(f"{filename} is not an image we can read, whatever its name says.")
    photo = photo_create(gallery=gallery, filename=filename, size=size, content_type=sniffed)
    storage().save(photo.original_key, file, content_type=sniffed)
    photo_mark_uploaded(photo=photo)
    dispatcher().original_stored(key=photo.original_key)
    return photo


def galleries_logo_changed(*, owner) -> int:
    """The studio's logo changed: galleries that watermark with it render again with the new
    one (or without it, once removed). Returns how many galleries re-render."""
    galleries = Gallery.objects.filter(owner=owner).exclude(watermark_logo_position="")
    has_logo = studio_for(owner=owner).has_logo
    count = 0
    for gallery in galleries:
        gallery.owner = owner  # its studio is read once, through this one owner
        if not has_logo:
            gallery.watermark_logo_position = ""
        gallery.render_revision += 1
        gallery.save(update_fields=["watermark_logo_position", "render_revision", "updated_at"])
        _write_gallery_settings(gallery)
        photos_render(gallery=gallery)
        count += 1
    return count
