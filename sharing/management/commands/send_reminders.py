"""Sends the reminders that are due (before a gallery closes, unsent selections): once.

`make run` needs nothing more (the web process runs them every ten minutes, as the worker's
schedule does on AWS); this is for cron or for looking at what goes out now."""

from django.core.management.base import BaseCommand

from sharing.invitations import link_reminders_send_due


class Command(BaseCommand):
    help = "Send the clients' reminders that are due; each goes once."

    def handle(self, *args, **options):
        self.stdout.write(f"{link_reminders_send_due()} reminders sent.")
