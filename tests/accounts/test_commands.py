from io import StringIO

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command


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
