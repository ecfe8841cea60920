"""After release the client sees clean images and downloads two sizes (issue 12): the
processor renders a clean web-size rendition through the render queue; the watermarked
proof serves until it exists; the ZIP is named as a person would type it."""

import io
import re
import zipfile

from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image, ImageChops

from gallery import selectors as gallery_selectors
from gallery import services as gallery_services
from gallery.models import Gallery, LocalJob
from gallery.storage import record_table
from gallery.worker import LocalWorker
from lambda_processor import records as schema
from sharing import services

from .conftest import api


def stored(key: str) -> bytes:
    with default_storage.open(key, "rb") as handle:
        return handle.read()


def rendition(photo, name: str) -> dict:
    return gallery_selectors.photo_view(photo=photo).rendition(name)


def watermark_share(a: bytes, b: bytes) -> float:
    """Share of pixels that differ visibly between two same-sized JPEGs."""
    first, second = (Image.open(io.BytesIO(data)).convert("L") for data in (a, b))
    difference = ImageChops.difference(first, second).point(lambda v: 255 if v > 24 else 0)
    return difference.histogram()[255] / (first.width * first.height)


def hero_src(page) -> str:
    return re.search(r'<img class="hero-image" src="([^"]+)"', page.content.decode()).group(1)


def backdrop_src(page) -> str:
    """The name form's backdrop: the cover, as a CSS url()."""
    return re.search(
        r"\.join-backdrop \{ background-image: url\(\"?([^\")]+)", page.content.decode()
    ).group(1)


def test_a_release_renders_clean_web_images_that_the_client_then_sees(gallery, photos, link, join):
    _share, token = link
    gallery_services.gallery_update(
        gallery=gallery, download_policy=Gallery.DownloadPolicy.ORIGINALS, title="Maya & Tom"
    )
    originals = [stored(photo.original_key) for photo in photos]
    ada = join(token)
    revision, jobs = gallery.render_revision, LocalJob.objects.count()

    services.gallery_release(gallery=gallery, scope=Gallery.Release.ALL)

    settings = record_table().get_gallery_settings(gallery.pk)
    assert settings[schema.CLEAN_FIELD] == schema.CLEAN_ALL
    assert settings["revision"] == revision + 1
    assert LocalJob.objects.count() == jobs + len(photos)  # queued, as a watermark change is
    # Until the processor has rendered it, the client keeps the watermarked proof.
    before = ada.get(api(token, "api_state")).json()["photos"][0]
    assert not before["clean"] and before["download_web"] is None
    assert "/proof.jpg?" in before["proof"]
    assert "/proof.jpg?" in hero_src(ada.get(api(token, "gallery")))
    newcomer = Client()
    assert "/proof.jpg?" in backdrop_src(newcomer.get(api(token, "gallery")))

    LocalWorker().run_pending()

    for photo, original in zip(photos, originals, strict=True):
        assert stored(photo.original_key) == original  # originals are never touched
        web, proof = rendition(photo, "web"), rendition(photo, "proof")
        assert (web["width"], web["height"]) == (proof["width"], proof["height"])
        assert watermark_share(stored(web["key"]), stored(proof["key"])) > 0.02
    state = ada.get(api(token, "api_state")).json()
    first = state["photos"][0]
    assert first["clean"] and "/web.jpg?" in first["proof"]
    assert f"v={revision + 1}" in first["proof"]
    assert ada.get(first["proof"]).status_code == 200
    # The hero, the cover shown large, is clean as well, and so is the name form's backdrop.
    assert "/web.jpg?" in hero_src(ada.get(api(token, "gallery")))
    assert "/web.jpg?" in backdrop_src(newcomer.get(api(token, "gallery")))

    # Two sizes, each alone and zipped.
    web = ada.get(first["download_web"])
    assert b"".join(web.streaming_content) == stored(rendition(photos[0], "web")["key"])
    original = ada.get(first["download"])
    assert b"".join(original.streaming_content) == originals[0]
    zipped = ada.get(state["download_all_web"])
    assert zipped["Content-Disposition"] == (
        "attachment; filename=\"Maya & Tom.zip\"; filename*=UTF-8''Maya%20%26%20Tom.zip"
    )
    with zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content))) as archive:
        names = archive.namelist()
    assert sorted(names) == sorted(f"{p.filename.rsplit('.', 1)[0]}-web.jpg" for p in photos)
    assert ada.get(api(token, "download_all") + "?size=huge").status_code == 404


def test_a_withdrawn_release_shows_the_proof_again(gallery, photos, link, join):
    _share, token = link
    gallery_services.gallery_update(
        gallery=gallery, download_policy=Gallery.DownloadPolicy.ORIGINALS
    )
    services.gallery_release(gallery=gallery, scope=Gallery.Release.ALL)
    LocalWorker().run_pending()
    ada = join(token)
    assert ada.get(api(token, "api_state")).json()["photos"][0]["clean"]

    services.gallery_release(gallery=gallery, scope=Gallery.Release.NONE)

    first = ada.get(api(token, "api_state")).json()["photos"][0]
    assert not first["clean"] and "/proof.jpg?" in first["proof"]  # at once, before a render
    assert record_table().get_gallery_settings(gallery.pk)[schema.CLEAN_FIELD] == []
    LocalWorker().run_pending()
    assert rendition(photos[0], "web") == {}
