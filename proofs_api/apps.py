from django.apps import AppConfig


class ProofsApiConfig(AppConfig):
    name = "proofs_api"
    verbose_name = "API"

    def ready(self):
        from gallery import events

        # Not proofs_api.schema (drf-spectacular, a third of a second, which the outcome
        # queue, the webhook sweep and Zappa's tasks never need): it loads with the API's
        # views (DEFAULT_SCHEMA_CLASS), which registers the token scheme before any schema.
        from .services import event_listener

        events.subscribe(event_listener)
