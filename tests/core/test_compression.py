"""Text responses leave gzipped for browsers that accept it; images leave as they are."""

import gzip

import pytest
from django.http import HttpResponse
from django.urls import reverse

from core.compression import TextGZipMiddleware, is_text
from gallery import selectors
from gallery.worker import LocalWorker
from tests.photos import import_photos


@pytest.mark.parametrize(
    ("content_type", "text"),
    [
        ("text/html; charset=utf-8", True),
        ("application/json", True),
        ("application/vnd.oai.openapi+json", True),
        ("text/javascript", True),
        ("image/svg+xml", True),
        ("image/jpeg", False),
        ("image/webp", False),
        ("application/zip", False),
        ("", False),
    ],
)
def test_only_text_types_are_compressed(content_type, text):
    assert is_text(content_type) is text


def test_a_page_is_gzipped_for_a_browser_that_accepts_it(signed_in, gallery):
    url = reverse("gallery:detail", kwargs={"gallery_id": gallery.pk})
    plain = signed_in.get(url)
    packed = signed_in.get(url, headers={"accept-encoding": "gzip, br"})

    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert b"Harbour wedding" in gzip.decompress(packed.content)
    assert len(packed.content) < len(plain.content) / 2


def test_an_image_is_sent_as_it_is(client, gallery, sample_paths):
    (photo,) = import_photos(gallery, sample_paths[:1])
    LocalWorker().run_pending()
    url = selectors.photo_view(photo=photo).thumb_url

    response = client.get(url, headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_a_whole_answer_is_gzipped_padded_and_its_etag_weakened(rf):
    # What Django's GZipMiddleware does, at LEVEL: Vary always, gzip only when asked for,
    # a random-length name in the gzip header (BREACH), a weak ETag for the new bytes.
    body = b'{"photos": [' + b'{"id": "abc", "ratio": 1.5}, ' * 200 + b"{}]}"

    def answer(request):
        response = HttpResponse(body, content_type="application/json")
        response["ETag"] = '"v1"'
        return response

    middleware = TextGZipMiddleware(answer)
    plain = middleware(rf.get("/"))
    sizes = set()
    for _ in range(20):
        packed = middleware(rf.get("/", headers={"accept-encoding": "gzip"}))
        assert gzip.decompress(packed.content) == body
        sizes.add(len(packed.content))

    assert (plain.content, plain["ETag"], plain["Vary"]) == (body, '"v1"', "Accept-Encoding")
    assert (packed["Content-Encoding"], packed["ETag"]) == ("gzip", 'W/"v1"')
    assert int(packed["Content-Length"]) == len(packed.content) < len(body) / 10
    assert len(sizes) > 1  # the padding varies
