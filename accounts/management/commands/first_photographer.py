"""Makes sure a newcomer can sign in: creates the first photographer account if none exists."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the first photographer account (once) and say how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="photographer")
        parser.add_argument("--password", help="Default: a random one, printed once.")

    def handle(self, *args, username, password, **options):
        users = get_user_model().objects
        credentials = settings.PROOFSHEET_DATA_DIR / "first-login.txt"
        if users.exists():
            if credentials.exists():
                self.stdout.write(credentials.read_text())
            else:
                self.stdout.write("Sign in at http://127.0.0.1:8000/ with your account.")
            return
        password = password or secrets.token_urlsafe(12)
        users.create_superuser(username=username, email="", password=password)
        shown = credentials
        if credentials.is_relative_to(settings.BASE_DIR):
            shown = credentials.relative_to(settings.BASE_DIR)
        message = (
            "Proofsheet is ready at http://127.0.0.1:8000/\n"
            f"  Sign in as:  {username}\n"
            f"  Password:    {password}\n"
            f"  (Change it under Settings. This note is kept in {shown} until you delete it.)\n"
        )
        credentials.write_text(message)
        credentials.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(message))
