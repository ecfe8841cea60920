import datetime as dt

import pytest
from django.urls import reverse

from accounts import services as account_services
from accounts import timezones
from gallery.forms import GalleryForm
from gallery.models import Gallery

UTC = dt.UTC


def _expiry(typed: str):
    form = GalleryForm(data={"title": "Harbour wedding", "expires_at": typed})
    form.is_valid()
    return form.cleaned_data.get("expires_at"), form.errors.get("expires_at")


@pytest.mark.parametrize(
    ("zone", "typed", "stored"),
    [
        # New York moves from EST (UTC-5) to EDT (UTC-4) at 2:00 on 9 March 2031: the same
        # noon is a different instant a day apart.
        ("America/New_York", "2031-03-08T12:00", dt.datetime(2031, 3, 8, 17, 0, tzinfo=UTC)),
        ("America/New_York", "2031-03-10T12:00", dt.datetime(2031, 3, 10, 16, 0, tzinfo=UTC)),
        ("Asia/Kolkata", "2031-01-15T22:30", dt.datetime(2031, 1, 15, 17, 0, tzinfo=UTC)),
        ("UTC", "2031-01-15T17:00", dt.datetime(2031, 1, 15, 17, 0, tzinfo=UTC)),
    ],
)
def test_a_typed_expiry_is_read_in_the_photographer_s_zone(zone, typed, stored):
    with timezones.override(zone):
        value, errors = _expiry(typed)
    assert errors is None
    assert value == stored


@pytest.mark.parametrize(
    "typed",
    [
        "2031-03-09T02:30",  # skipped: clocks go from 2:00 to 3:00
        "2031-11-02T01:30",  # twice: clocks go back from 2:00 to 1:00
    ],
)
def test_a_time_the_dst_change_skips_or_repeats_is_refused_not_guessed(typed):
    with timezones.override("America/New_York"):
        value, errors = _expiry(typed)
    assert value is None
    assert "America/New_York" in errors[0] and "ambiguous" in errors[0]


def test_the_expiry_field_names_the_zone_and_where_to_change_it():
    with timezones.override("Asia/Kolkata"):
        field = GalleryForm()["expires_at"]
    assert field.label == "Expires at (Asia/Kolkata)"
    assert "change your time zone in Settings → Studio" in field.help_text


def test_the_gallery_page_stores_the_expiry_typed_in_the_photographer_s_zone(
    signed_in, photographer
):
    account_services.studio_time_zone_learn(owner=photographer, time_zone="America/New_York")
    signed_in.post(
        reverse("gallery:create"),
        {
            "title": "Lighthouse elopement",
            "watermark_opacity": 0.3,
            "download_policy": "proofs",
            "ordering": "manual",
            "expires_at": "2031-07-04T09:00",
        },
    )

    gallery = Gallery.objects.get(owner=photographer)
    assert gallery.expires_at == dt.datetime(2031, 7, 4, 13, 0, tzinfo=UTC)  # EDT, UTC-4
