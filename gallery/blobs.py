"""Originals and renditions in storage: short-lived URLs, deletion, and the local
BlobStore the processing core reads and writes through."""

import os
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from . import aws

_URL_SALT = "proofsheet.image-url"


def is_aws() -> bool:
    return settings.PROOFSHEET_MODE == "aws"


# The expiry is rounded down to a whole minute, so pages that poll get the same local URL
# (and browser cache hits) for a minute: a URL works from `seconds` - 60 to `seconds`.
_ROUND_SECONDS = 60


def url_expiry(*, seconds: int, now: float | None = None) -> int:
    """When a URL issued now stops working (Unix time), for both modes: at most `seconds`
    away (PROOFSHEET_IMAGE_URL_SECONDS, 5 minutes), at least a minute less."""
    now = int(time.time() if now is None else now)
    step = _ROUND_SECONDS if seconds >= 2 * _ROUND_SECONDS else 1
    return (now + seconds) // step * step


def image_url(key: str, *, seconds: int | None = None, bucket: str | None = None) -> str:
    """A URL that serves `key` until `url_expiry`: presigned on S3, signed locally."""
    seconds = seconds or settings.PROOFSHEET_IMAGE_URL_SECONDS
    now = int(time.time())
    expires = url_expiry(seconds=seconds, now=now)
    if is_aws():
        return aws.presigned_get(key=key, expires_in=expires - now, bucket=bucket)
    signature = signing.Signer(salt=_URL_SALT).signature(f"{key}|{expires}")
    return f"{reverse('gallery:file', kwargs={'key': key})}?e={expires}&s={signature}"


def verify_image_url(key: str, expires: str, signature: str) -> bool:
    if not expires.isdigit() or int(expires) < time.time():
        return False
    expected = signing.Signer(salt=_URL_SALT).signature(f"{key}|{expires}")
    return signing.constant_time_compare(expected, signature)


def _buckets() -> list[str]:
    return list(dict.fromkeys([settings.PROOFSHEET_BUCKET, settings.PROOFSHEET_OUTPUT_BUCKET]))


def delete_prefix(prefix: str) -> int:
    """Removes every object under `prefix` (a gallery's or a photo's folder)."""
    if is_aws():
        return sum(aws.delete_prefix(bucket=bucket, prefix=prefix) for bucket in _buckets())
    return _delete_local_tree(prefix.rstrip("/"))


def list_keys(prefix: str) -> list[str]:
    if is_aws():
        return [key for bucket in _buckets() for key in aws.list_keys(bucket=bucket, prefix=prefix)]
    return _list_local_tree(prefix.rstrip("/"))


def _list_local_tree(path: str) -> list[str]:
    if not default_storage.exists(path):
        return []
    folders, files = default_storage.listdir(path)
    keys = [f"{path}/{name}" for name in files]
    for folder in folders:
        keys += _list_local_tree(f"{path}/{folder}")
    return keys


def _delete_local_tree(path: str) -> int:
    keys = _list_local_tree(path)
    for key in keys:
        default_storage.delete(key)
    _remove_empty_folders(path)
    return len(keys)


def _remove_empty_folders(path: str) -> None:
    root = default_storage.path("")
    full = default_storage.path(path)
    for dirpath, _dirnames, _files in sorted(os.walk(full), key=lambda w: -len(w[0])):
        if dirpath.startswith(root) and not os.listdir(dirpath):
            os.rmdir(dirpath)


@dataclass(frozen=True)
class ObjectInfo:
    size: int
    etag: str
    metadata: dict


class LocalBlobStore:
    """The processing core's BlobStore over Django's private file storage."""

    def __init__(self, storage=None):
        self.storage = storage or default_storage

    def head(self, key: str) -> ObjectInfo | None:
        if not self.storage.exists(key):
            return None
        # Like S3's eTag, a tag that changes when the object does; no need to read it twice.
        stat = os.stat(self.storage.path(key))
        return ObjectInfo(
            size=stat.st_size, etag=f"{stat.st_size:x}-{stat.st_mtime_ns:x}", metadata={}
        )

    def get(self, key: str) -> bytes:
        with self.storage.open(key, "rb") as handle:
            return handle.read()

    def put(self, key: str, data: bytes, *, content_type: str, cache_control: str) -> None:
        # Renditions are replaced on re-render; originals never pass through here.
        if self.storage.exists(key):
            self.storage.delete(key)
        saved = self.storage.save(key, ContentFile(data))
        if saved != key:  # pragma: no cover - FileSystemStorage only renames on a race
            raise RuntimeError(f"storage stored {key} as {saved}")
