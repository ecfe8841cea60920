import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import timezones


@pytest.mark.parametrize("name", ["America/New_York", "Asia/Kolkata", "UTC", ""])
def test_iana_names_and_none_are_accepted(name):
    timezones.validate_time_zone(name)


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "EST5EDT; drop", "Factory", "localtime"])
def test_anything_else_is_refused_with_an_example(name):
    with pytest.raises(ValidationError, match="Europe/London"):
        timezones.validate_time_zone(name)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("America/New_York", "New York time"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires time"),
        ("UTC", "UTC"),
    ],
)
def test_a_zone_is_named_as_people_name_it(name, label):
    assert timezones.zone_label(name) == label


def test_override_sets_the_zone_inside_the_block_only():
    with timezones.override("Asia/Kolkata"):
        assert timezone.get_current_timezone_name() == "Asia/Kolkata"
        assert timezones.current_zone_label() == "Kolkata time"
    assert timezone.get_current_timezone_name() == "UTC"
