"""The client's marks on a photo (colour label, stars, reject, favourite) as JSON, behind
the same link gate as the other client endpoints."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .. import presenters, selectors, services
from .client import Client, _api_errors, _body, client_view

_TYPES = {"favourite": bool, "label": str, "stars": int, "rejected": bool}


def _mark_changes(data: dict) -> dict:
    """The marks named in the body, each of its own type (a string "3" is not a star)."""
    changes = {}
    for name, kind in _TYPES.items():
        if name not in data:
            continue
        value = data[name]
        if type(value) is not kind:
            raise ValidationError(f"“{name}” must be a {kind.__name__}.")
        changes[name] = value
    if not changes:
        raise ValidationError("Send at least one of favourite, label, stars or rejected.")
    return changes


@require_POST
@client_view(api=True)
@_api_errors
def api_marks(request, client: Client, photo_id: str):
    photo = selectors.client_photo_get(link=client.link, photo_id=photo_id)
    marks = services.mark_set(visitor=client.visitor, photo=photo, **_mark_changes(_body(request)))
    return JsonResponse(
        {
            "photo": photo.pk,
            "favourite": marks.favourite,
            "marks": presenters.marks_json(marks),
            "favourites": client.visitor.favourites.filter(photo__hidden=False).count(),
        }
    )
