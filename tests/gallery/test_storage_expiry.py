"""Signed image URLs work for a stated window, 4 to 5 minutes, in both modes (issue 15)."""

import time
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

from gallery import selectors
from gallery.storage import expiry, storage


@pytest.mark.parametrize("now", [1_800_000_000, 1_800_000_059, 1_800_000_030.5])
def test_the_expiry_is_four_to_five_minutes_away_rounded_to_the_minute(now):
    expires = expiry.url_expiry(seconds=300, now=now)
    assert 240 < expires - now <= 300
    assert expires % 60 == 0


def issued_at(monkeypatch, moment: float, key: str) -> str:
    monkeypatch.setattr(expiry, "time", SimpleNamespace(time=lambda: moment))
    url = storage().image_url(key)
    monkeypatch.setattr(expiry, "time", time)
    return url


def test_a_local_url_works_within_its_window_and_not_after(client, processed_photo, monkeypatch):
    key = selectors.photo_view(photo=processed_photo).rendition("thumb")["key"]
    now = time.time()
    fresh = client.get(issued_at(monkeypatch, now - 200, key))  # issued 200 s ago
    assert fresh.status_code == 200
    max_age = int(fresh["Cache-Control"].split("max-age=")[1])
    assert 0 < max_age <= 100  # cached no longer than the URL works
    assert client.get(issued_at(monkeypatch, now - 301, key)).status_code == 403


def test_a_presigned_url_has_the_same_window(presigning_storage):
    query = parse_qs(urlsplit(presigning_storage.image_url("renditions/g/p/thumb.jpg")).query)
    assert 240 < int(query["X-Amz-Expires"][0]) <= 300
