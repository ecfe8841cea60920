"""The client's sets bar: a gallery with sets shows them in order at the top, with their
photos in set order; a gallery without sets looks as before."""

import pytest

from gallery import services as gallery_services

from .conftest import api


def test_a_gallery_without_sets_has_no_bar(link, join):
    _share, token = link
    ada = join(token)
    assert 'id="sets-bar"' not in ada.get(api(token, "gallery")).content.decode()
    assert ada.get(api(token, "api_state")).json()["sets"] == []


@pytest.fixture
def sets(gallery, photos):
    """Ceremony (photos 1 and 3), Reception (empty), Getting ready (photo 2), in that order."""
    ready = gallery_services.set_create(gallery=gallery, name="Getting ready")
    ceremony = gallery_services.set_create(gallery=gallery, name="Ceremony")
    reception = gallery_services.set_create(gallery=gallery, name="Reception")
    gallery_services.sets_reorder(gallery=gallery, set_ids=[ceremony.pk, reception.pk])
    move = gallery_services.photos_move_to_set
    move(gallery=gallery, photo_ids=[photos[2].pk, photos[0].pk], photo_set=ceremony)
    move(gallery=gallery, photo_ids=[photos[1].pk], photo_set=ready)
    return ready, ceremony, reception


def test_the_bar_lists_the_sets_with_photos_in_order_and_photos_follow_it(sets, photos, link, join):
    ready, ceremony, _reception = sets
    _share, token = link
    ada = join(token)

    state = ada.get(api(token, "api_state")).json()
    assert state["sets"] == [
        {"id": ceremony.pk, "name": "Ceremony", "count": 2},
        {"id": ready.pk, "name": "Getting ready", "count": 1},
    ]  # the empty set is left out
    assert [p["id"] for p in state["photos"]] == [photos[0].pk, photos[2].pk, photos[1].pk]
    assert [p["set"] for p in state["photos"]] == [ceremony.pk, ceremony.pk, ready.pk]
    page = ada.get(api(token, "gallery")).content.decode()
    bar = page[page.index('id="sets-bar"') : page.index("</nav>")]
    assert bar.index("Ceremony") < bar.index("Getting ready") and "Reception" not in bar
    # Until the script runs, only the first set's photos show (a nonce'd rule, no flash).
    assert f'.shot[data-id="{photos[1].pk}"] {{ display: none; }}' in page
    assert f'.shot[data-id="{photos[0].pk}"] {{ display: none; }}' not in page


def test_photos_in_no_set_come_last_as_more_photos(sets, photos, link, join, gallery):
    _ready, ceremony, _reception = sets
    gallery_services.photos_move_to_set(gallery=gallery, photo_ids=[photos[1].pk], photo_set=None)
    _share, token = link
    state = join(token).get(api(token, "api_state")).json()

    assert [s["name"] for s in state["sets"]] == ["Ceremony", "More photos"]
    assert state["sets"][-1] == {"id": None, "name": "More photos", "count": 1}
    assert state["photos"][-1]["id"] == photos[1].pk
