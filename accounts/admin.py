from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Studio


@admin.register(Studio)
class StudioAdmin(ReadOnlyAdmin):
    """Photographers change their studio under Settings (the logo is re-encoded there)."""

    list_display = ("name", "owner", "email", "updated_at")
    search_fields = ("name", "email", "owner__username")
