"""Parts of the Settings page that other apps contribute, so this app never imports them.

An app registers a section from its `AppConfig.ready`; the page shows every section in
registration order, each from its own template with its own context.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    template: str
    # `(owner=..., **forms) -> dict`: the section's context; `forms` carries bound forms
    # (with their errors) when the page is shown again after a failed submission.
    context: Callable[..., dict]


_sections: list[Section] = []


def register(section: Section) -> None:
    if section not in _sections:
        _sections.append(section)


def registered() -> list[Section]:
    return list(_sections)
