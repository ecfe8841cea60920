"""drf-spectacular's `extend_schema` and `extend_schema_view` for the API's views, applied
when the schema is generated instead of when the views are imported.

drf-spectacular's decorators subclass the schema class (DEFAULT_SCHEMA_CLASS,
`proofs_api.schema`: drf_spectacular.openapi with its plumbing and contrib modules) as
they are applied, so the views' annotations loaded all of it, about a third of a second,
in every new web instance: the first page's `{% url %}` imports the API's URLconf and so
its views. These record each annotation, in the order Python applies the decorators, and
`apply_annotations` (called by the schema generator, `proofs_api.schema`) hands them to
drf-spectacular's own decorators in that order: the schema comes out the same. The views'
`DeferredSchema` keeps DRF's router from importing the schema class earlier.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from drf_spectacular import utils
from rest_framework.schemas.inspectors import DefaultSchema

T = TypeVar("T")

_pending: list[Callable[[], object]] = []
_applying = threading.Lock()  # two schema requests at once apply each annotation once
_generating = False  # set for good by the first schema generation


class DeferredSchema(DefaultSchema):
    """The API views' `schema`: DRF's DefaultSchema (an instance of DEFAULT_SCHEMA_CLASS),
    except when read from a view set's class before any schema is generated. DRF's router
    does that as the URLconf is imported (`getmembers` looking for the @actions), which
    would import the schema class and so drf-spectacular's AutoSchema."""

    def __get__(self, instance, owner):
        if instance is None and not _generating:
            return self
        return super().__get__(instance, owner)


class _ExtendSchema:
    """`extend_schema(**kwargs)`, recorded: as a decorator of a view method, or one of
    `extend_schema_view`'s values."""

    def __init__(self, kwargs: dict[str, Any]):
        self.kwargs = kwargs

    def __call__(self, target: T) -> T:
        _pending.append(lambda: utils.extend_schema(**self.kwargs)(target))
        return target


def extend_schema(**kwargs: Any) -> _ExtendSchema:
    return _ExtendSchema(kwargs)


def extend_schema_view(**methods: _ExtendSchema) -> Callable[[T], T]:
    def record(view: T) -> T:
        def apply() -> None:
            decorators = {name: utils.extend_schema(**one.kwargs) for name, one in methods.items()}
            utils.extend_schema_view(**decorators)(view)

        _pending.append(apply)
        return view

    return record


def apply_annotations() -> None:
    """Applies what the imported views recorded, each once (views imported later, by a
    URLconf loaded after this, record theirs for the next call)."""
    global _generating
    _generating = True
    with _applying:
        while _pending:
            _pending.pop(0)()
