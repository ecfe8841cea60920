"""What every API view set shares: objects are looked up through their owner."""

from django.http import Http404
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated

from ..openapi import DeferredSchema
from ..permissions import IsOwner


def validated(serializer_class, request, **kwargs) -> dict:
    """The request's body as `serializer_class` reads it; a 400 naming each field otherwise."""
    form = serializer_class(data=request.data, **kwargs)
    form.is_valid(raise_exception=True)
    return form.validated_data


class OwnedViewSetMixin:
    """Querysets hold only the request's photographer's objects, so another photographer's
    id is not found, exactly like an id that never existed."""

    permission_classes = [IsAuthenticated, IsOwner]
    resource_name = "object"
    model = None
    schema = DeferredSchema()  # drf-spectacular loads with the first schema, not the URLconf

    def owned_queryset(self, owner):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()  # the schema needs the model, never rows
        return self.owned_queryset(self.request.user)

    def filter_queryset(self, queryset):
        # Filters shape a list; they must never hide the object an id names.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as error:
            raise NotFound(
                f"There is no {self.resource_name} with this id in this account. Check the id, "
                "and that the token belongs to the photographer who owns it."
            ) from error
