import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

application = get_wsgi_application()

# Local mode under `manage.py runserver` processes uploads and sends webhooks in threads of
# this process, resuming whatever was left queued. `make run` (run_local) serves with
# PROOFSHEET_LOCAL_WORKER off and does that work in processes of its own. On AWS nothing
# starts here.
from gallery.dispatch import dispatcher  # noqa: E402

dispatcher().start_background()

# Django's start leaves a few hundred thousand long-lived objects behind, and a page's
# hundreds of photos allocate enough to start a full collection every request or two, each
# scanning them all again: moved out of the collector's way (as `config.lambda_init` does
# on Lambda), a 500-photo page's CPU no longer swings by a full scan.
gc.freeze()
