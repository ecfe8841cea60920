from django.http import Http404
from rest_framework.permissions import BasePermission


def owner_id_of(obj):
    """The photographer an object belongs to, through whatever holds it."""
    for path in (("owner_id",), ("gallery", "owner_id"), ("webhook", "owner_id")):
        value = obj
        for name in path:
            value = getattr(value, name, None)
        if value is not None:
            return value
    link = getattr(obj, "link", None)  # a client (visitor) of a share link
    return owner_id_of(link) if link is not None else None


class IsOwner(BasePermission):
    """Objects are reachable only by the photographer who owns them (or their gallery).

    Querysets are already limited to the owner, so a stranger's id answers 404; this is
    the second lock on the door, and it answers the same 404 (`OwnedViewSetMixin.get_object`
    words it), so nothing says the id exists.
    """

    def has_object_permission(self, request, view, obj):
        if owner_id_of(obj) != request.user.pk:
            raise Http404
        return True


class SessionOnly(BasePermission):
    """For what only a signed-in person may do, not a token: minting more tokens."""

    message = "Create tokens while signed in to the site (Settings → API tokens), not with a token."

    def has_permission(self, request, view):
        return request.auth is None and request.user.is_authenticated
