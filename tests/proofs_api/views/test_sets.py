"""A gallery's sets over the API: list, create, reorder, rename, delete; a photo's set on
upload and by PATCH; publishing the photos held back from clients."""

from gallery import services
from gallery.models import Photo


def upload(api, gallery, name, **extra):
    body = {"filename": name, "size": 1000, "content_type": "image/jpeg", **extra}
    return api.post(f"/api/galleries/{gallery.pk}/uploads/", json=body)


def test_sets_are_created_listed_reordered_renamed_and_deleted_without_their_photos(api, gallery):
    sets_url = f"/api/galleries/{gallery.pk}/sets/"
    ready = api.post(sets_url, json={"name": "Getting ready"}).json()
    ceremony = api.post(sets_url, json={"name": "Ceremony"})
    assert ceremony.status_code == 201
    ceremony = ceremony.json()
    taken = api.post(sets_url, json={"name": "ceremony"})
    assert taken.status_code == 400 and "already has a set" in taken.json()["message"]

    photo = upload(api, gallery, "a.jpg", set=ceremony["id"]).json()["photo"]
    assert photo["set"] == ceremony["id"] and photo["published"] is False

    reordered = api.post(f"{sets_url}reorder/", json={"set_ids": [ceremony["id"]]})
    assert reordered.status_code == 204
    listed = api.get(sets_url).json()
    assert [(s["name"], s["photo_count"]) for s in listed] == [
        ("Ceremony", 1),
        ("Getting ready", 0),
    ]

    renamed = api.patch(f"/api/sets/{ready['id']}/", json={"name": "Preparations"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Preparations"

    assert api.delete(f"/api/sets/{ceremony['id']}/").status_code == 204
    assert api.get(f"/api/photos/{photo['id']}/").json()["set"] is None
    assert [s["name"] for s in api.get(sets_url).json()] == ["Preparations"]


def test_a_photo_moves_between_sets_and_only_into_its_own_gallerys(api, gallery, other_gallery):
    ceremony = services.set_create(gallery=gallery, name="Ceremony")
    theirs = services.set_create(gallery=other_gallery, name="Theirs")
    photo = services.photo_create(
        gallery=gallery, filename="a.jpg", size=10, content_type="image/jpeg"
    )

    moved = api.patch(f"/api/photos/{photo.pk}/", json={"set": ceremony.pk})
    assert moved.status_code == 200 and moved.json()["set"] == ceremony.pk
    refused = api.patch(f"/api/photos/{photo.pk}/", json={"set": theirs.pk})
    assert refused.status_code == 400
    assert Photo.objects.get(pk=photo.pk).photo_set == ceremony
    assert upload(api, gallery, "b.jpg", set=theirs.pk).status_code == 400
    out = api.patch(f"/api/photos/{photo.pk}/", json={"set": None})
    assert out.json()["set"] is None


def test_another_photographers_sets_are_not_found(stranger_api, gallery):
    ceremony = services.set_create(gallery=gallery, name="Ceremony")
    assert stranger_api.get(f"/api/sets/{ceremony.pk}/").status_code == 404
    assert stranger_api.delete(f"/api/sets/{ceremony.pk}/").status_code == 404
    assert stranger_api.get(f"/api/galleries/{gallery.pk}/sets/").status_code == 404


def test_publish_shows_clients_the_photos_held_back_and_ends_a_draft(api, photographer):
    draft = services.gallery_create(owner=photographer, title="New")
    read = api.get(f"/api/galleries/{draft.pk}/").json()
    assert read["published_at"] is None and read["unpublished_count"] == 0
    photo = upload(api, draft, "a.jpg").json()["photo"]
    Photo.objects.filter(pk=photo["id"]).update(upload_state=Photo.UploadState.UPLOADED)
    listed = api.get("/api/galleries/").json()["results"]
    assert [g["unpublished_count"] for g in listed if g["id"] == draft.pk] == [1]

    published = api.post(f"/api/galleries/{draft.pk}/publish/")
    assert published.status_code == 200 and published.json()["published"] == 1
    read = api.get(f"/api/galleries/{draft.pk}/").json()
    assert read["published_at"] is not None and read["unpublished_count"] == 0
    assert api.get(f"/api/photos/{photo['id']}/").json()["published"] is True
