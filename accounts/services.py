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


@transaction.atomic
def studio_time_zone_learn(*, owner, time_zone: str) -> Studio:
    """Sets the zone the photographer's browser reports, unless they already have one (a
    zone chosen in Settings is never overwritten by a browser elsewhere). A photographer
    without a studio gets one named as `studio_for` names it, as Settings would show it."""
    studio = studio_for(owner=owner)
    if studio.pk is not None:
        studio = Studio.objects.select_for_update().get(pk=studio.pk)
    if studio.time_zone:
        return studio
    studio.time_zone = time_zone
    # Only the zone is checked: the studio's other fields are the photographer's to fill in
    # (an account made without an e-mail has none yet).
    studio.clean_fields(exclude=[f for f in STUDIO_EDITABLE_FIELDS if f != "time_zone"])
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
