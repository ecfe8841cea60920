"""Favourites, comments and submitting: each client's own list, locks, limits, galleries."""

import re

import pytest
from django.core import mail
from django.test import Client

from core import events
from gallery import services as gallery_services
from sharing import services
from sharing.models import Favourite, LinkEvent

from .conftest import api


def state(browser, token) -> dict:
    response = browser.get(api(token, "api_state"))
    assert response.status_code == 200
    return response.json()


def favourites(browser, token) -> set[str]:
    return {photo["id"] for photo in state(browser, token)["photos"] if photo["favourite"]}


def comment(browser, token, photo_id, body):
    return browser.post(
        api(token, "api_comment", photo_id), {"body": body}, content_type="application/json"
    )


def test_each_client_on_a_link_keeps_their_own_favourites(link, photos, join):
    _share, token = link
    ada = join(token, name="Ada", email="ada@example.com")
    grace = join(token, name="Grace", email="grace@example.com")
    assert ada.post(api(token, "api_favourite", photos[0].pk)).status_code == 200
    assert grace.post(api(token, "api_favourite", photos[1].pk)).status_code == 200
    assert comment(ada, token, photos[2].pk, "Ada's note").status_code == 201

    assert favourites(ada, token) == {photos[0].pk}
    assert favourites(grace, token) == {photos[1].pk}
    grace_view = state(grace, token)
    assert all(not photo["comments"] for photo in grace_view["photos"])
    page = grace.get(api(token, "gallery")).content.decode()
    assert "Viewing as <strong>Grace</strong>" in page
    # Ada's name as a word: random ids and signed URLs may hold the letters "Ada".
    assert not re.search(r"(?<![\w-])Ada(?![\w-])", page)

    # The same e-mail on another device finds the same list again.
    laptop = join(token, name="Ada L.", email="ADA@example.com")
    assert favourites(laptop, token) == {photos[0].pk}


def test_unfavourite_and_counts(link, photos, join):
    _share, token = link
    ada = join(token)
    ada.post(api(token, "api_favourite", photos[0].pk))
    response = ada.post(api(token, "api_favourite", photos[1].pk))
    assert response.json()["favourites"] == 2
    response = ada.delete(api(token, "api_favourite", photos[0].pk))
    assert response.json() == {"photo": photos[0].pk, "favourite": False, "favourites": 1}
    assert favourites(ada, token) == {photos[1].pk}


def test_a_link_refuses_photos_of_another_gallery(link, photos, other_photo, join):
    _share, token = link
    ada = join(token)
    assert ada.post(api(token, "api_favourite", other_photo.pk)).status_code == 404
    assert comment(ada, token, other_photo.pk, "Not mine").status_code == 404
    assert ada.get(api(token, "download", other_photo.pk)).status_code == 404
    assert not Favourite.objects.exists()


def test_hidden_photos_never_reach_a_client(link, photos, join):
    _share, token = link
    ada = join(token)
    gallery_services.photo_set_hidden(photo=photos[1], hidden=True)
    ids = [photo["id"] for photo in state(ada, token)["photos"]]
    assert ids == [photos[0].pk, photos[2].pk]
    assert photos[1].pk not in ada.get(api(token, "gallery")).content.decode()
    assert ada.post(api(token, "api_favourite", photos[1].pk)).status_code == 404


def test_without_a_name_the_api_answers_403(link, photos):
    _share, token = link
    stranger = Client()
    assert stranger.get(api(token, "api_state")).status_code == 403
    assert stranger.post(api(token, "api_favourite", photos[0].pk)).status_code == 403


@pytest.fixture
def heard():
    """Events emitted while the test runs."""
    received = []

    def listener(**event):
        received.append(event)

    events.subscribe(listener)
    yield received
    events._listeners.remove(listener)


def test_a_submitted_selection_is_locked_until_the_photographer_unlocks_it(
    link, photos, join, gallery, photographer, heard
):
    share, token = link
    ada = join(token)
    ada.post(api(token, "api_favourite", photos[0].pk))
    ada.post(api(token, "api_favourite", photos[1].pk))

    response = ada.post(api(token, "api_submit"))
    assert response.status_code == 200 and response.json()["locked"] is True

    # The photographer is told: e-mail, the events hook, a record in the workspace.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [photographer.email]
    assert "Ada sent 2 favourites" in mail.outbox[0].subject
    assert f"/p/manage/{gallery.pk}/selections/" in mail.outbox[0].body
    submitted = [event for event in heard if event["name"] == "selection.submitted"]
    assert submitted[-1]["owner"] == photographer
    assert {p["filename"] for p in submitted[-1]["payload"]["photos"]} == {
        photos[0].filename,
        photos[1].filename,
    }
    assert LinkEvent.objects.filter(link=share, kind=LinkEvent.Kind.SUBMIT).count() == 1

    # Every change now answers 409 with a sentence, and nothing changes.
    for response in (
        ada.post(api(token, "api_favourite", photos[2].pk)),
        ada.delete(api(token, "api_favourite", photos[0].pk)),
        comment(ada, token, photos[0].pk, "Too late?"),
        ada.post(api(token, "api_submit")),
    ):
        assert response.status_code == 409
        assert "photographer to unlock" in response.json()["message"]
    assert favourites(ada, token) == {photos[0].pk, photos[1].pk}

    visitor = share.visitors.get()
    services.selection_reopen(visitor=visitor)
    assert ada.post(api(token, "api_favourite", photos[2].pk)).status_code == 200


def test_the_gallery_rules_limit_favourites_and_submitting(link, photos, join, gallery):
    _share, token = link
    gallery_services.gallery_update(gallery=gallery, min_favourites=2, max_favourites=2)
    ada = join(token)
    response = ada.post(api(token, "api_submit"))
    assert response.status_code == 409 and "at least 2" in response.json()["message"]
    ada.post(api(token, "api_favourite", photos[0].pk))
    response = ada.post(api(token, "api_submit"))
    assert response.status_code == 409 and "you have 1" in response.json()["message"]
    ada.post(api(token, "api_favourite", photos[1].pk))
    response = ada.post(api(token, "api_favourite", photos[2].pk))
    assert response.status_code == 409 and "up to 2" in response.json()["message"]
    assert ada.post(api(token, "api_submit")).status_code == 200


def test_a_link_without_favourites_or_comments_refuses_them(gallery, photos, make_link, join):
    share, token = make_link(gallery, allow_favourites=False, allow_comments=False)
    ada = join(token)
    response = ada.post(api(token, "api_favourite", photos[0].pk))
    assert response.status_code == 403 and "switched off" in response.json()["message"]
    assert comment(ada, token, photos[0].pk, "Hello").status_code == 403
    assert b'class="fav"' not in ada.get(api(token, "gallery")).content

    # Settings take effect at once, for the visitor already inside.
    services.share_link_update(link=share, allow_favourites=True)
    assert ada.post(api(token, "api_favourite", photos[0].pk)).status_code == 200


def test_comments_can_be_added_and_removed_by_their_author(link, photos, join):
    _share, token = link
    ada = join(token)
    grace = join(token, name="Grace", email="grace@example.com")
    assert comment(ada, token, photos[0].pk, "   ").status_code == 400
    created = comment(ada, token, photos[0].pk, "Warmer, please").json()
    url = api(token, "api_comment_delete", photos[0].pk, created["id"])
    assert grace.delete(url).status_code == 404
    assert ada.delete(url).status_code == 200
    assert state(ada, token)["photos"][0]["comments"] == []


def test_the_client_api_is_protected_against_cross_site_requests(link, photos):
    _share, token = link
    browser = Client(enforce_csrf_checks=True)
    browser.get(api(token, "gallery"))  # the name form sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    joined = browser.post(
        api(token, "join"), {"name": "Ada", "email": "a@example.com", "csrfmiddlewaretoken": csrf}
    )
    assert joined.status_code == 302
    assert browser.post(api(token, "api_favourite", photos[0].pk)).status_code == 403
    assert not Favourite.objects.exists()
    response = browser.post(api(token, "api_favourite", photos[0].pk), HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 200
