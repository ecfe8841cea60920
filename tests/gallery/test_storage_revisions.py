"""Every image URL carries the render revision: a re-render shows at once, while an
unchanged image keeps its URL (and the browser's cached copy) (issue 12)."""

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

from gallery import selectors
from gallery.storage import storage


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_a_local_url_carries_the_revision_and_still_opens(client, processed_photo):
    key = selectors.photo_view(photo=processed_photo).rendition("proof")["key"]
    first, again, next_revision = (
        storage().image_url(key, revision=revision) for revision in (3, 3, 4)
    )
    assert query(first)["v"] == ["3"] and query(next_revision)["v"] == ["4"]
    assert first == again  # unchanged: the same URL, so the browser's copy is used
    assert first != next_revision
    for url in (first, next_revision):
        assert client.get(url).status_code == 200


def test_the_local_url_is_the_one_reverse_would_build(processed_photo):
    # Signed without a reverse() per URL: the path must still be the view's, quoted alike.
    key = "originals/g1/p1/Maya & Tom 1.jpg"
    url = storage().image_url(key)
    assert urlsplit(url).path == reverse("gallery:file", kwargs={"key": key})


def test_the_photo_urls_carry_their_records_revision(processed_photo):
    view = selectors.photo_view(photo=processed_photo)
    revision = view.record["render_revision"]
    urls = [view.thumb_url, view.proof_url] + [url for url, _ in view.thumb_sources]
    assert len(urls) == 5
    assert all(query(url)["v"] == [str(revision)] for url in urls)
    view.record["render_revision"] = revision + 1  # as a re-render writes it
    rerendered = selectors.PhotoView(photo=processed_photo, record=view.record)
    assert query(rerendered.proof_url)["v"] == [str(revision + 1)]


def test_a_presigned_url_signs_the_revision(presigning_storage, monkeypatch):
    moment = datetime(2026, 11, 29, 10, 0, 0)  # one signing time: only `v` differs
    monkeypatch.setattr("botocore.auth.get_current_datetime", lambda: moment)
    key = "renditions/g/p/proof.jpg"
    urls = [presigning_storage.image_url(key, revision=r) for r in (2, 3)]
    plain = presigning_storage.image_url(key)
    assert [query(url)["v"] for url in urls] == [["2"], ["3"]]
    assert "v" not in query(plain)
    signatures = {query(url)["X-Amz-Signature"][0] for url in [*urls, plain]}
    assert len(signatures) == 3  # the revision is inside the signature, not beside it
