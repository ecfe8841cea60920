"""Putting sample photos into galleries the way a folder import does (queued, not processed)."""

from pathlib import Path

from gallery import services


def import_photos(gallery, paths: list[Path], names: list[str] | None = None) -> list:
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
    return photos
