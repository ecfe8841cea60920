"""What clients see when: a draft gallery's links open on a "not ready yet" page that names
nothing of it; photos added to a published gallery stay out of every client-facing route
(page, state JSON, marks, downloads, ZIPs, exports) until the photographer publishes them."""

import io
import zipfile

import pytest
from django.urls import reverse

from gallery import services as gallery_services
from gallery.models import Gallery
from gallery.storage import storage
from sharing import exports, selectors, services

from .conftest import api, import_photos


@pytest.fixture
def draft(photographer):
    return gallery_services.gallery_create(
        owner=photographer, title="Secret elopement", client_name="Ada Lovelace"
    )


def test_a_draft_galleries_link_says_not_ready_yet_and_names_nothing(
    draft, sample_paths, make_link, client, signed_in
):
    import_photos(draft, sample_paths[:1], publish=False)
    _share, token = make_link(draft, password="harbour-2024")

    page = client.get(api(token, "gallery"))
    assert page.status_code == 403
    text = page.content.decode()
    assert "This gallery is not ready yet" in text
    assert "Secret elopement" not in text and "Ada Lovelace" not in text
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    state = client.get(api(token, "api_state"))
    assert state.status_code == 403
    assert state.json()["message"] == "This gallery is not ready yet."

    share_page = signed_in.get(reverse("sharing:manage", args=[draft.pk]))
    assert "This gallery is a draft" in share_page.content.decode()

    gallery_services.gallery_publish(gallery=draft)
    assert "password" in client.get(api(token, "gallery")).content.decode().lower()
    share_page = signed_in.get(reverse("sharing:manage", args=[draft.pk]))
    assert "This gallery is a draft" not in share_page.content.decode()


@pytest.fixture
def held_back(gallery, photos, sample_paths):
    """A fourth photo, processed but not published, beside the three published ones."""
    return import_photos(gallery, sample_paths[3:4], ["late.jpg"], publish=False)[0]


def zip_names(response) -> list[str]:
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def test_photos_held_back_reach_no_client_route_until_published(
    gallery, photos, held_back, link, join
):
    gallery_services.gallery_update(gallery=gallery, download_policy=Gallery.DownloadPolicy.PROOFS)
    share, token = link
    ada = join(token)

    state = ada.get(api(token, "api_state")).json()
    assert [p["id"] for p in state["photos"]] == [p.pk for p in photos]
    page = ada.get(api(token, "gallery")).content.decode()
    assert held_back.pk not in page
    assert [v.photo.pk for v in selectors.client_photos(gallery=gallery)] == [p.pk for p in photos]
    assert ada.post(api(token, "api_favourite", held_back.pk)).status_code == 404
    assert ada.post(api(token, "api_comment", held_back.pk), {"body": "hi"}).status_code == 404
    assert ada.get(api(token, "download", held_back.pk)).status_code == 404
    assert "late-proof.jpg" not in zip_names(ada.get(api(token, "download_all")))
    # An export asked for with its id (as a stale request could) leaves it out all the same.
    export = exports.export_start(link=share, photo_ids=[p.pk for p in [*photos, held_back]])
    export = exports.export_build(export_id=export.pk)
    with storage().open(export.key) as archive, zipfile.ZipFile(archive) as members:
        names = members.namelist()
    assert len(names) == 3 and "late-proof.jpg" not in names

    assert gallery_services.gallery_publish(gallery=gallery) == 1
    state = ada.get(api(token, "api_state")).json()
    assert held_back.pk in [p["id"] for p in state["photos"]]
    assert ada.get(api(token, "download", held_back.pk)).status_code == 200
    assert "late-proof.jpg" in zip_names(ada.get(api(token, "download_all")))


def test_released_originals_leave_out_photos_held_back(gallery, photos, held_back):
    gallery_services.gallery_update(
        gallery=gallery, download_policy=Gallery.DownloadPolicy.ORIGINALS
    )
    services.gallery_release(gallery=gallery, scope=Gallery.Release.ALL)

    assert selectors.released_photo_ids(gallery=gallery) == {p.pk for p in photos}
