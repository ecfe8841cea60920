"""What the processor needs from storage: two small protocols.

The Lambda uses ``adapters.S3BlobStore`` and ``adapters.DynamoRecordTable``; the
web side's local mode provides its own classes with the same methods.
"""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol

from .records import Ordering


class ObjectInfo(NamedTuple):
    size: int  # bytes
    etag: str  # without the quotes S3 puts around it
    metadata: dict[str, str]  # user metadata (x-amz-meta-*), may be empty


class BlobStore(Protocol):
    """Originals are read from it, renditions written to it. It never deletes."""

    def head(self, key: str) -> ObjectInfo | None:
        """Size, eTag and metadata of an original; None when there is no such object."""
        ...

    def get(self, key: str) -> bytes:
        """The whole original."""
        ...

    def put(self, key: str, data: bytes, *, content_type: str, cache_control: str) -> None:
        """Write a rendition (never a key under ``originals/``)."""
        ...


class RecordTable(Protocol):
    """One item per photo plus one ``#settings`` item per gallery (see ``records``)."""

    def get(self, gallery_id: str, photo_id: str) -> dict[str, Any] | None:
        """The photo's item as plain Python values, or None."""
        ...

    def put(self, item: dict[str, Any], *, only_if_newer_than: Ordering | None) -> bool:
        """Write ``item`` unless the stored item's ordering is at least ``only_if_newer_than``.

        ``only_if_newer_than`` is the ordering of ``item`` itself (``records.Ordering``);
        the write must be atomic with the comparison (``records.is_newer`` gives
        its semantics). None writes unconditionally. Returns False when a newer
        or equal item is already stored, True when written.
        """
        ...

    def get_gallery_settings(self, gallery_id: str) -> dict[str, Any] | None:
        """The gallery's ``#settings`` item (watermark_text, watermark_opacity,
        watermark_thumbs, revision), or None."""
        ...
