"""A client's selection through the API: read with its favourites and comments, unlocked."""

from django.core import mail

from sharing import services as sharing_services


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
