"""Share links: tokens, the password gate and its throttle, expiry and revocation."""

import datetime as dt
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from gallery import services as gallery_services
from sharing import selectors, services, throttle, tokens
from sharing.models import PasswordAttempt, ShareLink, Visitor

from .conftest import api


def test_a_token_is_unguessable_and_not_stored(gallery, make_link):
    link, token = make_link(gallery)
    other, other_token = make_link(gallery, label="Couple")
    assert len(token) == 27 and token != other_token  # 160 bits, URL-safe base64
    stored = ShareLink.objects.filter(pk=link.pk).values().get()
    assert token not in str(stored)
    assert stored["token_digest"] == tokens.digest(token)
    assert selectors.share_link_for_token(token=token) == link


def test_the_link_still_copies_after_a_key_rotation_with_a_fallback(gallery, make_link, settings):
    link, token = make_link(gallery)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-brand-new-secret-key-for-this-test"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert selectors.share_link_token(link=link) == token
    settings.SECRET_KEY_FALLBACKS = []
    assert selectors.share_link_token(link=link) is None
    services.share_link_reissue(link=link)
    new_token = selectors.share_link_token(link=link)
    assert new_token and new_token != token


def test_an_open_link_without_password_asks_for_a_name_first(client, link):
    _link, token = link
    response = client.get(api(token, "gallery"))
    assert response.status_code == 200
    assert b'name="email"' in response.content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert b'<meta name="robots" content="noindex, nofollow">' in response.content


def test_an_unknown_token_shows_a_friendly_page(client, db):
    response = client.get(reverse("sharing:gallery", args=["A" * 27]))
    assert response.status_code == 404
    assert b"This link does not work" in response.content


def test_a_revoked_link_shows_a_clear_page_and_answers_no_api(client, link, join):
    share, token = link
    browser = join(token)
    services.share_link_revoke(link=share)
    for url in (api(token, "gallery"), api(token, "api_state")):
        response = browser.get(url)
        assert response.status_code == 410
    page = browser.get(api(token, "gallery")).content.decode()
    assert "This link has been switched off" in page
    assert "Traceback" not in page and "Server Error" not in page
    services.share_link_revoke(link=share, revoked=False)
    assert browser.get(api(token, "gallery")).status_code == 200


def test_every_client_route_keeps_the_same_gate_for_a_closed_link(gallery, photos, make_link):
    share, token = make_link(gallery, password="harbour-2024")
    services.share_link_revoke(link=share)
    browser = Client()
    pages = [
        browser.post(api(token, "password"), {"password": "harbour-2024"}),
        browser.post(api(token, "join"), {"name": "Ada", "email": "ada@example.com"}),
        browser.post(api(token, "leave")),
        browser.get(api(token, "download", photos[0].pk)),
    ]
    for response in pages:
        assert response.status_code == 410
        assert "This link has been switched off" in response.content.decode()
        assert response["Cache-Control"] == "private, no-store"
    for response in (
        browser.get(api(token, "api_state")),
        browser.post(api(token, "api_favourite", photos[0].pk)),
    ):
        assert response.status_code == 410
        assert response.json() == {"message": "This link has been switched off.", "status": 410}


def test_an_expired_link_says_when_it_expired(client, gallery, photos, make_link):
    share, token = make_link(gallery, expires_at=timezone.now() + dt.timedelta(hours=1))
    ShareLink.objects.filter(pk=share.pk).update(
        expires_at=timezone.make_aware(dt.datetime(2025, 3, 14, 12, 0))
    )
    response = client.get(api(token, "gallery"))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert "14 March 2025" in response.content.decode()


def test_an_expired_or_archived_gallery_closes_its_links(client, gallery, link):
    _share, token = link
    gallery.expires_at = timezone.now() - dt.timedelta(minutes=1)
    gallery.save()
    response = client.get(api(token, "gallery"))
    assert response.status_code == 410
    assert "This gallery has closed" in response.content.decode()
    gallery.expires_at = None
    gallery.save()
    gallery_services.gallery_archive(gallery=gallery)
    response = client.get(api(token, "gallery"))
    assert response.status_code == 410
    assert "no longer online" in response.content.decode()


def test_a_link_refuses_an_expiry_in_the_past_and_a_short_password(gallery):
    with pytest.raises(ValidationError, match="in the past"):
        services.share_link_create(
            gallery=gallery, label="Late", expires_at=timezone.now() - dt.timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="at least 6"):
        services.share_link_create(gallery=gallery, label="Weak", password="123")
    assert not ShareLink.objects.exists()


def test_a_password_opens_the_link_and_a_new_password_closes_it_again(gallery, photos, make_link):
    share, token = make_link(gallery, password="harbour-2024")
    browser = Client()
    gate = browser.get(api(token, "gallery"))
    assert b'type="password"' in gate.content
    assert browser.get(api(token, "api_state")).status_code == 403
    stored = ShareLink.objects.get(pk=share.pk).password_hash
    assert "harbour-2024" not in stored and stored.startswith("md5$")  # hashed (test hasher)

    response = browser.post(api(token, "password"), {"password": "harbour-2024"})
    assert response.status_code == 302
    assert b'name="email"' in browser.get(api(token, "gallery")).content

    services.share_link_update(link=share, password="lighthouse-99")
    assert b'type="password"' in browser.get(api(token, "gallery")).content


def test_wrong_passwords_are_throttled_per_link_and_address(gallery, photos, make_link):
    share, token = make_link(gallery, password="harbour-2024")
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    messages = []
    for attempt in range(5):
        response = guesser.post(api(token, "password"), {"password": f"guess-{attempt}"})
        messages.append(response.content.decode())
        assert response.status_code == (403 if attempt < 4 else 429)
    assert "4 more tries" in messages[0]
    assert "last try" in messages[4]

    # Throttled now: even the right password is not checked, and the page says until when.
    response = guesser.post(api(token, "password"), {"password": "harbour-2024"})
    assert response.status_code == 429
    assert "Retry-After" in response
    page = response.content.decode()
    assert "paused here for 15 minutes" in page and "UTC" in page
    assert guesser.get(api(token, "api_state")).status_code == 403

    # Another address is not affected; the count lives in the database, per address.
    neighbour = Client(REMOTE_ADDR="198.51.100.20")
    assert neighbour.post(api(token, "password"), {"password": "harbour-2024"}).status_code == 302
    assert PasswordAttempt.objects.filter(link=share, succeeded=False).count() == 5
    assert "203.0.113.7" not in str(list(PasswordAttempt.objects.values()))

    # Fifteen minutes later the address may try again.
    PasswordAttempt.objects.update(created_at=timezone.now() - dt.timedelta(minutes=16))
    assert guesser.post(api(token, "password"), {"password": "harbour-2024"}).status_code == 302


def test_thirty_wrong_passwords_from_six_addresses_do_not_keep_the_client_out(
    gallery, photos, make_link, mailoutbox
):
    """Issue 15, must-show 2: the link-wide defence slows guessing down and tells the
    photographer; it never refuses the right password from an address that has not failed."""
    share, token = make_link(gallery, password="harbour-2024")
    attackers = [Client(REMOTE_ADDR=f"203.0.113.{n}") for n in range(1, 7)]
    answers = [
        attacker.post(api(token, "password"), {"password": f"guess-{n}-{i}"}).status_code
        for n, attacker in enumerate(attackers)
        for i in range(throttle.FAILURES_PER_ADDRESS)
    ]
    assert len(answers) == 30 and answers.count(429) == 6  # each address's 5th is its last
    assert PasswordAttempt.objects.filter(link=share, succeeded=False).count() == 30
    [alarm] = mailoutbox
    assert "Many wrong passwords" in alarm.subject and f"/links/{share.pk}/edit/" in alarm.body

    client = Client(REMOTE_ADDR="198.51.100.7")  # a 7th address, the real client
    assert client.post(api(token, "password"), {"password": "harbour-2024"}).status_code == 302
    assert b'name="email"' in client.get(api(token, "gallery")).content

    # Under attack each new address is heard once per window, not five times, and is told
    # when to come back by the same rule as everyone: its oldest counted failure + 15 min.
    newcomer = Client(REMOTE_ADDR="192.0.2.1")
    before = timezone.now()
    refused = newcomer.post(api(token, "password"), {"password": "guess-again"})
    assert refused.status_code == 429
    retry_at = parsedate_to_datetime(refused["Retry-After"])
    [failure] = PasswordAttempt.objects.filter(link=share, succeeded=False, created_at__gt=before)
    assert abs(retry_at - (failure.created_at + throttle.WINDOW)) < dt.timedelta(seconds=1)
    again = newcomer.post(api(token, "password"), {"password": "harbour-2024"})
    assert again.status_code == 429 and again["Retry-After"] == refused["Retry-After"]
    assert len(mailoutbox) == 1  # told once, not on every guess


def test_the_photographer_sees_activity_per_link(signed_in, gallery, photos, make_link, join):
    share, token = make_link(gallery, password="harbour-2024")
    Client().post(api(token, "password"), {"password": "nope-nope"})
    browser = join(token, password="harbour-2024")
    browser.get(api(token, "gallery"))
    browser.post(api(token, "api_favourite", photos[0].pk))
    browser.post(api(token, "api_comment", photos[0].pk), {"body": "Lovely"}, "application/json")
    activity = selectors.link_activity(links=[share])[share.pk]
    assert (activity.views, activity.visitors, activity.favourites) == (1, 1, 1)
    assert (activity.comments, activity.failed_passwords, activity.downloads) == (1, 1, 0)
    page = signed_in.get(reverse("sharing:manage", args=[gallery.pk])).content.decode()
    assert f"/p/{token}/" in page
    assert "Wrong passwords" in page


def test_the_client_pages_give_times_in_the_photographer_s_zone(gallery, photos, make_link):
    account_services.studio_time_zone_learn(owner=gallery.owner, time_zone="America/New_York")
    share, token = make_link(gallery, password="harbour-2024")
    guesser = Client(REMOTE_ADDR="203.0.113.8")
    for attempt in range(5):
        response = guesser.post(api(token, "password"), {"password": f"guess-{attempt}"})
    assert response.status_code == 429
    retry_at = parsedate_to_datetime(response["Retry-After"])
    until = timezone.localtime(retry_at, ZoneInfo("America/New_York"))
    assert f"(until {until:%H:%M} New York time)" in response.content.decode()

    # 03:30 UTC on 2 March 2026 was still 1 March in New York (EST, UTC-5).
    expired = dt.datetime(2026, 3, 2, 3, 30, tzinfo=dt.UTC)
    ShareLink.objects.filter(pk=share.pk).update(expires_at=expired)
    page = Client().get(api(token, "gallery")).content.decode()
    assert "valid until 1 March 2026" in page


def test_last_seen_is_kept_to_the_minute_not_written_on_every_page_load(link, join):
    _link, token = link
    browser = join(token)
    visitor = Visitor.objects.get()
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    Visitor.objects.filter(pk=visitor.pk).update(last_seen_at=an_hour_ago)

    assert browser.get(reverse("sharing:gallery", args=[token])).status_code == 200
    seen = Visitor.objects.get().last_seen_at
    assert seen > an_hour_ago + dt.timedelta(minutes=59)

    assert browser.get(reverse("sharing:gallery", args=[token])).status_code == 200
    assert Visitor.objects.get().last_seen_at == seen  # a minute has not passed
