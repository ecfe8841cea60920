from django.apps import AppConfig


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = "Galleries"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
