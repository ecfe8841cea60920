import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from accounts import services
from gallery import services as gallery_services

# 17:00 UTC in January: noon in New York (EST, UTC-5), 22:30 in Kolkata (UTC+5:30).
EXPIRY = dt.datetime(2031, 1, 15, 17, 0, tzinfo=dt.UTC)


def _expiry_shown(client, gallery) -> str:
    page = client.get(reverse("gallery:edit", args=[gallery.pk])).content.decode()
    return re.search(r'name="expires_at" value="([^"]*)"', page).group(1)


def test_pages_show_times_in_the_signed_in_photographer_s_zone(signed_in, photographer, gallery):
    gallery_services.gallery_update(gallery=gallery, expires_at=EXPIRY)
    assert _expiry_shown(signed_in, gallery) == "2031-01-15T17:00"  # no zone yet: UTC

    services.studio_time_zone_learn(owner=photographer, time_zone="America/New_York")
    assert _expiry_shown(signed_in, gallery) == "2031-01-15T12:00"

    services.studio_update(owner=photographer, time_zone="Asia/Kolkata")
    assert _expiry_shown(signed_in, gallery) == "2031-01-15T22:30"
    # The zone is the request's only: the thread is back in the site's zone after it.
    assert timezone.get_current_timezone_name() == "UTC"


def test_the_page_asks_the_browser_only_while_the_photographer_has_no_zone(
    client, signed_in, photographer
):
    def asks() -> bool:
        return 'id="time-zone-learn"' in client.get(reverse("gallery:list")).content.decode()

    assert asks()
    services.studio_time_zone_learn(owner=photographer, time_zone="Europe/Paris")
    assert not asks()
    client.logout()
    assert 'id="time-zone-learn"' not in client.get(reverse("login")).content.decode()


def test_the_api_answers_in_utc_whatever_the_photographer_s_zone(signed_in, photographer, gallery):
    gallery_services.gallery_update(gallery=gallery, expires_at=EXPIRY)
    services.studio_time_zone_learn(owner=photographer, time_zone="Asia/Kolkata")

    body = signed_in.get(f"/api/galleries/{gallery.pk}/").json()

    assert body["expires_at"] == "2031-01-15T17:00:00Z"


def test_api_requests_do_not_look_up_the_studio(
    signed_in, photographer, gallery, django_assert_max_num_queries
):
    services.studio_time_zone_learn(owner=photographer, time_zone="Asia/Kolkata")
    with django_assert_max_num_queries(20) as api:
        signed_in.get(f"/api/galleries/{gallery.pk}/")
    with django_assert_max_num_queries(20) as page:
        signed_in.get(reverse("gallery:edit", args=[gallery.pk]))

    assert not any("accounts_studio" in query["sql"] for query in api.captured_queries)
    assert any("accounts_studio" in query["sql"] for query in page.captured_queries)
