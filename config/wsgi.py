import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

application = get_wsgi_application()

# Local mode processes uploads and sends webhooks in this process; its threads resume
# whatever was left queued when the process last stopped. On AWS nothing starts here.
from gallery.dispatch import dispatcher  # noqa: E402

dispatcher().start_background()
