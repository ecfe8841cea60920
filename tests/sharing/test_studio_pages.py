"""The photographer's studio on every client page: logo or name, hero, accent, contact."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gallery import services as gallery_services
from sharing import services
from sharing.models import ShareLink

from .conftest import api


def _names_the_studio_and_its_contact(page: str) -> None:
    assert "Ask <strong>Harbour Light Studio</strong>" in page
    assert re.search(r'href="mailto:hello@photographer\d+\.example"', page)
    assert 'href="tel:+442079460001"' in page
    assert 'href="https://harbourlight.example/"' in page


@pytest.fixture
def closed_link(gallery, photos, make_link, studio):
    return make_link(gallery)


def test_the_expired_link_page_names_the_studio_and_its_contact(client, gallery, closed_link):
    share, token = closed_link
    ShareLink.objects.filter(pk=share.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))

    response = client.get(api(token, "gallery"))

    assert response.status_code == 410
    page = response.content.decode()
    assert "This link has expired" in page
    _names_the_studio_and_its_contact(page)


def test_the_closed_gallery_page_names_the_studio_and_its_contact(client, gallery, closed_link):
    _share, token = closed_link
    gallery.expires_at = timezone.now() - dt.timedelta(minutes=1)
    gallery.save()

    page = client.get(api(token, "gallery")).content.decode()

    assert "This gallery has closed" in page
    _names_the_studio_and_its_contact(page)


def test_the_revoked_link_page_names_the_studio_and_its_contact(client, closed_link):
    share, token = closed_link
    services.share_link_revoke(link=share)

    response = client.get(api(token, "gallery"))

    assert response.status_code == 410
    page = response.content.decode()
    assert "This link has been switched off" in page
    _names_the_studio_and_its_contact(page)
    assert share.gallery.title not in page  # who to ask, not what the link showed


def test_the_unknown_link_page_names_the_site_studio_and_its_contact(client, studio):
    response = client.get(reverse("sharing:gallery", args=["A" * 27]))

    assert response.status_code == 404
    page = response.content.decode()
    assert "This link does not work" in page
    _names_the_studio_and_its_contact(page)


def test_an_unknown_link_on_a_shared_site_names_no_one(client, studio, other_photographer):
    gallery_services.gallery_create(owner=other_photographer, title="Theirs")

    page = client.get(reverse("sharing:gallery", args=["A" * 27])).content.decode()

    assert "Harbour Light Studio" not in page
    assert "Ask the photographer who sent you the link" in page


def test_the_gallery_page_carries_the_logo_the_hero_the_accent_and_the_contact(
    gallery, photos, link, join, studio_with_logo
):
    gallery_services.gallery_set_cover(gallery=gallery, photo=photos[1])
    _share, token = link
    browser = join(token)

    response = browser.get(api(token, "gallery"))

    page = response.content.decode()
    logo = re.search(r'<img class="studio-logo" src="([^"]+)" alt="Harbour Light Studio"', page)
    assert logo and browser.get(logo.group(1).replace("&amp;", "&")).status_code == 200
    hero = re.search(r'<section class="hero has-cover".*?</section>', page, re.S).group(0)
    assert f"renditions/{gallery.pk}/{photos[1].pk}/proof" in hero
    assert '<h1 id="hero-title">Harbour wedding</h1>' in hero
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">:root {{ --accent: #8a3b12; --accent-ink: #ffffff; }}' in page
    assert " style=" not in page  # the policy refuses style attributes
    footer = re.search(r'<footer class="studio-footer">.*?</footer>', page, re.S).group(0)
    assert "Harbour Light Studio" in footer and 'href="tel:+442079460001"' in footer


def test_without_a_studio_the_pages_show_the_account_name_and_no_logo(
    client, gallery, link, join, photographer
):
    _share, token = link

    page = join(token).get(api(token, "gallery")).content.decode()

    assert f'<span class="studio-name">{photographer.username}</span>' in page
    assert "studio-logo" not in page
    assert "--accent: #2f5d50" in page


def test_the_gate_pages_show_the_studio_too(gallery, photos, make_link, studio):
    _share, token = make_link(gallery, password="harbour-2024")
    browser = Client()

    page = browser.get(api(token, "gallery")).content.decode()
    assert '<span class="studio-name">Harbour Light Studio</span>' in page
    browser.post(api(token, "password"), {"password": "harbour-2024"})
    page = browser.get(api(token, "gallery")).content.decode()
    assert "Tell us who you are" in page and 'class="studio-footer"' in page


def test_a_sent_selection_is_e_mailed_to_the_studio(gallery, photos, link, join, studio):
    _share, token = link
    ada = join(token)
    ada.post(api(token, "api_favourite", photos[0].pk))

    assert ada.post(api(token, "api_submit")).status_code == 200

    assert [message.to for message in mail.outbox] == [[studio.email]]
