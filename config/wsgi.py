import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

application = get_wsgi_application()

# Local mode processes uploads in this process; the worker resumes anything left queued.
from gallery.worker import start_if_enabled  # noqa: E402

start_if_enabled()
