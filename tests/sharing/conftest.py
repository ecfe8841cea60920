"""Galleries with processed photos, share links and the clients who open them."""

import pytest
from django.test import Client
from django.urls import reverse

from gallery.worker import LocalWorker
from sharing import selectors, services
from tests.photos import import_photos as queue_photos


def import_photos(gallery, paths, names=None, *, publish=True):
    """Imported, published (unless asked otherwise) and processed."""
    photos = queue_photos(gallery, paths, names, publish=publish)
    LocalWorker().run_pending()
    return photos


@pytest.fixture
def photos(gallery, sample_paths):
    """Three processed photos of the photographer's gallery."""
    return import_photos(gallery, sample_paths[:3])


@pytest.fixture
def other_photo(other_gallery, sample_paths):
    """A processed photo of another photographer's gallery."""
    return import_photos(other_gallery, sample_paths[3:4])[0]


@pytest.fixture
def make_link():
    def make(gallery, **fields):
        fields.setdefault("label", "Family")
        link = services.share_link_create(gallery=gallery, **fields)
        return link, selectors.share_link_token(link=link)

    return make


@pytest.fixture
def link(gallery, photos, make_link):
    return make_link(gallery)


@pytest.fixture
def join():
    """A new browser that opens the link (with its password) and gives a name."""

    def join_link(token, *, name="Ada", email="ada@example.com", password=None, browser=None):
        browser = browser or Client()
        if password is not None:
            response = browser.post(
                reverse("sharing:password", args=[token]), {"password": password}
            )
            assert response.status_code == 302, response.content
        response = browser.post(
            reverse("sharing:join", args=[token]), {"name": name, "email": email}
        )
        assert response.status_code == 302, response.content
        return browser

    return join_link


def api(token, name, *args):
    return reverse(f"sharing:{name}", args=[token, *args])
