"""One client's selection: read it, unlock it so they can change it."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from sharing import selectors as sharing_selectors
from sharing import services as sharing_services
from sharing.models import Visitor

from ..serializers.sharing import SelectionSerializer
from .base import OwnedViewSetMixin


def selection_data(visitor: Visitor) -> dict:
    return SelectionSerializer(sharing_selectors.visitor_selection(visitor=visitor)).data


@extend_schema_view(retrieve=extend_schema(summary="Read a client's selection"))
class SelectionViewSet(OwnedViewSetMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = SelectionSerializer
    resource_name = "selection"
    model = Visitor

    def owned_queryset(self, owner):
        return Visitor.objects.filter(link__gallery__owner=owner).select_related(
            "link", "link__gallery"
        )

    def retrieve(self, request, pk=None):
        return Response(selection_data(self.get_object()))

    @extend_schema(summary="Unlock a submitted selection", request=None)
    @action(detail=True, methods=["post"])
    def unlock(self, request, pk=None):
        """The client can change their favourites and submit again."""
        visitor = sharing_services.selection_reopen(visitor=self.get_object())
        return Response(selection_data(visitor))
