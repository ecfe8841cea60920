from django.apps import AppConfig


class ProofsApiConfig(AppConfig):
    name = "proofs_api"
    verbose_name = "API"

    def ready(self):
        from gallery import events

        from . import schema  # noqa: F401  (registers the token scheme with drf-spectacular)
        from .services import event_listener

        events.subscribe(event_listener)
