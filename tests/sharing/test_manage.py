"""The photographer's sharing pages: links, selections and their exports, release."""

import csv
import io

from django.urls import reverse

from gallery.models import Gallery
from sharing import reports, selectors
from sharing.models import ShareLink, Visitor

from .conftest import api


def test_create_edit_and_revoke_a_link_from_the_page(signed_in, gallery, photos):
    overview = reverse("sharing:manage", args=[gallery.pk])
    response = signed_in.post(
        overview,
        {
            "label": "Family",
            "password": "harbour-2024",
            "allow_favourites": "on",
            "allow_downloads": "on",
        },
    )
    assert response.status_code == 302
    link = ShareLink.objects.get(gallery=gallery)
    assert (link.label, link.has_password, link.allow_comments) == ("Family", True, False)
    page = signed_in.get(overview).content.decode()
    assert f"/p/{selectors.share_link_token(link=link)}/" in page
    assert "Copy link" in page

    edit = reverse("sharing:link_edit", args=[link.pk])
    signed_in.post(edit, {"label": "Whole family", "remove_password": "on", "allow_comments": "on"})
    link.refresh_from_db()
    assert (link.label, link.has_password, link.allow_comments) == ("Whole family", False, True)
    assert not link.allow_favourites

    signed_in.post(reverse("sharing:link_revoke", args=[link.pk]))
    link.refresh_from_db()
    assert link.is_revoked
    assert "Switched off" in signed_in.get(overview).content.decode()


def test_the_page_explains_a_refused_link(signed_in, gallery):
    response = signed_in.post(
        reverse("sharing:manage", args=[gallery.pk]), {"label": "Weak", "password": "123"}
    )
    assert response.status_code == 200
    assert "at least 6 characters" in response.content.decode()
    assert not ShareLink.objects.exists()


def test_another_photographers_sharing_pages_answer_404(signed_in, other_gallery, make_link, join):
    link, token = make_link(other_gallery)
    join(token)
    visitor = Visitor.objects.get()
    for url in (
        reverse("sharing:manage", args=[other_gallery.pk]),
        reverse("sharing:selections", args=[other_gallery.pk]),
        reverse("sharing:selections_csv", args=[other_gallery.pk]),
        reverse("sharing:link_edit", args=[link.pk]),
    ):
        assert signed_in.get(url).status_code == 404, url
    for url in (
        reverse("sharing:link_revoke", args=[link.pk]),
        reverse("sharing:link_reissue", args=[link.pk]),
        reverse("sharing:release", args=[other_gallery.pk]),
        reverse("sharing:selection_unlock", args=[visitor.pk]),
    ):
        assert signed_in.post(url, {"scope": "all"}).status_code == 404, url
    link.refresh_from_db()
    assert not link.is_revoked


def test_signed_out_visitors_are_sent_to_sign_in(client, gallery):
    response = client.get(reverse("sharing:manage", args=[gallery.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_selections_show_each_client_with_lightroom_names_csv_and_unlock(
    signed_in, gallery, link, photos, join
):
    _share, token = link
    ada = join(token, name="Ada", email="ada@example.com")
    for photo in photos[:2]:
        ada.post(api(token, "api_favourite", photo.pk))
    ada.post(
        api(token, "api_comment", photos[2].pk), {"body": "=cmd|' /C calc'!A0"}, "application/json"
    )
    ada.post(api(token, "api_submit"))
    grace = join(token, name="Grace", email="grace@example.com")
    grace.post(api(token, "api_favourite", photos[2].pk))

    detail = signed_in.get(reverse("gallery:detail", args=[gallery.pk])).content.decode()
    assert "1 new" in detail
    page = signed_in.get(reverse("sharing:selections", args=[gallery.pk])).content.decode()
    stems = ", ".join(p.filename.rsplit(".", 1)[0] for p in photos[:2])
    assert stems in page and "Grace" in page and "In progress" in page
    assert (
        "1 new" not in signed_in.get(reverse("gallery:detail", args=[gallery.pk])).content.decode()
    )

    response = signed_in.get(reverse("sharing:selections_csv", args=[gallery.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == ["link", "name", "email", "status", "submitted_at", "filename"]
    ada_rows = [row for row in rows[1:] if row[1] == "Ada"]
    assert [row[5] for row in ada_rows] == [p.filename for p in photos]
    assert [row[6] for row in ada_rows] == ["yes", "yes", "no"]
    assert ada_rows[2][7] == "'=cmd|' /C calc'!A0"  # no formula for a spreadsheet to run
    assert [row[5] for row in rows[1:] if row[1] == "Grace"] == [photos[2].filename]

    visitor = Visitor.objects.get(email="ada@example.com")
    single = selectors.visitor_selection(visitor=visitor)
    assert single.favourites == list(photos[:2]) and len(single.comments) == 1
    assert reports.selection_lightroom(single) == stems
    signed_in.post(reverse("sharing:selection_unlock", args=[visitor.pk]))
    visitor.refresh_from_db()
    assert not visitor.is_locked
    assert ada.delete(api(token, "api_favourite", photos[0].pk)).status_code == 200


def test_release_from_the_page(signed_in, gallery, link, photos, join):
    url = reverse("sharing:release", args=[gallery.pk])
    response = signed_in.post(url, {"scope": "all"}, follow=True)
    assert "Originals after release" in response.content.decode()
    gallery.refresh_from_db()
    assert gallery.release == Gallery.Release.NONE

    gallery.download_policy = Gallery.DownloadPolicy.ORIGINALS
    gallery.save()
    response = signed_in.post(url, {"scope": "all"}, follow=True)
    assert "whole gallery are released" in response.content.decode()
    gallery.refresh_from_db()
    assert gallery.release == Gallery.Release.ALL and gallery.released_at is not None


def test_reissue_gives_a_new_address_and_the_old_one_stops(signed_in, gallery, link):
    share, token = link
    signed_in.post(reverse("sharing:link_reissue", args=[share.pk]))
    new_token = selectors.share_link_token(link=ShareLink.objects.get(pk=share.pk))
    assert new_token != token
    assert signed_in.get(api(token, "gallery")).status_code == 404
    assert signed_in.get(api(new_token, "gallery")).status_code == 200
