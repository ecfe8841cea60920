"""Local image URLs are built without routing or re-deriving keys per URL, and stay exactly
what `reverse()` and Django's Signer give."""

import time

import pytest
from django.core import signing
from django.urls import reverse

from gallery.storage.local import LocalStorage, verify_image_url


@pytest.mark.parametrize(
    "key",
    [
        "renditions/0f3a/9b2c/thumb-600.jpg",
        "originals/0f3a/9b2c/Wedding day #2 (final).jpg",
        "originals/0f3a/9b2c/Hochzeit_Mädchen%20ä.jpg",
    ],
)
def test_an_image_url_is_the_routed_path_signed_as_django_signs(key, settings):
    settings.PROOFSHEET_IMAGE_URL_SECONDS = 300
    path, query = LocalStorage().image_url(key).split("?")
    expires, signature = (part.split("=", 1)[1] for part in query.split("&"))

    assert path == reverse("gallery:file", kwargs={"key": key})
    assert int(expires) > time.time()
    django = signing.Signer(salt="proofsheet.image-url").signature(f"{key}|{expires}")
    assert signature == django
    assert verify_image_url(key, expires, signature)


def test_a_new_secret_key_signs_differently(settings):
    key = "renditions/0f3a/9b2c/thumb-600.jpg"
    before = LocalStorage().image_url(key, seconds=600)
    settings.SECRET_KEY = "another-test-only-key"
    after = LocalStorage().image_url(key, seconds=600)

    assert before.rsplit("s=", 1)[1] != after.rsplit("s=", 1)[1]
    expires, signature = after.split("?e=")[1].split("&s=")
    assert verify_image_url(key, expires, signature)
