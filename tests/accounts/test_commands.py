from io import StringIO

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from accounts import services


def test_first_photographer_creates_one_account_and_says_how_to_sign_in(db, settings):
    out = StringIO()
    call_command("first_photographer", stdout=out)
    assert "Sign in as:  photographer" in out.getvalue()
    note = settings.PROOFSHEET_DATA_DIR / "first-login.txt"
    password = next(line for line in note.read_text().splitlines() if "Password:" in line)

    assert authenticate(username="photographer", password=password.split()[-1]) is not None
    call_command("first_photographer", stdout=StringIO())

    assert get_user_model().objects.count() == 1
    note.unlink()


def test_the_first_account_gets_a_studio_whose_address_notifications_reach(db, settings):
    call_command("first_photographer", stdout=StringIO())

    user = get_user_model().objects.get()
    assert user.studio.email == user.email == "photographer@localhost"
    (settings.PROOFSHEET_DATA_DIR / "first-login.txt").unlink()


def test_an_existing_first_account_without_an_e_mail_gets_a_studio_once(db):
    user = get_user_model().objects.create_superuser("photographer", email="", password="x")

    call_command("first_photographer", stdout=StringIO())
    services.studio_update(owner=user, email="me@studio.example")
    call_command("first_photographer", stdout=StringIO())

    user.refresh_from_db()
    assert user.email == "photographer@localhost"
    assert user.studio.email == "me@studio.example"
