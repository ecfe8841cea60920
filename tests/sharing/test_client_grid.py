"""Issue 10: the client page draws and signs its first screen only, the state lists every
photo (the others without image URLs), and `api_state?ids=` signs the ones asked for."""

import json
import re

from django.utils.html import json_script

from sharing.templatetags.client_grid import state_script

from .conftest import api


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
    drawn, later = state["photos"][:2], state["photos"][2]
    assert all(p["thumb"] and p["proof"] and "&s=" in p["srcset"] for p in drawn)
    assert (later["thumb"], later["srcset"], later["proof"], later["placeholder"]) == ("",) * 4
    assert later["width"] and later["ratio"] and later["srcset_type"] == "image/webp"
    grid = page[page.index('id="grid"') : page.index('id="tile-template"')]
    assert re.findall(r'<figure class="shot[^"]*" data-id="(\w+)"', grid) == [
        p["id"] for p in drawn
    ]
    assert 'aria-label="Open photo 2 of 3"' in grid


def test_state_ids_lists_only_the_photos_asked_for_signed(photos, link, join):
    _share, token = link
    ada = join(token)
    wanted = [photos[2].pk, photos[0].pk]

    state = ada.get(api(token, "api_state"), {"ids": ",".join(wanted)}).json()

    assert [p["id"] for p in state["photos"]] == [photos[0].pk, photos[2].pk]  # gallery order
    assert all("&s=" in p["thumb"] and "&s=" in p["proof"] for p in state["photos"])
    assert state["visitor"]["name"] and state["gallery"]["title"]
    assert ada.get(api(token, "api_state"), {"ids": "nothing"}).json()["photos"] == []


def test_state_script_writes_what_json_script_writes():
    value = {"title": "</script><b>&'\"", "photos": [{"url": "/f?a=1&b=2"}], "n": 1.5}
    assert state_script(value, "client-state") == json_script(value, "client-state")
