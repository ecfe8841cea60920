"""Things that happened that a photographer's integrations may want to hear about.

Features call `emit`; the API app subscribes its webhook delivery at start-up. Keeping the
hook here lets `gallery` and `sharing` notify without depending on `proofs_api`.

Event names: "selection.submitted", "photo.failed", "gallery.processed".
"""

from collections.abc import Callable

Listener = Callable[..., None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def emit(*, owner, name: str, payload: dict) -> None:
    for listener in list(_listeners):
        listener(owner=owner, name=name, payload=payload)
