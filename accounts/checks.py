"""Configuration mistakes of the accounts app, caught at start-up."""

from django.core.checks import Error, Tags, register

from .timezones import time_zone_names


@register(Tags.compatibility)
def check_time_zone_database(app_configs=None, **kwargs):
    """Photographers' time zones need the IANA tz database (the system's, or tzdata's)."""
    if "America/New_York" in time_zone_names():
        return []
    return [
        Error(
            "No IANA time-zone database: photographers' time zones cannot be set or shown.",
            hint="Install the system's tzdata package, or `pip install tzdata`.",
            id="proofsheet.E101",
        )
    ]
