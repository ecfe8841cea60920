from django.apps import AppConfig


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = "Galleries"

    def ready(self):
        from accounts import sections
        from core import background

        from . import checks  # noqa: F401  (registers the system checks)
        from .studio_views import settings_context
        from .sweep import get_sweeper
        from .worker import get_worker

        # Local mode's processing thread; the local dispatcher starts and wakes it.
        background.register(get_worker())
        # Local mode's abandoned-uploads sweep (on AWS, a schedule of the worker stage).
        background.register(get_sweeper())
        sections.register(
            sections.Section(template="gallery/studio_section.html", context=settings_context)
        )
