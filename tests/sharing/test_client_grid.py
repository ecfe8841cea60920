"""Issue 10: the client page draws and signs its first screen only, the state lists every
photo (the others without image URLs), and `api_state?ids=` signs the ones asked for."""

import json
import re
from types import SimpleNamespace

import pytest
from django.utils.html import json_script

from gallery import services as gallery_services
from gallery.models import Gallery
from gallery.storage import expiry
from sharing import services
from sharing.models import Visitor
from sharing.templatetags.client_grid import state_script

from .conftest import api, import_photos


def _embedded_state(page: str) -> dict:
    found = re.search(r'<script id="client-state" type="application/json">(.*?)</script>', page)
    return json.loads(found.group(1))


def test_the_page_draws_and_signs_the_first_tiles_and_lists_every_photo(
    photos, link, join, settings
):
    settings.PROOFSHEET_CLIENT_FIRST_TILES = 2
    _share, token = link
    page = join(token).get(api(token, "gallery")).content.decode()

    state = _embedded_state(page)
    assert [p["id"] for p in state["photos"]] == [view.pk for view in photos]
    # Every entry short: no addresses, nothing that equals the state's `unsigned`.
    assert all(set(p) == {"id", "filename", "width", "height", "ratio"} for p in state["photos"])
    assert state["unsigned"]["srcset_type"] == "image/webp"
    # The first two tiles drawn, their signed addresses written once, in their HTML.
    grid = page[page.index('id="grid"') : page.index('id="tile-template"')]
    assert re.findall(r'<figure class="shot[^"]*" data-id="(\w+)"', grid) == [
        view.pk for view in photos[:2]
    ]
    assert len(re.findall(r'<a class="open" href="[^"]+&amp;s=', grid)) == 2
    assert len(re.findall(r' srcset="[^"]+&amp;s=[^"]+ 400w', grid)) == 2
    assert 'aria-label="Open photo 2 of 3"' in grid


def test_state_ids_lists_only_the_photos_asked_for_signed(photos, link, join):
    _share, token = link
    ada = join(token)
    wanted = [photos[2].pk, photos[0].pk]

    state = ada.get(api(token, "api_state"), {"ids": ",".join(wanted)}).json()

    assert [p["id"] for p in state["photos"]] == [photos[0].pk, photos[2].pk]  # gallery order
    assert all("&s=" in p["thumb"] and "&s=" in p["proof"] for p in state["photos"])
    assert set(state) == {"photos"}  # the page has the rest; these entries are all it asks for
    assert ada.get(api(token, "api_state"), {"ids": "nothing"}).json()["photos"] == []


@pytest.fixture
def marked(gallery, photos, link, join):
    """A client ("Ada") who has been busy: photos[2] in the "Ceremony" set with her comment,
    photos[1] four stars, photos[0] her favourite; her selection sent, and released as
    originals."""
    ceremony = gallery_services.set_create(gallery=gallery, name="Ceremony")
    gallery_services.photos_move_to_set(
        gallery=gallery, photo_ids=[photos[2].pk], photo_set=ceremony
    )
    gallery_services.gallery_update(
        gallery=gallery, download_policy=Gallery.DownloadPolicy.ORIGINALS
    )
    share, token = link
    ada = join(token)
    visitor = Visitor.objects.get(link=share)
    services.favourite_set(visitor=visitor, photo=photos[0], favourite=True)
    services.comment_create(visitor=visitor, photo=photos[2], body="Lovely")
    services.mark_set(visitor=visitor, photo=photos[1], stars=4, as_client=False)
    services.selection_submit(visitor=visitor)
    services.gallery_release(gallery=gallery, scope=Gallery.Release.SELECTION)
    return SimpleNamespace(token=token, browser=ada, ceremony=ceremony)


def test_state_ids_gives_the_full_states_entries_of_those_photos_and_no_others(
    gallery, photos, sample_paths, marked, monkeypatch
):
    held_back = import_photos(gallery, sample_paths[3:4], publish=False)[0]
    gallery_services.photo_set_hidden(photo=photos[1], hidden=True)
    ada, token = marked.browser, marked.token
    # Both answers sign with the same expiry, whenever the minute turns.
    monkeypatch.setattr(expiry, "time", SimpleNamespace(time=lambda: 1_900_000_000.0))

    full = {entry["id"]: entry for entry in ada.get(api(token, "api_state")).json()["photos"]}
    asked = [photos[0].pk, photos[1].pk, held_back.pk, photos[2].pk]
    state = ada.get(api(token, "api_state"), {"ids": ",".join(asked)}).json()

    # The set's photo first, as in the full state; the hidden and held-back ones left out.
    assert list(full) == [photos[2].pk, photos[0].pk]
    assert state["photos"] == list(full.values())
    released, kept = full[photos[0].pk], full[photos[2].pk]
    assert (released["favourite"], released["download"] is not None) == (True, True)
    assert (kept["set"], kept["download"], len(kept["comments"])) == (marked.ceremony.pk, None, 1)


# What the page asks for once a photo nears the screen; the rest of its entry it has.
ADDRESSES = ("thumb", "srcset", "sizes", "proof", "placeholder")


def test_short_entries_filled_in_are_the_full_states_entries_less_their_addresses(
    photos, marked, settings
):
    settings.PROOFSHEET_CLIENT_FIRST_TILES = 0
    ada, token = marked.browser, marked.token

    state = _embedded_state(ada.get(api(token, "gallery")).content.decode())
    full = ada.get(api(token, "api_state")).json()["photos"]

    filled = [{**state["unsigned"], **entry} for entry in state["photos"]]
    assert filled == [{**entry, **dict.fromkeys(ADDRESSES, "")} for entry in full]
    by_id = {entry["id"]: entry for entry in state["photos"]}
    assert by_id[photos[0].pk]["favourite"] and by_id[photos[0].pk]["download"]  # released
    assert by_id[photos[1].pk]["marks"] == {"label": "", "stars": 4, "rejected": False}
    assert by_id[photos[2].pk]["set"] == marked.ceremony.pk and by_id[photos[2].pk]["comments"]
    assert "download" not in by_id[photos[2].pk]  # not released


def test_state_script_writes_what_json_script_writes():
    value = {"title": "</script><b>&'\"", "photos": [{"url": "/f?a=1&b=2"}], "n": 1.5}
    assert state_script(value, "client-state") == json_script(value, "client-state")
