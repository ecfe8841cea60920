"""A gallery's share links, the lists of its clients' selections and comments, and the
release of originals through the API (`proofs_api/views/links.py`), on top of the sharing
app's services (the same rules as the photographer's pages)."""

from urllib.parse import urlsplit

from gallery.models import Gallery
from sharing.models import ShareLink


def test_create_change_revoke_and_reissue_a_link(api, gallery, client):
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
    assert client.get(urlsplit(reissued["url"]).path).status_code == 200
    assert client.get(urlsplit(link["url"]).path).status_code != 200


def test_a_link_needs_a_label(api, gallery):
    response = api.post(f"/api/galleries/{gallery.pk}/links/", json={"label": " "})
    assert response.status_code == 400
    assert "label" in response.json()["errors"]


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
