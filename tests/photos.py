"""Putting sample photos into galleries the way a folder import does (queued, not processed),
published at once unless asked otherwise (as the tests written before publishing expect)."""

from pathlib import Path

from gallery import services


def import_photos(
    gallery, paths: list[Path], names: list[str] | None = None, *, publish: bool = True
) -> list:
    photos = []
    for index, path in enumerate(paths):
        with path.open("rb") as handle:
            photos.append(
                services.photo_import(
                    gallery=gallery,
                    filename=names[index] if names else path.name,
                    file=handle,
                )
            )
    if publish:
        services.gallery_publish(gallery=gallery)
        for photo in photos:
            photo.refresh_from_db(fields=["published"])
    return photos
