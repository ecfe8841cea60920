from django.contrib import admin

from core.admin import LockedAdmin

from .models import Gallery, LocalJob, LocalRecord, Photo


class PhotoInline(admin.TabularInline):
    model = Photo
    fields = ("filename", "position", "hidden", "upload_state", "size_bytes")
    readonly_fields = ("filename", "upload_state", "size_bytes")
    extra = 0
    can_delete = False  # deleting must remove files too: use the workspace


@admin.register(Gallery)
class GalleryAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "client_name", "event_date", "download_policy", "archived_at")
    list_filter = ("download_policy", "release")
    search_fields = ("title", "client_name", "client_email", "owner__username")
    readonly_fields = (
        "id",
        "render_revision",
        "release",
        "released_at",
        "created_at",
        "updated_at",
    )
    inlines = [PhotoInline]

    def has_delete_permission(self, request, obj=None):
        return False  # the workspace deletes the files with the rows


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
        "created_at",
        "uploaded_at",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LocalRecord)
class LocalRecordAdmin(LockedAdmin):
    list_display = ("gallery_id", "photo_id", "updated_at")
    search_fields = ("gallery_id", "photo_id")


@admin.register(LocalJob)
class LocalJobAdmin(LockedAdmin):
    list_display = ("key", "event_name", "enqueued_at", "attempts", "finished_at", "outcome")
    list_filter = ("outcome",)
