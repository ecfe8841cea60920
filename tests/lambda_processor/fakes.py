"""In-memory BlobStore and RecordTable: the smallest correct implementations of
``lambda_processor.ports``, as the web side's local mode implements them."""

from __future__ import annotations

import copy
from typing import Any

from lambda_processor.ports import ObjectInfo
from lambda_processor.records import GALLERY_SETTINGS_SORT_KEY, Ordering, is_newer


class MemoryBlobs:
    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.headers: dict[str, dict[str, str]] = {}
        self.gets: list[str] = []

    def add(self, key: str, data: bytes, etag: str) -> None:
        self.objects[key] = data
        self.headers[key] = {"etag": etag}

    def head(self, key: str) -> ObjectInfo | None:
        if key not in self.objects:
            return None
        return ObjectInfo(len(self.objects[key]), self.headers[key]["etag"], {})

    def get(self, key: str) -> bytes:
        self.gets.append(key)
        return self.objects[key]

    def put(self, key: str, data: bytes, *, content_type: str, cache_control: str) -> None:
        self.objects[key] = data
        self.headers[key] = {"content_type": content_type, "cache_control": cache_control}


class MemoryTable:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], dict[str, Any]] = {}
        self.writes = 0

    def get(self, gallery_id: str, photo_id: str) -> dict[str, Any] | None:
        item = self.items.get((gallery_id, photo_id))
        return copy.deepcopy(item) if item else None

    def put(self, item: dict[str, Any], *, only_if_newer_than: Ordering | None) -> bool:
        key = (item["gallery_id"], item["photo_id"])
        if only_if_newer_than is not None and not is_newer(only_if_newer_than, self.items.get(key)):
            return False
        self.items[key] = copy.deepcopy(item)
        self.writes += 1
        return True

    def get_gallery_settings(self, gallery_id: str) -> dict[str, Any] | None:
        return self.get(gallery_id, GALLERY_SETTINGS_SORT_KEY)

    def set_gallery_settings(self, gallery_id: str, **settings: Any) -> None:
        self.items[(gallery_id, GALLERY_SETTINGS_SORT_KEY)] = {
            "gallery_id": gallery_id,
            "photo_id": GALLERY_SETTINGS_SORT_KEY,
            **settings,
        }
