"""Writes: the studio profile."""

from django.db import transaction

from .models import STUDIO_EDITABLE_FIELDS, Studio
from .selectors import studio_for


@transaction.atomic
def studio_update(*, owner, **fields) -> Studio:
    """Creates or changes the owner's studio; ValidationError says what is wrong."""
    unknown = set(fields) - set(STUDIO_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown studio fields: {sorted(unknown)}")
    studio = studio_for(owner=owner)
    for name, value in fields.items():
        setattr(studio, name, value)
    if studio.accent_colour:
        studio.accent_colour = studio.accent_colour.lower()
    studio.full_clean()
    studio.save()
    return studio


def studio_logo_record(
    *, studio: Studio, key: str, width: int | None, height: int | None
) -> Studio:
    """Remembers where the re-encoded logo is stored (`key` "" when it is removed)."""
    studio.logo_key, studio.logo_width, studio.logo_height = key, width, height
    studio.full_clean()
    studio.save()
    return studio
