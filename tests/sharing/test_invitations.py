"""E-mailing a link to clients, and the reminders that follow."""

import datetime as dt
import socket

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from gallery import services as gallery_services
from sharing import invitations
from sharing.models import Favourite, LinkEmail, ShareLink

from .conftest import api


def _parts(message) -> dict:
    """The MIME parts of a sent message by content type (images by Content-ID)."""
    found = {}
    for part in message.message().walk():
        cid = part.get("Content-ID")
        found[cid or part.get_content_type()] = part
    return found


def test_the_invite_page_offers_the_gallery_s_client_address(signed_in, gallery, link):
    gallery_services.gallery_update(gallery=gallery, client_email="maya@example.com")
    share, _token = link

    page = signed_in.get(reverse("sharing:link_invite", args=[share.pk])).content.decode()

    assert "maya@example.com</textarea>" in page


def test_the_invitation_is_branded_carries_the_cover_and_shows_in_the_activity(
    signed_in, gallery, photos, link, studio_with_logo
):
    share, token = link

    response = signed_in.post(
        reverse("sharing:link_invite", args=[share.pk]),
        {
            "recipients": "maya@example.com, Tom@Example.com",
            "message": "Here they are!\nLove, H.",
        },
    )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["maya@example.com", "tom@example.com"]
    assert message.from_email == "Harbour Light Studio <proofs@localhost>"
    assert message.reply_to == [studio_with_logo.email]
    assert message.subject == "Your photos from Harbour Light Studio: Harbour wedding"
    url = f"http://testserver/p/{token}/"
    assert url in message.body and "Here they are!" in message.body
    parts = _parts(message)
    html = parts["text/html"].get_payload(decode=True).decode()
    assert f'href="{url}"' in html and "Here they are!<br>Love, H." in html
    assert 'src="cid:cover"' in html and 'src="cid:logo"' in html
    assert "background:#8a3b12" in html
    assert parts["<cover>"].get_content_type() == "image/jpeg"
    assert parts["<logo>"].get_payload(decode=True).startswith(b"\x89PNG")
    overview = signed_in.get(reverse("sharing:manage", args=[gallery.pk])).content.decode()
    assert "E-mails sent (1)" in overview
    assert "Invitation to maya@example.com, tom@example.com" in overview
    # The link in the e-mail opens the gallery.
    assert signed_in.get(api(token, "gallery")).status_code == 200


def test_a_wrong_address_is_refused_and_nothing_is_sent(signed_in, link):
    share, _token = link

    response = signed_in.post(
        reverse("sharing:link_invite", args=[share.pk]), {"recipients": "maya@, tom@example.com"}
    )

    assert response.status_code == 400
    assert "“maya@” is not an e-mail address." in response.content.decode()
    assert mail.outbox == [] and not LinkEmail.objects.exists()


def test_a_mail_server_that_refuses_leaves_a_clear_error_and_no_record(signed_in, link, settings):
    with socket.socket() as closed:  # a port nothing listens on: the connection is refused
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    share, _token = link

    response = signed_in.post(
        reverse("sharing:link_invite", args=[share.pk]), {"recipients": "maya@example.com"}
    )

    assert response.status_code == 400
    assert "The e-mail could not be sent" in response.content.decode()
    assert not LinkEmail.objects.exists()


def test_another_photographer_s_link_cannot_be_e_mailed(client, other_photographer, link):
    client.force_login(other_photographer)
    share, _token = link
    url = reverse("sharing:link_invite", args=[share.pk])
    assert client.post(url, {"recipients": "x@example.com"}).status_code == 404
    assert mail.outbox == []


@pytest.fixture
def invited(link, studio):
    share, token = link
    invitations.link_invitation_send(
        link=share,
        recipients=["maya@example.com"],
        days_before_expiry=3,
        days_after_unsent_selection=2,
    )
    mail.outbox.clear()
    return share, token


def test_the_expiry_reminder_goes_once_the_chosen_days_before_the_link_closes(invited, join):
    share, token = invited
    join(token, email="tom@example.com")
    closes = timezone.now() + dt.timedelta(days=10)
    ShareLink.objects.filter(pk=share.pk).update(expires_at=closes)

    assert invitations.link_reminders_send_due(now=closes - dt.timedelta(days=4)) == 0
    assert invitations.link_reminders_send_due(now=closes - dt.timedelta(days=3)) == 1
    assert invitations.link_reminders_send_due(now=closes - dt.timedelta(days=2)) == 0

    (message,) = mail.outbox
    assert message.to == ["maya@example.com", "tom@example.com"]
    assert message.subject.startswith("“Harbour wedding” closes on ")
    kinds = list(share.emails.values_list("kind", flat=True))
    assert kinds == ["expiry_reminder", "invitation"]


def test_the_reminder_names_the_closing_time_in_the_photographer_s_zone(invited, studio):
    share, _token = invited
    account_services.studio_update(owner=studio.owner, time_zone="Asia/Kolkata")
    # 23:00 UTC on 14 January is 04:30 on the 15th in Kolkata (UTC+5:30).
    closes = dt.datetime(2031, 1, 14, 23, 0, tzinfo=dt.UTC)
    ShareLink.objects.filter(pk=share.pk).update(expires_at=closes)

    # Sent by the schedule, outside any request: the zone comes from the studio.
    assert invitations.link_reminders_send_due(now=closes - dt.timedelta(days=3)) == 1

    (message,) = mail.outbox
    assert message.subject == "“Harbour wedding” closes on 15 January"
    assert "until 15 January 2031, 04:30 (Kolkata time)" in message.body
    assert timezone.get_current_timezone_name() == "UTC"


def test_the_gallery_s_expiry_counts_when_it_comes_before_the_link_s(invited, gallery):
    share, _token = invited
    gallery_closes = timezone.now() + dt.timedelta(days=5)
    gallery_services.gallery_update(gallery=gallery, expires_at=gallery_closes)
    ShareLink.objects.filter(pk=share.pk).update(expires_at=gallery_closes + dt.timedelta(days=30))

    assert invitations.link_reminders_send_due(now=gallery_closes - dt.timedelta(days=2)) == 1


def test_a_visitor_who_picked_but_did_not_send_is_reminded_once(invited, photos, join):
    share, token = invited
    ada = join(token, name="Ada", email="ada@example.com")
    ada.post(api(token, "api_favourite", photos[0].pk))
    grace = join(token, name="Grace", email="grace@example.com")
    grace.post(api(token, "api_favourite", photos[1].pk))
    assert grace.post(api(token, "api_submit")).status_code == 200
    join(token, name="Lin", email="lin@example.com")  # no favourites: nothing to remind
    mail.outbox.clear()
    picked = Favourite.objects.get(visitor__email="ada@example.com").created_at

    assert invitations.link_reminders_send_due(now=picked + dt.timedelta(days=1)) == 0
    assert invitations.link_reminders_send_due(now=picked + dt.timedelta(days=2)) == 1
    assert invitations.link_reminders_send_due(now=picked + dt.timedelta(days=9)) == 0

    (message,) = mail.outbox
    assert message.to == ["ada@example.com"]
    assert "Hello Ada" in message.body and f"/p/{token}/" in message.body


def test_no_reminder_for_a_revoked_link_or_without_reminders(invited, link, join, photos):
    share, token = invited
    share.revoked_at = timezone.now()
    share.save()
    ShareLink.objects.filter(pk=share.pk).update(expires_at=timezone.now() + dt.timedelta(days=1))

    assert invitations.link_reminders_send_due() == 0
    assert mail.outbox == []


def test_the_command_the_local_loop_and_the_zappa_event_run_the_same_reminders(invited, join):
    from io import StringIO

    from django.core.management import call_command

    from sharing.reminders import ReminderLoop
    from sharing.tasks import send_due_reminders

    share, token = invited
    ShareLink.objects.filter(pk=share.pk).update(expires_at=timezone.now() + dt.timedelta(days=1))
    out = StringIO()

    call_command("send_reminders", stdout=out)
    assert out.getvalue() == "1 reminders sent.\n"
    assert ReminderLoop().run_pending() == 0  # one run; nothing is sent twice
    assert send_due_reminders({"source": "aws.events"}, None) == 0
    assert len(mail.outbox) == 1
