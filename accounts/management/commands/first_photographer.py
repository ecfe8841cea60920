"""Makes sure a newcomer can sign in: creates the first photographer account if none exists,
with a studio whose e-mail notifications can reach (the newcomer changes it in Settings)."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts import selectors, services

# Local mode prints e-mails on the console, so this address works until it is changed.
DEFAULT_EMAIL = "photographer@localhost"


class Command(BaseCommand):
    help = "Create the first photographer account (once) and say how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="photographer")
        parser.add_argument("--password", help="Default: a random one, printed once.")
        parser.add_argument(
            "--email", default=DEFAULT_EMAIL, help="Where notifications go (Settings → Studio)."
        )

    def handle(self, *args, username, password, email, **options):
        users = get_user_model().objects
        credentials = settings.PROOFSHEET_DATA_DIR / "first-login.txt"
        if users.exists():
            self._give_studio(users.order_by("pk").first(), email)
            if credentials.exists():
                self.stdout.write(credentials.read_text())
            else:
                self.stdout.write("Sign in at http://127.0.0.1:8000/ with your account.")
            return
        password = password or secrets.token_urlsafe(12)
        user = users.create_superuser(username=username, email=email, password=password)
        self._give_studio(user, email)
        shown = credentials
        if credentials.is_relative_to(settings.BASE_DIR):
            shown = credentials.relative_to(settings.BASE_DIR)
        message = (
            "Proofsheet is ready at http://127.0.0.1:8000/\n"
            f"  Sign in as:  {username}\n"
            f"  Password:    {password}\n"
            f"  Notifications go to {email} (printed here in local mode); set your studio's\n"
            "  name, logo and e-mail under Settings → Studio.\n"
            f"  (Change the password under Settings. This note is kept in {shown} until you "
            "delete it.)\n"
        )
        credentials.write_text(message)
        credentials.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(message))

    def _give_studio(self, user, email: str) -> None:
        """The first account gets a studio once; accounts made before studios existed had
        no e-mail, so the "selection sent" e-mail was never sent."""
        studio = selectors.studio_for(owner=user)
        if studio.pk is not None:
            return
        if not user.email:
            user.email = email
            user.save(update_fields=["email"])
        services.studio_update(owner=user, name=studio.name, email=user.email)
