"""Issue 5, must-show 1: every route refuses another photographer's token with 404
(`OwnedViewSetMixin` in `proofs_api/views/base.py`, with `permissions.IsOwner` behind it).

The routes come from the schema itself, so a new endpoint is covered (or this test fails
until it is): each operation on an object answers 404 to a stranger and changes nothing,
and each list leaves the stranger's objects out.
"""

import pytest

from gallery import services as gallery_services
from gallery.models import Gallery, Photo
from proofs_api import services
from proofs_api.models import ApiToken, Delivery, Webhook
from sharing import services as sharing_services
from sharing.models import ShareLink, Visitor

from ..support import operations

# A plausible body for each kind of write, so a 404 cannot be a 400 in disguise.
BODIES = {
    ("PATCH", "/api/galleries/{id}/"): {"title": "Taken over"},
    ("PUT", "/api/galleries/{id}/"): {"title": "Taken over"},
    ("POST", "/api/galleries/{id}/archive/"): {"archived": True},
    ("POST", "/api/galleries/{id}/uploads/"): {
        "filename": "x.jpg",
        "size": 10,
        "content_type": "image/jpeg",
    },
    ("POST", "/api/galleries/{id}/reorder/"): {"photo_ids": ["0" * 32]},
    ("PATCH", "/api/photos/{id}/"): {"hidden": True},
    ("PATCH", "/api/webhooks/{id}/"): {"active": False},
    ("POST", "/api/galleries/{id}/links/"): {"label": "Taken over"},
    ("POST", "/api/galleries/{id}/release/"): {"scope": "none"},
    ("PATCH", "/api/links/{id}/"): {"label": "Taken over"},
    ("POST", "/api/galleries/{id}/sets/"): {"name": "Taken over"},
    ("POST", "/api/galleries/{id}/sets/reorder/"): {"set_ids": ["0" * 32]},
    ("PATCH", "/api/sets/{id}/"): {"name": "Taken over"},
    ("POST", "/api/links/{id}/revoke/"): {"revoked": True},
    ("PUT", "/api/webhooks/{id}/"): {
        "url": "https://example.com/taken",
        "events": ["photo.failed"],
    },
}
# Operations on no particular object: lists (checked below) and creating one's own.
COLLECTION_OPERATIONS = {
    ("GET", "/api/galleries/"),
    ("POST", "/api/galleries/"),
    ("GET", "/api/tokens/"),
    ("POST", "/api/tokens/"),
    ("GET", "/api/webhooks/"),
    ("POST", "/api/webhooks/"),
    ("GET", "/api/deliveries/"),
}


@pytest.fixture
def owned(photographer, gallery):
    """One of each kind of object, all the photographer's; the path's first segment says
    which id fills `{id}`."""
    photo = gallery_services.photo_create(
        gallery=gallery, filename="a.jpg", size=1000, content_type="image/jpeg"
    )
    token, _key = services.token_create(owner=photographer, name="CRM")
    webhook, _secret = services.webhook_create(
        owner=photographer, url="https://example.com/hook", events=["photo.failed"]
    )
    delivery = services.delivery_ping(webhook=webhook)
    Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.FAILED)
    photo_set = gallery_services.set_create(gallery=gallery, name="Ceremony")
    gallery_services.photos_move_to_set(gallery=gallery, photo_ids=[photo.pk], photo_set=photo_set)
    link = sharing_services.share_link_create(gallery=gallery, label="Couple")
    visitor = sharing_services.visitor_join(link=link, name="Ada", email="ada@example.com")
    sharing_services.favourite_set(visitor=visitor, photo=photo, favourite=True)
    sharing_services.selection_submit(visitor=visitor)
    return {
        "galleries": gallery.pk,
        "photos": photo.pk,
        "tokens": token.pk,
        "webhooks": webhook.pk,
        "deliveries": delivery.pk,
        "links": link.pk,
        "selections": visitor.pk,
        "sets": photo_set.pk,
    }


def path_for(template: str, owned: dict) -> str:
    resource = template.split("/")[2]
    return template.replace("{id}", owned[resource])


def test_every_object_route_answers_404_to_another_photographers_token(
    api, stranger_api, api_schema, owned
):
    object_operations = sorted(op for op in operations(api_schema) if "{" in op[1])
    assert len(object_operations) >= 30
    link_digest = ShareLink.objects.get(pk=owned["links"]).token_digest

    for method, template in object_operations:
        path = path_for(template, owned)
        response = stranger_api.request(method, path, json=BODIES.get((method, template), {}))
        assert response.status_code == 404, (method, path, response.status_code, response.text)
        body = response.json()
        assert body["status"] == 404
        assert "this account" in body["message"]

    # Nothing changed, and everything is still there for its owner.
    gallery = Gallery.objects.get(pk=owned["galleries"])
    assert (gallery.title, gallery.archived_at, gallery.release) == (
        "Harbour wedding",
        None,
        "none",
    )
    assert Photo.objects.get(pk=owned["photos"]).hidden is False
    assert Photo.objects.filter(gallery=gallery).count() == 1
    assert ApiToken.objects.get(pk=owned["tokens"]).revoked_at is None
    assert Webhook.objects.get(pk=owned["webhooks"]).active is True
    assert Delivery.objects.get(pk=owned["deliveries"]).state == Delivery.State.FAILED
    link = ShareLink.objects.get(pk=owned["links"])
    assert (link.label, link.revoked_at, link.token_digest) == ("Couple", None, link_digest)
    assert link.gallery.share_links.count() == 1
    assert Visitor.objects.get(pk=owned["selections"]).submitted_at is not None
    assert [(s.pk, s.name) for s in gallery.sets.all()] == [(owned["sets"], "Ceremony")]
    assert Photo.objects.get(pk=owned["photos"]).photo_set_id == owned["sets"]
    for resource, object_id in owned.items():
        assert api.get(f"/api/{resource}/{object_id}/").status_code == 200, resource


def test_lists_leave_out_another_photographers_objects(api, stranger_api, api_schema, owned):
    lists_and_creates = {op for op in operations(api_schema) if "{" not in op[1]}
    assert lists_and_creates == COLLECTION_OPERATIONS

    for method, path in sorted(lists_and_creates):
        if method != "GET":
            continue
        mine = {item["id"] for item in api.get(path).json()["results"]}
        theirs = {item["id"] for item in stranger_api.get(path).json()["results"]}
        assert owned[path.split("/")[2]] in mine, path
        assert not mine & theirs, path
    # The stranger's filter for the photographer's webhook finds nothing.
    filtered = stranger_api.get(f"/api/deliveries/?webhook={owned['webhooks']}")
    assert filtered.json()["results"] == []
