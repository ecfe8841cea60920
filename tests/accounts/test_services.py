import pytest
from django.core.exceptions import ValidationError

from accounts import selectors, services
from accounts.models import Studio


def test_a_photographer_without_a_studio_is_shown_under_their_account_name(photographer):
    studio = selectors.studio_for(owner=photographer)

    assert studio.pk is None
    assert studio.name == photographer.username
    assert studio.email == photographer.email


def test_studio_update_creates_then_changes_the_one_studio(photographer):
    services.studio_update(owner=photographer, name="Harbour Light", email="hi@harbour.example")
    services.studio_update(owner=photographer, name="Harbour Light", accent_colour="#AB12CD")

    studio = Studio.objects.get(owner=photographer)
    assert (studio.name, studio.email, studio.accent_colour) == (
        "Harbour Light",
        "hi@harbour.example",
        "#ab12cd",
    )


@pytest.mark.parametrize(
    "change",
    [
        {"accent_colour": "red"},
        {"accent_colour": "#12345"},
        {"accent_colour": "#123456; } body { display: none"},
        {"email": ""},
        {"website": "javascript:alert(1)"},
    ],
)
def test_studio_update_refuses_bad_values_and_keeps_the_studio(studio, change):
    with pytest.raises(ValidationError) as error:
        services.studio_update(owner=studio.owner, **change)

    assert set(change) <= set(error.value.message_dict)
    studio.refresh_from_db()
    assert studio.accent_colour == "#8a3b12" and studio.email.startswith("hello@")


def test_notifications_go_to_the_studio_address_else_the_account_address(photographer):
    assert selectors.studio_notification_email(owner=photographer) == photographer.email
    services.studio_update(owner=photographer, name="Harbour Light", email="hi@harbour.example")

    assert selectors.studio_notification_email(owner=photographer) == "hi@harbour.example"


def test_the_site_studio_is_the_only_photographer_s_and_none_when_several_share_the_site(
    photographer, django_user_model
):
    services.studio_update(owner=photographer, name="Harbour Light", email="hi@harbour.example")
    assert selectors.studio_of_site().name == "Harbour Light"

    django_user_model.objects.create_user("second", email="s@example.com")
    assert selectors.studio_of_site() is None


def test_the_browser_s_zone_makes_a_studio_for_a_photographer_without_one(photographer):
    services.studio_time_zone_learn(owner=photographer, time_zone="Asia/Kolkata")

    studio = Studio.objects.get(owner=photographer)
    assert (studio.time_zone, studio.name, studio.email) == (
        "Asia/Kolkata",
        photographer.username,
        photographer.email,
    )
    assert selectors.time_zone_for(owner=photographer) == "Asia/Kolkata"


def test_the_browser_never_overwrites_a_zone_already_set(studio):
    services.studio_update(owner=studio.owner, time_zone="Europe/Lisbon")

    services.studio_time_zone_learn(owner=studio.owner, time_zone="America/New_York")

    studio.refresh_from_db()
    assert studio.time_zone == "Europe/Lisbon"
    assert studio.name == "Harbour Light Studio"  # the rest untouched


def test_a_zone_that_does_not_exist_is_refused_and_nothing_saved(photographer, studio):
    with pytest.raises(ValidationError) as error:
        services.studio_time_zone_learn(owner=photographer, time_zone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError):
        services.studio_update(owner=photographer, time_zone="Mars/Olympus_Mons")

    assert "time_zone" in error.value.message_dict
    studio.refresh_from_db()
    assert studio.time_zone == ""
