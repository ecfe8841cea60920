"""One client's selection: read it, unlock it so they can change it."""

from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gallery.models import Photo
from sharing import selectors as sharing_selectors
from sharing import services as sharing_services
from sharing.errors import SharingError
from sharing.models import Visitor

from ..openapi import extend_schema, extend_schema_view
from ..serializers.common import ErrorSerializer
from ..serializers.marks import MarkWriteSerializer
from ..serializers.sharing import SelectionSerializer
from .base import OwnedViewSetMixin, validated


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

    @extend_schema(
        summary="Change a client's marks on a photo",
        request=MarkWriteSerializer,
        responses={200: SelectionSerializer, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def marks(self, request, pk=None):
        """Sets the favourite, colour label, stars or reject given (the others stay), as
        the client would; a submitted (locked) selection refuses every change with 409
        until it is unlocked. A reject removes the favourite, as in Lightroom."""
        visitor = self.get_object()
        changes = dict(validated(MarkWriteSerializer, request))
        try:
            photo = Photo.objects.get(
                pk=changes.pop("photo"), gallery_id=visitor.link.gallery_id, hidden=False
            )
        except Photo.DoesNotExist as error:
            raise exceptions.ValidationError({"photo": "No such photo in this gallery."}) from error
        try:
            sharing_services.mark_set(visitor=visitor, photo=photo, as_client=False, **changes)
        except SharingError as error:
            raise SharingProblem(error) from error
        return Response(selection_data(visitor))


class SharingProblem(exceptions.APIException):
    """A client's rule (a locked selection, too many favourites) in the API's error shape."""

    def __init__(self, error: SharingError):
        super().__init__(error.message)
        self.status_code = error.status
