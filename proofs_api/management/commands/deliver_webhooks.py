"""Sends the webhook deliveries that are due: once, or on and on with --loop.

Locally the web process's delivery thread does this already; the command is for a
process of its own (cron, a container) and for looking at what is pending.
"""

import time

from django.core.management.base import BaseCommand

from proofs_api import services


class Command(BaseCommand):
    help = "Send due webhook deliveries (retries included)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep sweeping until stopped.")
        parser.add_argument("--every", type=float, default=5.0, help="Seconds between sweeps.")

    def handle(self, *args, loop, every, **options):
        while True:
            sent = services.deliveries_send_due()
            while sent and (more := services.deliveries_send_due()):
                sent += more
            if sent or not loop:
                self.stdout.write(f"{sent} deliveries attempted.")
            if not loop:
                return
            time.sleep(every)
