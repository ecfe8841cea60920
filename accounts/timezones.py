"""The photographer's time zone: which names are zones, and making one the current zone.

Times are stored in UTC (USE_TZ); Django shows them and reads typed-in times in the current
zone, which `PhotographerTimeZoneMiddleware` sets per request from the photographer's studio,
and the client pages and e-mails set to the gallery owner's.
"""

import contextlib
import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils import timezone

# In the tz database but not places: "Factory" is tzdata's placeholder, "localtime" the
# machine's own setting.
_NOT_PLACES = {"Factory", "localtime"}


@functools.cache
def time_zone_names() -> tuple[str, ...]:
    """Every IANA name this machine's tz database knows, sorted (America/New_York, UTC…)."""
    return tuple(sorted(zoneinfo.available_timezones() - _NOT_PLACES))


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(time_zone_names())


def validate_time_zone(value: str) -> None:
    if value and value not in _known():
        raise ValidationError(
            f"“{value}” is not a time zone name; choose one from the list, e.g. Europe/London.",
            code="invalid_time_zone",
        )


def zone_label(name: str) -> str:
    """The zone as people name it: "New York time" for America/New_York, "UTC" for UTC."""
    if "/" not in name:
        return name
    return name.rsplit("/", 1)[1].replace("_", " ") + " time"


def current_zone_label() -> str:
    return zone_label(timezone.get_current_timezone_name())


def activate(name: str) -> None:
    """Makes `name` the current zone, or the site's default (UTC) when it is empty."""
    if name:
        timezone.activate(zoneinfo.ZoneInfo(name))
    else:
        timezone.deactivate()


@contextlib.contextmanager
def override(name: str):
    """The current zone is `name` (empty: the site's default) inside the block only."""
    with timezone.override(zoneinfo.ZoneInfo(name) if name else None):
        yield
