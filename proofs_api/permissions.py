from rest_framework.permissions import BasePermission


class IsOwner(BasePermission):
    """Objects are reachable only by the photographer who owns their gallery.

    Querysets are already limited to the owner, so a stranger's id answers 404; this
    is the second lock on the door.
    """

    def has_object_permission(self, request, view, obj):
        gallery = getattr(obj, "gallery", obj)
        return gallery.owner_id == request.user.pk
