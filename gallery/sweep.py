"""The abandoned-uploads sweep, one function for both modes: an upload whose form was
handed out and that never finished (the browser closed mid-way, a form never used) is
removed after `PROOFSHEET_UPLOAD_SWEEP_AFTER`, with its row, record and any bytes that
reached storage, so no photo says "Uploading…" for good.

Locally a background loop of the web process runs it every few minutes (registered beside
the processing worker, started by the local dispatcher); on AWS a schedule of the worker
stage calls it (`deploy.zappa_config`). It works on the web's rows; the processor's own
sweep (`lambda_processor.sweep`) asks again for originals whose processing event was lost.
"""

import json
import logging

from core.background import PeriodicLoop

from . import services

logger = logging.getLogger(__name__)

# How often local mode looks for abandoned uploads (AWS: every 15 minutes).
LOCAL_SWEEP_SECONDS = 300.0


def sweep_abandoned_uploads(event=None, context=None) -> int:  # noqa: ARG001 (Zappa's signature)
    """Zappa's scheduled entry point, and the local loop's; returns how many were removed."""
    swept = services.photos_sweep_abandoned()
    if swept:
        logger.info(json.dumps({"sweep": "abandoned uploads", "removed": swept}))
    return swept


class UploadSweeper(PeriodicLoop):
    """Local mode: one sweep each time the loop wakes (every LOCAL_SWEEP_SECONDS)."""

    thread_name = "proofsheet-upload-sweep"
    poll_seconds = LOCAL_SWEEP_SECONDS

    def run_once(self) -> None:
        sweep_abandoned_uploads()


_sweeper = UploadSweeper()


def get_sweeper() -> UploadSweeper:
    return _sweeper
