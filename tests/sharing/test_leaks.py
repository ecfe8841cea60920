"""Issue 4, must-show 2: no client-facing page, JSON answer, header, URL or ZIP gives an
original before release; after release, only as the policy and the link allow.

The crawl starts where a client starts (the link), does what a client does (password,
name, favourites, comments, submit), and follows every URL it finds in bodies and headers.
"""

import re
from collections import deque
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from gallery.models import Gallery
from sharing import services

from .conftest import api, import_photos

PASSWORD = "harbour-2024"
URL = re.compile(
    r"""(?:https?://testserver)?(/(?:p|files|static|api|galleries|media)/[^\s"'<>()\\]*)"""
)


@dataclass
class Fetched:
    url: str
    status: int
    headers: dict
    body: bytes
    who: str


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def record(fetched: list, url: str, response, who: str = "client") -> Fetched:
    item = Fetched(url, response.status_code, dict(response.headers), content(response), who)
    fetched.append(item)
    return item


def urls_in(item: Fetched) -> set[str]:
    text = item.body.decode("utf-8", "replace").replace("&amp;", "&").replace("\\u0026", "&")
    text += " " + " ".join(str(value) for value in item.headers.values())
    return {match.group(1) for match in URL.finditer(text)}


def crawl(browser: Client, start: list[str], fetched: list, who: str, limit: int = 400) -> None:
    seen: set[str] = set()
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        item = record(fetched, url, browser.get(url), who)
        if urlsplit(url).path.startswith("/static/"):
            continue  # scanned, but stylesheets and scripts lead nowhere new
        queue.extend(sorted(urls_in(item) - seen))


def client_session(token: str, fetched: list, *, name: str, email: str) -> Client:
    """A client's way in: the gate, the password, the name; every answer kept."""
    browser = Client(REMOTE_ADDR="203.0.113.9")
    record(fetched, "gate", browser.get(api(token, "gallery")))
    record(fetched, "wrong", browser.post(api(token, "password"), {"password": "nope-nope"}))
    record(fetched, "unlock", browser.post(api(token, "password"), {"password": PASSWORD}))
    record(fetched, "name form", browser.get(api(token, "gallery")))
    record(fetched, "join", browser.post(api(token, "join"), {"name": name, "email": email}))
    return browser


def act(browser: Client, token: str, photos, fetched: list, *, submit: bool) -> None:
    for photo in photos[:2]:
        record(fetched, "fav", browser.post(api(token, "api_favourite", photo.pk)))
    record(
        fetched,
        "comment",
        browser.post(
            api(token, "api_comment", photos[0].pk), {"body": "Warmer?"}, "application/json"
        ),
    )
    if submit:
        record(fetched, "submit", browser.post(api(token, "api_submit")))


def originals(photos) -> dict[str, bytes]:
    result = {}
    for photo in photos:
        with default_storage.open(photo.original_key, "rb") as handle:
            result[photo.pk] = handle.read()
    return result


@pytest.fixture
def shoot(gallery, other_gallery, sample_paths):
    photos = import_photos(gallery, sample_paths[:3])
    other = import_photos(other_gallery, sample_paths[3:4])
    return photos, other


def walk_everything(gallery, photos, other, make_link) -> tuple[list[Fetched], str]:
    """Every client-facing answer for the gallery, with two visitors on a password link,
    a link without downloads, a revoked and an expired link. Returns them and the token
    of the link that allows downloads."""
    fetched: list[Fetched] = []
    _link, token = make_link(gallery, label="Couple", password=PASSWORD)
    _quiet, quiet_token = make_link(gallery, label="No downloads", allow_downloads=False)
    revoked, revoked_token = make_link(gallery, label="Old")
    services.share_link_revoke(link=revoked)
    expired, expired_token = make_link(gallery, label="Expired")
    expired.expires_at = timezone.now()
    expired.save()

    ada = client_session(token, fetched, name="Ada", email="ada@example.com")
    act(ada, token, photos, fetched, submit=True)
    grace = client_session(token, fetched, name="Grace", email="grace@example.com")
    act(grace, token, photos, fetched, submit=False)
    quiet = Client()
    joined = quiet.post(api(quiet_token, "join"), {"name": "Q", "email": "q@example.com"})
    record(fetched, "quiet join", joined, "quiet")

    guesses = [api(token, "download", p.pk) for p in [*photos, *other]]
    guesses += [api(token, "download_all"), api(token, "export_status", "0" * 32)]
    guesses += [api(quiet_token, "download", p.pk) for p in photos]
    guesses += [api(quiet_token, "download_all"), api(quiet_token, "gallery")]
    guesses += [api(revoked_token, "gallery"), api(expired_token, "gallery")]
    guesses += [api(revoked_token, "api_state"), api(expired_token, "download_all")]
    for who, browser in (("ada", ada), ("grace", grace)):
        crawl(browser, [api(token, "gallery"), api(token, "api_state"), *guesses], fetched, who)
    crawl(
        quiet,
        [api(quiet_token, "gallery"), api(quiet_token, "api_state"), *guesses],
        fetched,
        "quiet",
    )
    crawl(Client(), guesses, fetched, "stranger")  # has the links but no session
    return fetched, token


def holders(fetched: list[Fetched], secret: bytes) -> list[str]:
    return [item.url for item in fetched if secret in item.body]


def assert_nothing_original(fetched: list[Fetched], photos, other) -> None:
    names = [p.original_key for p in [*photos, *other]] + ["originals/"]
    for item in fetched:
        text = item.body.decode("utf-8", "replace") + repr(item.headers) + item.url
        for name in names:
            assert name not in text, f"{item.url} names {name}"
    for photo_id, data in originals([*photos, *other]).items():
        assert not holders(fetched, data), f"an original ({photo_id}) was served"


@pytest.mark.parametrize("policy", ["none", "proofs", "originals"])
def test_no_original_before_release(policy, gallery, shoot, make_link):
    photos, other = shoot
    gallery.download_policy = policy
    gallery.save()
    fetched, _token = walk_everything(gallery, photos, other, make_link)

    assert len(fetched) > 60  # the walk reached pages, JSON, images, downloads
    assert any(item.url.startswith("/files/renditions/") and item.status == 200 for item in fetched)
    assert_nothing_original(fetched, photos, other)


@pytest.mark.parametrize("policy", ["none", "proofs"])
def test_a_release_without_the_originals_policy_still_gives_none(policy, gallery, shoot, make_link):
    """As if the photographer released and then changed the download setting."""
    photos, other = shoot
    Gallery.objects.filter(pk=gallery.pk).update(
        download_policy=policy, release=Gallery.Release.ALL, released_at=timezone.now()
    )
    gallery.refresh_from_db()
    fetched, _token = walk_everything(gallery, photos, other, make_link)
    assert_nothing_original(fetched, photos, other)


@pytest.mark.parametrize("scope", ["selection", "all"])
def test_after_release_originals_come_only_as_allowed(scope, gallery, shoot, make_link):
    photos, other = shoot
    gallery.download_policy = Gallery.DownloadPolicy.ORIGINALS
    gallery.save()
    _seed, seed_token = make_link(gallery, label="Seed")
    seed = Client()
    seed.post(api(seed_token, "join"), {"name": "S", "email": "s@example.com"})
    seed.post(api(seed_token, "api_favourite", photos[0].pk))
    seed.post(api(seed_token, "api_submit"))
    services.gallery_release(gallery=gallery, scope=scope)

    fetched, token = walk_everything(gallery, photos, other, make_link)
    released = {photos[0].pk} if scope == "selection" else {p.pk for p in photos}
    downloads = (api(token, "download_all"), *(api(token, "download", pk) for pk in released))
    for photo_id, data in originals(photos).items():
        served = [item for item in fetched if data in item.body]
        if photo_id not in released:
            assert not served, f"unreleased original {photo_id} served by {served[0].url}"
            continue
        # Reachable, but only through the downloading link's own routes, by its visitors.
        assert served, "a released original should be downloadable"
        for item in served:
            assert item.url in downloads, item.url
            assert item.who in ("ada", "grace"), item.who
    for photo_id, data in originals(other).items():
        assert not holders(fetched, data), f"another gallery's original {photo_id} served"
