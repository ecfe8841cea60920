"""What the client is shown: the client page's state (the shape `client.js` reads) and the
closed-link page's words."""

import datetime as dt

from django.urls import reverse

from gallery import services as gallery_services
from gallery.models import Gallery
from gallery.selectors import PhotoView
from sharing import presenters, selectors, services, tiles
from sharing.selectors import ClientGallery, VisitorState

PHOTO_KEYS = {
    "id",
    "filename",
    "width",
    "height",
    "ratio",
    "thumb",
    "proof",
    "placeholder",
    "favourite",
    "marks",
    "comments",
    "download",
    "srcset",
    "srcset_type",
    "sizes",
    "clean",
    "download_web",
    "set",
}


def _state(link, visitor, token):
    page = selectors.client_gallery(link=link, visitor=visitor)
    return presenters.client_state(page=page, token=token)


def test_the_state_holds_the_visitors_marks_and_their_download_routes(gallery, photos, link):
    share, token = link
    gallery_services.gallery_update(gallery=gallery, download_policy=Gallery.DownloadPolicy.PROOFS)
    gallery_services.photo_set_hidden(photo=photos[2], hidden=True)
    share.refresh_from_db()
    visitor = services.visitor_join(link=share, name="Ada", email="ada@example.com")
    services.favourite_set(visitor=visitor, photo=photos[0], favourite=True)
    comment = services.comment_create(visitor=visitor, photo=photos[1], body="Warmer, please")

    state = _state(share, visitor, token)

    assert set(state) == {
        "gallery",
        "link",
        "visitor",
        "download_all",
        "download_all_web",
        "photos",
        "unsigned",
        "sets",
    }
    marks_shown = state["gallery"].pop("marks")
    assert state["gallery"] == {"title": gallery.title, "min": None, "max": None}
    # Favourites only, the default; the legend lists Lightroom's five colours.
    assert (marks_shown["labels"], marks_shown["stars"], marks_shown["reject"]) == (False,) * 3
    assert [item["label"] for item in marks_shown["legend"]] == [
        "red",
        "yellow",
        "green",
        "blue",
        "purple",
    ]
    assert state["link"] == {"favourites": True, "comments": True, "downloads": "proofs"}
    assert state["visitor"] == {
        "name": "Ada",
        "locked": False,
        "submitted_at": None,
        "favourites": 1,
    }
    assert state["download_all"] == reverse("sharing:download_all", args=[token])
    first, second = state["photos"]  # the hidden photo is left out
    assert set(first) == set(second) == PHOTO_KEYS
    assert [first["id"], second["id"]] == [photos[0].pk, photos[1].pk]
    assert (first["favourite"], second["favourite"]) == (True, False)
    assert first["comments"] == []
    assert second["comments"] == [
        {
            "id": comment.pk,
            "body": "Warmer, please",
            "created_at": comment.created_at.isoformat(),
            "reply": "",
            "replied_at": None,
        }
    ]
    assert first["marks"] == {"label": "", "stars": 0, "rejected": False}
    assert first["download"] == reverse("sharing:download", args=[token, photos[0].pk])
    assert first["thumb"] and first["proof"] and first["placeholder"]
    assert first["ratio"] == round(first["width"] / first["height"], 4)
    assert first["width"] > first["height"]  # the samples are landscapes
    # the grid's srcset: three widths of WebP, the tile's sizes from its ratio
    assert first["srcset_type"] == "image/webp"
    assert [part.rsplit(" ", 1)[1] for part in first["srcset"].split(", ")] == [
        "400w",
        "800w",
        "1200w",
    ]
    assert first["sizes"] == tiles.tile_sizes(first["ratio"])
    # proofs only: no clean images, no web-size downloads
    assert not first["clean"] and first["download_web"] is None
    assert state["download_all_web"] is None


def test_without_downloads_or_a_visitor_the_state_says_so(photos, link):
    share, token = link  # the gallery's default policy: no downloads
    state = _state(share, None, token)
    assert state["visitor"] is None
    assert state["link"]["downloads"] == "none"
    assert state["download_all"] is None
    assert [p["download"] for p in state["photos"]] == [None, None, None]
    assert not any(p["favourite"] for p in state["photos"])


def test_a_record_without_the_proofs_size_is_laid_out_as_three_by_two(photos, link):
    share, token = link
    view = PhotoView(photo=photos[0], record={"status": "processed", "renditions": {}})
    page = ClientGallery(
        link=share,
        visitor=None,
        photos=[view],
        marks=VisitorState(),
        download_mode="none",
        downloadable_ids=set(),
    )
    (photo,) = presenters.client_state(page=page, token=token)["photos"]
    assert (photo["width"], photo["height"], photo["ratio"]) == (1500, 1000, 1.5)
    assert (photo["thumb"], photo["proof"]) == ("", "")


def test_the_closed_page_names_the_date_in_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    late_evening = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # 2 March in Berlin
    page = presenters.closed_page(reason="expired", date=late_evening)
    assert page == {
        "title": "This link has expired",
        "text": "The link was valid until 2 March 2026. "
        "Ask your photographer if you need more time.",
    }
    assert presenters.closed_page(reason="unknown", date=None)["title"] == (
        "This link does not work"
    )
    assert presenters.closed_error(reason="revoked") == "This link has been switched off."
