import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

application = get_wsgi_application()

# Local mode processes uploads and sends webhooks in this process; both workers resume
# whatever was left queued when the process last stopped.
from gallery import worker as processing_worker  # noqa: E402
from proofs_api import worker as webhook_worker  # noqa: E402

processing_worker.start_if_enabled()
webhook_worker.start_if_enabled()
