"""Admin views for support: read-only where a change would bypass the services' rules
(tokens, password hashes, locks, throttles, releases)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import (
    Comment,
    Export,
    Favourite,
    LinkEmail,
    LinkEvent,
    LinkReminders,
    Mark,
    MarkSettings,
    PasswordAttempt,
    ReleasedPhoto,
    ShareLink,
    Visitor,
)


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ("label", "gallery", "expires_at", "revoked_at", "created_at")
    list_filter = ("allow_favourites", "allow_comments", "allow_downloads")
    search_fields = ("label", "gallery__title", "gallery__owner__username")
    # Tokens and passwords change only through the photographer's pages (services).
    fields = (
        "gallery",
        "label",
        "expires_at",
        "allow_favourites",
        "allow_comments",
        "allow_downloads",
        "revoked_at",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("gallery", "created_at", "updated_at")

    def has_add_permission(self, request):
        return False  # a link needs a token: create it from the sharing page


@admin.register(Visitor)
class VisitorAdmin(ReadOnlyAdmin):
    list_display = ("name", "email", "link", "submitted_at", "last_seen_at")
    list_filter = ("submitted_at",)
    search_fields = ("name", "email", "link__label", "link__gallery__title")


@admin.register(Favourite)
class FavouriteAdmin(ReadOnlyAdmin):
    list_display = ("visitor", "photo", "created_at")


@admin.register(Mark)
class MarkAdmin(ReadOnlyAdmin):
    list_display = ("visitor", "photo", "label", "stars", "rejected", "updated_at")
    list_filter = ("label", "stars", "rejected")


@admin.register(MarkSettings)
class MarkSettingsAdmin(ReadOnlyAdmin):
    list_display = ("gallery", "show_labels", "show_stars", "show_reject")


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("visitor", "photo", "created_at")
    search_fields = ("body",)


@admin.register(LinkEvent)
class LinkEventAdmin(ReadOnlyAdmin):
    list_display = ("kind", "link", "visitor", "photo", "created_at")
    list_filter = ("kind",)


@admin.register(PasswordAttempt)
class PasswordAttemptAdmin(admin.ModelAdmin):
    list_display = ("link", "succeeded", "created_at")
    list_filter = ("succeeded",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # deleting attempts is how support lifts a throttle early


@admin.register(ReleasedPhoto)
class ReleasedPhotoAdmin(ReadOnlyAdmin):
    list_display = ("photo", "gallery", "released_at")


@admin.register(Export)
class ExportAdmin(ReadOnlyAdmin):
    list_display = ("pk", "gallery", "state", "created_at", "finished_at")
    list_filter = ("state",)


@admin.register(LinkEmail)
class LinkEmailAdmin(ReadOnlyAdmin):
    list_display = ("link", "kind", "sent_at")
    list_filter = ("kind",)


@admin.register(LinkReminders)
class LinkRemindersAdmin(ReadOnlyAdmin):
    list_display = ("link", "days_before_expiry", "days_after_unsent_selection")
