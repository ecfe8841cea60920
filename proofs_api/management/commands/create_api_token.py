"""Creates an API token for a photographer and prints its key (once), for scripts."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from proofs_api import services


class Command(BaseCommand):
    help = "Create an API token for USERNAME named NAME; prints the key, which is shown only once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="What will use the token, e.g. 'Studio CRM'.")

    def handle(self, *args, username, name, **options):
        try:
            owner = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No account called {username!r}.") from error
        token, key = services.token_create(owner=owner, name=name)
        self.stderr.write(f"Token “{token.name}” for {username}. The key, shown only this once:")
        self.stdout.write(key)
