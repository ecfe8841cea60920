"""Read-only views of the API's records: keys and secrets never appear, and a change
belongs in the Settings page, where the services keep the rules."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import ApiToken, Delivery, DeliveryAttempt, Webhook


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "owner", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "owner__username")
    exclude = ("secret_hash",)


@admin.register(Webhook)
class WebhookAdmin(ReadOnlyAdmin):
    list_display = ("url", "owner", "events", "active", "created_at")
    list_filter = ("active",)
    search_fields = ("url", "owner__username")
    exclude = ("secret",)


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    fields = ("number", "started_at", "duration_ms", "status_code", "error")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("event", "webhook", "state", "attempt_count", "created_at", "next_attempt_at")
    list_filter = ("state", "event")
    search_fields = ("id", "webhook__url")
    inlines = [DeliveryAttemptInline]


@admin.register(DeliveryAttempt)
class DeliveryAttemptAdmin(ReadOnlyAdmin):
    list_display = ("delivery", "number", "started_at", "status_code", "error", "duration_ms")
    list_filter = ("status_code",)
