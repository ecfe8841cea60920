"""Lambda events -> the objects to process.

Accepted shapes:
- S3 notifications (``Records[].s3``), keys URL-encoded (``+`` for a space; moto
  also encodes ``/`` as ``%2F``), decoded with ``unquote_plus``;
- the same notifications inside SQS messages (``Records[].body``);
- ``s3:TestEvent`` (sent when a notification is configured): ignored;
- a re-render request from the web side or the lost-uploads sweep, through the render queue:
  ``{"proofsheet": "render", "keys": ["originals/g/p/name.jpg", ...]}``
  (plain keys, not encoded).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import unquote_plus

from .records import MESSAGE_KIND_FIELD, RENDER_MESSAGE, event_order, isoformat, utc_now

RENDER_EVENT_NAME = "proofsheet:Render"
TEST_EVENT_NAME = "s3:TestEvent"


@dataclasses.dataclass(frozen=True)
class EventInfo:
    """The event an original is processed for; ``order`` ranks events of one key."""

    name: str
    time: str | None = None
    etag: str | None = None
    sequencer: str | None = None
    size: int | None = None

    @classmethod
    def coerce(cls, value: EventInfo | Mapping[str, Any]) -> EventInfo:
        if isinstance(value, EventInfo):
            return value
        fields = {field.name for field in dataclasses.fields(cls)}
        return cls(**{name: value[name] for name in fields if value.get(name) is not None})

    @property
    def is_render(self) -> bool:
        return self.name == RENDER_EVENT_NAME

    @property
    def order(self) -> str:
        return event_order(sequencer=self.sequencer, time=self.time, etag=self.etag)

    def as_record(self, order: str | None = None) -> dict[str, Any]:
        return {
            "name": self.name,
            "time": self.time,
            "etag": self.etag,
            "sequencer": self.sequencer,
            "order": order or self.order,
        }


@dataclasses.dataclass(frozen=True)
class Target:
    """One unit of work; ``skip_reason`` set means log it and do nothing."""

    key: str | None
    event: EventInfo
    bucket: str | None = None  # None: the configured originals bucket
    skip_reason: str | None = None


def targets(event: Mapping[str, Any]) -> list[Target]:
    return list(_targets(event))


def _targets(event: Mapping[str, Any]) -> Iterator[Target]:
    if not isinstance(event, Mapping):
        yield _skip("not a JSON object")
    elif event.get(MESSAGE_KIND_FIELD) == RENDER_MESSAGE:
        now = isoformat(utc_now())
        for key in event.get("keys") or []:
            yield Target(key=str(key), event=EventInfo(name=RENDER_EVENT_NAME, time=now))
    elif event.get("Event") == TEST_EVENT_NAME:
        yield _skip(TEST_EVENT_NAME, name=TEST_EVENT_NAME)
    elif isinstance(event.get("Records"), list):
        for record in event["Records"]:
            yield from _record(record)
    else:
        yield _skip("unrecognised event")


def _record(record: Any) -> Iterator[Target]:
    if not isinstance(record, Mapping):
        yield _skip("unrecognised record")
    elif "s3" in record:
        yield _s3_record(record)
    elif "body" in record:  # SQS message carrying an S3 notification
        try:
            body = json.loads(record["body"])
        except (TypeError, ValueError):
            yield _skip("SQS message body is not JSON")
            return
        yield from _targets(body)
    else:
        yield _skip("unrecognised record")


def _s3_record(record: Mapping[str, Any]) -> Target:
    name = str(record.get("eventName") or "")
    s3 = record.get("s3") or {}
    obj = s3.get("object") or {}
    key = unquote_plus(str(obj.get("key") or ""))
    info = EventInfo(
        name=name,
        time=record.get("eventTime"),
        etag=obj.get("eTag"),
        sequencer=obj.get("sequencer"),
        size=obj.get("size"),
    )
    bucket = (s3.get("bucket") or {}).get("name")
    if not name.startswith("ObjectCreated:"):
        return Target(key=key, event=info, bucket=bucket, skip_reason=f"{name} is not a creation")
    return Target(key=key, event=info, bucket=bucket)


def _skip(reason: str, *, name: str = "unknown") -> Target:
    return Target(key=None, event=EventInfo(name=name), skip_reason=reason)
