import datetime as dt
import re

from django.urls import reverse

from accounts import services as account_services
from sharing.models import ShareLink


def test_a_link_s_expiry_is_named_and_read_in_the_photographer_s_zone(
    signed_in, photographer, gallery
):
    account_services.studio_time_zone_learn(owner=photographer, time_zone="Asia/Kolkata")
    url = reverse("sharing:manage", args=[gallery.pk])
    page = signed_in.get(url).content.decode()
    label = re.search(r'<label for="id_expires_at">(.*?)</label>', page)
    assert label.group(1) == "Expires (Asia/Kolkata)"

    signed_in.post(url, {"label": "Couple", "expires_at": "2031-01-15T22:30"})

    link = ShareLink.objects.get(gallery=gallery, label="Couple")
    assert link.expires_at == dt.datetime(2031, 1, 15, 17, 0, tzinfo=dt.UTC)
    page = signed_in.get(url).content.decode()
    assert "Expires 15 Jan 2031, 22:30 IST" in page
