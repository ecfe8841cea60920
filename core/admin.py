from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For rows that only the services may write; the apps' admins share it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LockedAdmin(ReadOnlyAdmin):
    """Read-only and never deleted by hand: the processor and the queue own these rows."""

    def has_delete_permission(self, request, obj=None):
        return False
