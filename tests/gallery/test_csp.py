"""Issue 15, must-show 4 (the header half): every page, JSON answer and file sends the
strict Content-Security-Policy; the browser half is the violation listener every
Chromium test runs with (tests/e2e/conftest.py)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from gallery.templatetags.css_inline import css_url
from sharing import selectors
from sharing import services as sharing_services
from tests.sharing.conftest import api, import_photos


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def assert_strict(url: str, response) -> None:
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'none'"], url
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], url
    script = policy["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, url
    assert set(script) - {"'self'"} <= {v for v in script if v.startswith("'nonce-")}, url
    assert set(policy["img-src"]) <= {"'self'", "data:"}, url  # local mode: the site only


def test_every_page_a_photographer_and_a_client_see_sends_the_policy(
    signed_in, gallery, sample_paths
):
    photos = import_photos(gallery, sample_paths[:2])
    link = sharing_services.share_link_create(
        gallery=gallery, label="Family", password="harbour-2024"
    )
    token = selectors.share_link_token(link=link)
    photographer_urls = [
        reverse("gallery:home"),
        reverse("gallery:list"),
        reverse("gallery:create"),
        reverse("gallery:detail", args=[gallery.pk]),
        reverse("gallery:edit", args=[gallery.pk]),
        reverse("accounts:settings"),
        reverse("sharing:manage", args=[gallery.pk]),
        reverse("sharing:selections", args=[gallery.pk]),
        reverse("sharing:link_edit", args=[link.pk]),
        "/api/schema/",
        "/api/galleries/",
        "/api/docs/",
        "/admin/",
        "/galleries/no-such-gallery/",  # 404
    ]
    for url in photographer_urls:
        response = signed_in.get(url)
        assert response.status_code in (200, 302, 404), (url, response.status_code)
        assert_strict(url, response)

    client = Client()
    answers = {
        "gate": client.get(api(token, "gallery")),
        "wrong password": client.post(api(token, "password"), {"password": "nope-nope"}),
        "unlock": client.post(api(token, "password"), {"password": "harbour-2024"}),
        "name form": client.get(api(token, "gallery")),
        "join": client.post(api(token, "join"), {"name": "Ada", "email": "ada@example.com"}),
        "state": client.get(api(token, "api_state")),
        "unknown link": client.get(api(token[:-1] + "x", "gallery")),
        "sign-in page": Client().get(reverse("login")),
        "docs": Client().get("/api/docs/redoc/"),
    }
    page = client.get(api(token, "gallery"))
    answers["gallery"] = page
    thumb = re.search(r'src="(/files/[^"]+)"', page.content.decode()).group(1)
    answers["thumbnail"] = client.get(thumb.replace("&amp;", "&"))
    assert answers["thumbnail"].status_code == 200
    for name, response in answers.items():
        assert "Content-Security-Policy" in response, name
        if name != "docs":
            assert_strict(name, response)
    # The gallery's nonce'd <style> carries each tile's ratio; no style attribute is left.
    html = page.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", page["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in html and "style=" not in html
    assert all(f'.shot[data-id="{photo.pk}"]' in html for photo in photos)


def test_the_docs_page_relaxes_styles_only(client):
    policy = directives(client.get("/api/docs/redoc/"))
    assert "'unsafe-inline'" in policy["style-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("", ["https://proofs.s3.eu-west-1.amazonaws.com", "https://proofs.s3.amazonaws.com"]),
        ("http://127.0.0.1:5000", ["http://127.0.0.1:5000"]),
    ],
)
def test_in_aws_mode_images_and_uploads_may_come_from_the_bucket_only(
    client, settings, endpoint, expected
):
    settings.PROOFSHEET_MODE = "aws"
    settings.PROOFSHEET_BUCKET = settings.PROOFSHEET_OUTPUT_BUCKET = "proofs"
    settings.PROOFSHEET_REGION = "eu-west-1"
    settings.PROOFSHEET_AWS_ENDPOINT_URL = endpoint
    policy = directives(client.get(reverse("login")))
    assert policy["img-src"] == ["'self'", "data:", *expected]
    assert policy["connect-src"] == ["'self'", *expected]


def test_css_url_cannot_close_the_string_or_the_style_element():
    hostile = "x.jpg?a=1&b=2'); } </style><script>alert(1)</script>"
    value = css_url(hostile)
    assert value.startswith('url("') and value.endswith('")')
    inner = value[5:-2]
    assert not set(inner) & set("\"'<>(){}")  # all escaped as \hex
    assert "&b=2" in inner  # signed URLs keep their query as it is
