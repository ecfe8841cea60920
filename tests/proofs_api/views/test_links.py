"""Share links, selections, comments and release through the API, on top of the sharing
app's services (the same rules as the photographer's pages)."""

import pytest
import requests
from django.core import mail

from gallery import services as gallery_services
from gallery.models import Gallery
from sharing import services as sharing_services
from sharing.models import ShareLink

pytestmark = pytest.mark.e2e


@pytest.fixture
def photos(gallery):
    made = []
    for name in ("IMG_0001.jpg", "IMG_0002.jpg", "IMG_0003.jpg"):
        photo = gallery_services.photo_create(
            gallery=gallery, filename=name, size=1000, content_type="image/jpeg"
        )
        made.append(photo)
    return made


@pytest.fixture
def submitted(gallery, photos):
    """A client who favourited two photos, commented on one and sent the selection."""
    link = sharing_services.share_link_create(gallery=gallery, label="Couple")
    visitor = sharing_services.visitor_join(link=link, name="Ada", email="ada@example.com")
    for photo in photos[:2]:
        sharing_services.favourite_set(visitor=visitor, photo=photo, favourite=True)
    sharing_services.comment_create(visitor=visitor, photo=photos[1], body="Warmer, please")
    sharing_services.selection_submit(visitor=visitor)
    return visitor


def test_create_change_revoke_and_reissue_a_link(api, gallery, live_server):
    created = api.post(
        f"/api/galleries/{gallery.pk}/links/",
        json={"label": "Family", "password": "hunter22", "allow_downloads": False},
    )
    assert created.status_code == 201, created.text
    link = created.json()
    assert link["has_password"] is True and "password" not in link
    assert link["url"].startswith("http") and "/p/" in link["url"]
    assert link["closed"] is None
    assert link["activity"]["views"] == 0

    listed = api.get(f"/api/galleries/{gallery.pk}/links/").json()
    assert [item["id"] for item in listed] == [link["id"]]

    changed = api.patch(f"/api/links/{link['id']}/", json={"password": "", "label": "Family 2"})
    assert changed.json()["has_password"] is False and changed.json()["label"] == "Family 2"

    too_short = api.patch(f"/api/links/{link['id']}/", json={"password": "abc"})
    assert too_short.status_code == 400
    assert "at least 6 characters" in too_short.json()["message"]

    revoked = api.post(f"/api/links/{link['id']}/revoke/", json={})
    assert revoked.json()["revoked"] is True and revoked.json()["closed"] == "revoked"
    assert ShareLink.objects.get(pk=link["id"]).is_revoked
    restored = api.post(f"/api/links/{link['id']}/revoke/", json={"revoked": False})
    assert restored.json()["closed"] is None

    reissued = api.post(f"/api/links/{link['id']}/reissue/").json()
    assert reissued["url"] != link["url"]
    assert api.get(f"/api/links/{link['id']}/").json()["url"] == reissued["url"]
    # The old address no longer opens the gallery; the new one does.
    old_path = link["url"].split("/p/", 1)[1]
    new_path = reissued["url"].split("/p/", 1)[1]
    assert requests.get(f"{live_server.url}/p/{new_path}", timeout=10).status_code == 200
    assert requests.get(f"{live_server.url}/p/{old_path}", timeout=10).status_code != 200


def test_a_link_needs_a_label(api, gallery):
    response = api.post(f"/api/galleries/{gallery.pk}/links/", json={"label": " "})
    assert response.status_code == 400
    assert "label" in response.json()["errors"]


def test_selections_and_comments_are_read_and_a_selection_unlocked(
    api, gallery, photos, submitted, photographer
):
    assert any("Ada sent 2 favourites" in m.subject for m in mail.outbox)

    [selection] = api.get(f"/api/galleries/{gallery.pk}/selections/").json()["results"]
    assert selection["id"] == submitted.pk
    assert (selection["name"], selection["link_label"]) == ("Ada", "Couple")
    assert selection["submitted"] is True
    assert [p["filename"] for p in selection["favourites"]] == ["IMG_0001.jpg", "IMG_0002.jpg"]
    assert selection["lightroom"] == "IMG_0001, IMG_0002"
    assert selection["comments"][0]["body"] == "Warmer, please"

    comments = api.get(f"/api/galleries/{gallery.pk}/comments/").json()["results"]
    assert [(c["photo"]["filename"], c["visitor"]["name"]) for c in comments] == [
        ("IMG_0002.jpg", "Ada")
    ]
    other_photo = api.get(f"/api/galleries/{gallery.pk}/comments/?photo={photos[0].pk}")
    assert other_photo.json()["results"] == []

    unlocked = api.post(f"/api/selections/{submitted.pk}/unlock/")
    assert unlocked.status_code == 200
    assert unlocked.json()["submitted"] is False
    submitted.refresh_from_db()
    assert submitted.submitted_at is None
    # Unlocked, the client can change their favourites again.
    sharing_services.favourite_set(visitor=submitted, photo=photos[2], favourite=True)
    again = api.get(f"/api/selections/{submitted.pk}/").json()
    assert len(again["favourites"]) == 3


def test_release_originals_of_the_submitted_selection(api, gallery, photos, submitted):
    refused = api.post(f"/api/galleries/{gallery.pk}/release/", json={"scope": "selection"})
    assert refused.status_code == 400
    assert "Originals after release" in refused.json()["message"]

    api.patch(f"/api/galleries/{gallery.pk}/", json={"download_policy": "originals"})
    released = api.post(f"/api/galleries/{gallery.pk}/release/", json={"scope": "selection"})
    assert released.status_code == 200
    assert released.json()["release"] == "selection" and released.json()["released_at"]
    assert Gallery.objects.get(pk=gallery.pk).release == Gallery.Release.SELECTION

    withdrawn = api.post(f"/api/galleries/{gallery.pk}/release/", json={"scope": "none"})
    assert withdrawn.json()["release"] == "none"
    bad = api.post(f"/api/galleries/{gallery.pk}/release/", json={"scope": "everything"})
    assert bad.status_code == 400
