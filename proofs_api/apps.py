from django.apps import AppConfig


class ProofsApiConfig(AppConfig):
    name = "proofs_api"
    verbose_name = "API"

    def ready(self):
        from accounts import sections
        from core import background, events

        # Not proofs_api.schema (drf-spectacular, a third of a second, which no page but
        # the schema and the API's docs needs): it loads with the schema's generator
        # (SPECTACULAR_SETTINGS), which registers the token scheme before any schema.
        from .services import DELIVERY_TASK, event_listener
        from .views.pages import settings_context
        from .worker import get_worker

        events.subscribe(event_listener)
        # Local mode's delivery thread drains what the delivery task sends on AWS.
        background.register(get_worker(), drains=(DELIVERY_TASK,))
        sections.register(
            sections.Section(template="proofs_api/settings_section.html", context=settings_context)
        )
