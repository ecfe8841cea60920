"""The photographer's studio: who clients see on every page and e-mail, and where
notifications go."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from .timezones import validate_time_zone

# A CSS colour in the one form that is safe to write into a stylesheet as it is.
HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Give the colour as #rrggbb, e.g. #2f5d50.")
DEFAULT_ACCENT = "#2f5d50"

STUDIO_EDITABLE_FIELDS = ("name", "email", "website", "phone", "accent_colour", "time_zone")


class Studio(models.Model):
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="studio"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField(help_text="Clients write here; notifications are sent here.")
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    accent_colour = models.CharField(max_length=7, default=DEFAULT_ACCENT, validators=[HEX_COLOUR])
    # An IANA name; empty until the photographer's browser tells it (static/js/timezone.js)
    # or they choose one. Times are shown in it and typed-in times read in it.
    time_zone = models.CharField(max_length=64, blank=True, validators=[validate_time_zone])
    # The re-encoded logo in storage (`studio/<owner>/logo-<id>.png`), never the upload.
    logo_key = models.CharField(max_length=255, blank=True, editable=False)
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name

    @property
    def has_logo(self) -> bool:
        return bool(self.logo_key)
