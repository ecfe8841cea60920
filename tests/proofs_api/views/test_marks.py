"""Issue 11, must-show 3: the clients' marks through the API: a round trip, the filters,
the XMP ZIP of another photographer's gallery (404), a locked selection refusing changes."""

import io
import zipfile

import pytest

from gallery import services as gallery_services
from sharing import services as sharing_services


def mark_sent(visitor, photo, **marks):
    """Marks on a submitted selection: unlocked, marked, sent again (as a client would)."""
    sharing_services.selection_reopen(visitor=visitor)
    sharing_services.mark_set(visitor=visitor, photo=photo, as_client=False, **marks)
    sharing_services.selection_submit(visitor=visitor)


@pytest.fixture
def open_visitor(gallery):
    link = sharing_services.share_link_create(gallery=gallery, label="Parents")
    return sharing_services.visitor_join(link=link, name="Grace", email="grace@example.com")


def test_marks_round_trip_through_the_selection(api, photos, open_visitor):
    url = f"/api/selections/{open_visitor.pk}/marks/"
    first = api.post(url, json={"photo": photos[0].pk, "label": "green", "stars": 4})
    assert first.status_code == 200, first.json()
    api.post(url, json={"photo": photos[1].pk, "favourite": True})
    api.post(url, json={"photo": photos[2].pk, "favourite": True})
    # A reject takes the pick away, as in Lightroom.
    api.post(url, json={"photo": photos[2].pk, "rejected": True})
    # Only what is sent changes: the label stays when the stars change.
    api.post(url, json={"photo": photos[0].pk, "stars": 5})

    marks = api.get(f"/api/selections/{open_visitor.pk}/").json()["marks"]
    assert [
        (m["photo"]["filename"], m["favourite"], m["label"], m["stars"], m["rejected"])
        for m in marks
    ] == [
        ("IMG_0001.jpg", False, "green", 5, False),
        ("IMG_0002.jpg", True, "", 0, False),
        ("IMG_0003.jpg", False, "", 0, True),
    ]
    cleared = api.post(url, json={"photo": photos[0].pk, "label": "", "stars": 0})
    assert [m["photo"]["filename"] for m in cleared.json()["marks"]] == [
        "IMG_0002.jpg",
        "IMG_0003.jpg",
    ]


def test_bad_marks_are_refused_with_the_field(api, photos, other_gallery, open_visitor):
    other_photo = gallery_services.photo_create(
        gallery=other_gallery, filename="THEIRS.jpg", size=1000, content_type="image/jpeg"
    )
    url = f"/api/selections/{open_visitor.pk}/marks/"
    too_many = api.post(url, json={"photo": photos[0].pk, "stars": 6})
    assert too_many.status_code == 400 and "stars" in too_many.json()["errors"]
    colour = api.post(url, json={"photo": photos[0].pk, "label": "orange"})
    assert colour.status_code == 400 and "label" in colour.json()["errors"]
    elsewhere = api.post(url, json={"photo": other_photo.pk, "stars": 1})
    assert elsewhere.status_code == 400 and "photo" in elsewhere.json()["errors"]
    nothing = api.post(url, json={"photo": photos[0].pk})
    assert nothing.status_code == 400


def test_a_submitted_selection_refuses_mark_changes(api, photos, submitted):
    url = f"/api/selections/{submitted.pk}/marks/"
    refused = api.post(url, json={"photo": photos[0].pk, "label": "red"})
    assert refused.status_code == 409
    assert "sent" in refused.json()["message"]
    unpick = api.post(url, json={"photo": photos[0].pk, "favourite": False})
    assert unpick.status_code == 409
    marks = api.get(f"/api/selections/{submitted.pk}/").json()["marks"]
    assert [(m["photo"]["filename"], m["label"]) for m in marks] == [
        ("IMG_0001.jpg", ""),
        ("IMG_0002.jpg", ""),
    ]
    # Unlocked, the same change goes through.
    api.post(f"/api/selections/{submitted.pk}/unlock/")
    assert api.post(url, json={"photo": photos[0].pk, "label": "red"}).status_code == 200


def test_the_list_of_marked_photos_filters_by_client_and_mark(
    api, gallery, photos, submitted, open_visitor
):
    mark_sent(submitted, photos[0], stars=4)
    sharing_services.mark_set(visitor=open_visitor, photo=photos[1], label="green", as_client=False)
    sharing_services.mark_set(visitor=open_visitor, photo=photos[2], stars=2, as_client=False)
    url = f"/api/galleries/{gallery.pk}/marks/"

    def listed(query=""):
        response = api.get(url + query)
        assert response.status_code == 200, response.json()
        return [(r["photo"]["filename"], r["visitor"]["name"]) for r in response.json()["results"]]

    everyone = listed()
    assert everyone == [
        ("IMG_0001.jpg", "Ada"),
        ("IMG_0002.jpg", "Ada"),
        ("IMG_0002.jpg", "Grace"),
        ("IMG_0003.jpg", "Grace"),
    ]
    assert listed("?label=green&min_stars=4") == [
        ("IMG_0001.jpg", "Ada"),
        ("IMG_0002.jpg", "Grace"),
    ]
    assert listed(f"?visitor={open_visitor.pk}") == [
        ("IMG_0002.jpg", "Grace"),
        ("IMG_0003.jpg", "Grace"),
    ]
    assert listed("?favourite=true") == [("IMG_0001.jpg", "Ada"), ("IMG_0002.jpg", "Ada")]
    assert listed("?submitted=true&min_stars=1") == [("IMG_0001.jpg", "Ada")]
    assert listed("?rejected=true") == []
    assert api.get(url + "?min_stars=9").status_code == 400
    assert api.get(url + "?label=orange").status_code == 400


def test_the_xmp_zip_holds_the_filters_marks(api, gallery, photos, submitted, open_visitor):
    mark_sent(submitted, photos[0], stars=4)
    sharing_services.mark_set(visitor=open_visitor, photo=photos[0], stars=1, as_client=False)
    sharing_services.mark_set(visitor=open_visitor, photo=photos[2], rejected=True, as_client=False)

    def names(query=""):
        response = api.get(f"/api/galleries/{gallery.pk}/xmp/{query}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        archive = zipfile.ZipFile(io.BytesIO(response.raw))
        return {name: archive.read(name).decode() for name in archive.namelist()}

    everyone = names()
    assert sorted(everyone) == ["IMG_0001.xmp", "IMG_0003.xmp"]
    assert 'xmp:Rating="4"' in everyone["IMG_0001.xmp"]  # the submitted selection wins
    assert 'xmp:Rating="-1"' in everyone["IMG_0003.xmp"]
    assert 'xmp:Rating="1"' in names(f"?winner={open_visitor.pk}")["IMG_0001.xmp"]
    assert 'xmp:Rating="1"' in names(f"?visitor={open_visitor.pk}")["IMG_0001.xmp"]
    assert sorted(names("?min_stars=4")) == ["IMG_0001.xmp"]


def test_the_xmp_zip_of_another_photographers_gallery_is_not_found(
    stranger_api, gallery, submitted
):
    response = stranger_api.get(f"/api/galleries/{gallery.pk}/xmp/")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_mark_settings_choose_what_clients_see(api, gallery):
    url = f"/api/galleries/{gallery.pk}/mark-settings/"
    assert api.get(url).json() == {
        "show_labels": False,
        "show_stars": False,
        "show_reject": False,
        "label_meanings": {},
    }
    changed = api.patch(url, json={"show_labels": True, "label_meanings": {"green": "print"}})
    assert changed.json()["show_labels"] is True
    assert changed.json()["label_meanings"] == {"green": "print"}
    assert api.patch(url, json={"label_meanings": {"orange": "x"}}).status_code == 400
