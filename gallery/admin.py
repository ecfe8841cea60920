import copy

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import LockedAdmin

from . import services
from .models import GALLERY_EDITABLE_FIELDS, Gallery, LocalJob, LocalRecord, Photo, PhotoSet


class PhotoInline(admin.TabularInline):
    model = Photo
    fields = ("filename", "position", "hidden", "upload_state", "size_bytes")
    readonly_fields = ("filename", "upload_state", "size_bytes")
    extra = 0
    can_delete = False  # deleting must remove files too: use the workspace


class GalleryAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        candidate = copy.copy(self.instance)
        for name in self.changed_data:
            setattr(candidate, name, cleaned.get(name))
        try:
            services.gallery_check_rules(gallery=candidate)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


@admin.register(Gallery)
class GalleryAdmin(admin.ModelAdmin):
    """Edits go through `services.gallery_update`, as the workspace's do: a new watermark
    bumps the revision, writes the settings item and re-renders the proofs."""

    form = GalleryAdminForm
    list_display = ("title", "owner", "client_name", "event_date", "download_policy", "archived_at")
    list_filter = ("download_policy", "release")
    search_fields = ("title", "client_name", "client_email", "owner__username")
    readonly_fields = (
        "id",
        "owner",
        "cover_photo",
        "render_revision",
        "release",
        "released_at",
        "archived_at",
        "published_at",
        "created_at",
        "updated_at",
    )
    inlines = [PhotoInline]

    def has_add_permission(self, request):
        return False  # the workspace creates galleries with their settings item

    def has_delete_permission(self, request, obj=None):
        return False  # the workspace deletes the files with the rows

    def save_model(self, request, obj, form, change):
        changes = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in GALLERY_EDITABLE_FIELDS
        }
        # The service compares with the saved values; the form has written into `obj`.
        services.gallery_update(gallery=Gallery.objects.get(pk=obj.pk), **changes)


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ("filename", "gallery", "upload_state", "hidden", "size_bytes", "created_at")
    list_filter = ("upload_state", "hidden")
    search_fields = ("filename", "gallery__title")
    readonly_fields = (
        "id",
        "gallery",
        "filename",
        "original_key",
        "content_type",
        "size_bytes",
        "upload_state",
        "photo_set",
        "published",
        "created_at",
        "uploaded_at",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PhotoSet)
class PhotoSetAdmin(LockedAdmin):
    """Read only: sets change in the workspace or the API (deleting one moves its photos)."""

    list_display = ("name", "gallery", "position", "created_at")
    search_fields = ("name", "gallery__title")


@admin.register(LocalRecord)
class LocalRecordAdmin(LockedAdmin):
    list_display = ("gallery_id", "photo_id", "updated_at")
    search_fields = ("gallery_id", "photo_id")


@admin.register(LocalJob)
class LocalJobAdmin(LockedAdmin):
    list_display = ("key", "event_name", "enqueued_at", "attempts", "finished_at", "outcome")
    list_filter = ("outcome",)
