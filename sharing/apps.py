from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "sharing"
    verbose_name = "Client galleries"

    def ready(self):
        from core import background

        from .reminders import get_loop

        # Local mode's reminder runs; on AWS the worker stage's schedule calls the task.
        background.register(get_loop())
