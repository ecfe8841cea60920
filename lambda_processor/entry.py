"""The processor function's Lambda handler (the stage's `lambda_handler` in zappa_settings).

Lambda calls this directly rather than Zappa's `handler.lambda_handler`: Zappa's handler
loads its WSGI and ASGI machinery (werkzeug, asyncio, zappa.utilities) in every new
instance, about a fifth of the processor's cold import, for a function that serves no HTTP.
Zappa still makes the queue triggers and the sweep's schedule from the stage's `events`;
here each event goes where Zappa's handler would have sent it.
"""

from __future__ import annotations

from typing import Any

from . import handler, sweep


def is_scheduled(event: dict[str, Any]) -> bool:
    """EventBridge's schedule (the lost-uploads sweep's rule, the stage's one schedule)."""
    return event.get("source") == "aws.events" and event.get("detail-type") == "Scheduled Event"


def lambda_handler(event: dict[str, Any], context: Any) -> Any:
    if is_scheduled(event):
        return sweep.requeue_lost(event, context)
    # The ingest and render queues' messages (SQS), as lambda_processor.handler reads them.
    return handler.handle(event, context)
