import os

from config import startup

startup.init_started()

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

application = get_wsgi_application()

# Local mode under `manage.py runserver` processes uploads and sends webhooks in threads of
# this process, resuming whatever was left queued. `make run` (run_local) serves with
# PROOFSHEET_LOCAL_WORKER off and does that work in processes of its own. On AWS nothing
# starts here.
from gallery.dispatch import dispatcher  # noqa: E402

dispatcher().start_background()
# Django's start-up objects out of the collector's way, as on Lambda (config.startup).
startup.init_finished()
