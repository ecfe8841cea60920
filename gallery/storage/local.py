"""Local mode's storage: Django's private file storage, the `LocalRecord` table, and the
site's own views standing in for S3's presigned POST and GET."""

import binascii
import contextlib
import functools
import hashlib
import hmac
import os
import re
import time
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.urls import get_script_prefix, reverse

from ..records import LocalRecordTable
from .expiry import seconds_left

_URL_SALT = "proofsheet.image-url"
_POLICY_SALT = "proofsheet.local-upload"


class LocalStorage:
    serves_files = True

    def browser_origins(self) -> list[str]:
        return []  # signed URLs to this site's own views

    def image_url(
        self, key: str, *, seconds: int | None = None, revision: int | None = None
    ) -> str:
        """A URL of the signed-file view that serves `key` for a short while. The revision
        (`v`) only tells browsers' caches apart: the view does not read it."""
        return self.url_signer(seconds=seconds)(key, revision)

    def url_signer(self, *, seconds: int | None = None):
        """`image_url` for a page's hundreds of URLs: the expiry, the path's prefix and the
        HMAC key worked out once, then one HMAC per URL."""
        seconds = seconds or settings.PROOFSHEET_IMAGE_URL_SECONDS
        expires, _ = seconds_left(seconds=seconds)
        # The path `reverse()` gives, without routing each of a page's hundreds of URLs.
        prefix = _file_path_prefix(get_script_prefix())
        keyed = _keyed_hmac(settings.SECRET_KEY)
        signed_part = f"|{expires}".encode()

        def image_url(key: str, revision: int | None = None) -> str:
            signature = _signature(keyed, key.encode() + signed_part)
            version = "" if revision is None else f"&v={int(revision)}"
            return f"{prefix}{_quoted(key)}?e={expires}{version}&s={signature}"

        return image_url

    def upload_target(self, *, key: str, content_type: str, size: int | None = None) -> dict:
        """The same form as S3's presigned POST, to the local upload view."""
        limit = settings.PROOFSHEET_MAX_UPLOAD_BYTES
        policy = signing.dumps(
            {"key": key, "type": content_type, "max": limit, "size": size or 0}, salt=_POLICY_SALT
        )
        return {
            "url": reverse("gallery:local_upload"),
            "fields": {"key": key, "Content-Type": content_type, "policy": policy},
            "expires_in": settings.PROOFSHEET_UPLOAD_TARGET_SECONDS,
        }

    def exists(self, key: str) -> bool:
        return default_storage.exists(key)

    def open(self, key: str):
        return default_storage.open(key, "rb")

    def save(self, key: str, data, *, content_type: str) -> None:  # noqa: ARG002 (S3 keeps it)
        saved = default_storage.save(key, data if isinstance(data, File) else File(data))
        if saved != key:  # pragma: no cover - FileSystemStorage only renames on a race
            raise RuntimeError(f"storage stored {key} as {saved}")

    @contextlib.contextmanager
    def writer(self, key: str, *, content_type: str):  # noqa: ARG002 (S3 keeps it)
        path = default_storage.path(key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        partial = f"{path}.partial"
        try:
            with open(partial, "wb") as stream:
                yield stream
            os.replace(partial, path)
        finally:
            if os.path.exists(partial):
                os.remove(partial)

    def list_keys(self, prefix: str) -> list[str]:
        return _list_tree(prefix.rstrip("/"))

    def delete_prefix(self, prefix: str) -> int:
        path = prefix.rstrip("/")
        keys = _list_tree(path)
        for key in keys:
            default_storage.delete(key)
        _remove_empty_folders(path)
        return len(keys)

    def attachment_response(self, key: str, *, filename: str):
        response = FileResponse(self.open(key), as_attachment=True, filename=filename)
        response["Cache-Control"] = "private, no-store"
        return response

    def attachment_url(self, key: str, *, filename: str) -> str:  # noqa: ARG002
        return self.image_url(key)

    def blob_store(self):
        return LocalBlobStore()

    def record_table(self):
        return LocalRecordTable()


# What `reverse()` leaves unquoted in a path (django.urls.resolvers); the keys the server
# builds hold only the plain characters, so most need no quoting at all.
_PATH_SAFE = "/~:@!$&'()*+,;="
_PLAIN = re.compile(r"[A-Za-z0-9._~/-]*")


def _quoted(key: str) -> str:
    return key if _PLAIN.fullmatch(key) else quote(key, safe=_PATH_SAFE)


@functools.lru_cache(maxsize=8)
def _file_path_prefix(script_prefix: str) -> str:  # noqa: ARG001 (the cache's key)
    return reverse("gallery:file", kwargs={"key": "k"}).removesuffix("k")


@functools.lru_cache(maxsize=4)
def _keyed_hmac(secret: str) -> hmac.HMAC:
    """An HMAC-SHA256 with Signer(salt=_URL_SALT).signature's key (django.core.signing's
    base64_hmac and salted_hmac) already taken in, made once: each signature copies it
    rather than deriving the key and keying an HMAC afresh (half a signature's cost).
    Only ever copied, never updated, so threads may share it."""
    key = hashlib.sha256(f"{_URL_SALT}signer{secret}".encode()).digest()
    return hmac.new(key, digestmod=hashlib.sha256)


def _signature(keyed: hmac.HMAC, value: bytes) -> str:
    mac = keyed.copy()
    mac.update(value)
    return _encoded(mac.digest())


_URL_SAFE = bytes.maketrans(b"+/", b"-_")


def _encoded(mac: bytes) -> str:
    """URL-safe base64 without padding (`base64.urlsafe_b64encode`, stripped), in two C
    calls: a page signs hundreds."""
    return binascii.b2a_base64(mac, newline=False).translate(_URL_SAFE).rstrip(b"=").decode()


def _url_signature(value: str) -> str:
    """`signing.Signer(salt=_URL_SALT).signature(value)`."""
    return _signature(_keyed_hmac(settings.SECRET_KEY), value.encode())


def verify_image_url(key: str, expires: str, signature: str) -> bool:
    if not expires.isdigit() or int(expires) < time.time():
        return False
    expected = _url_signature(f"{key}|{expires}")
    return signing.constant_time_compare(expected, signature)


def read_upload_policy(policy: str, *, key: str) -> dict:
    """The signed policy of a local upload form, or ValidationError saying what is wrong."""
    try:
        data = signing.loads(
            policy, salt=_POLICY_SALT, max_age=settings.PROOFSHEET_UPLOAD_TARGET_SECONDS
        )
    except signing.SignatureExpired as error:
        raise ValidationError("This upload form has expired; ask for a new one.") from error
    except signing.BadSignature as error:
        raise ValidationError("This upload form is not valid.") from error
    if data.get("key") != key:
        raise ValidationError("The upload form does not match the file's key.")
    return data


def _list_tree(path: str) -> list[str]:
    if not default_storage.exists(path):
        return []
    folders, files = default_storage.listdir(path)
    keys = [f"{path}/{name}" for name in files]
    for folder in folders:
        keys += _list_tree(f"{path}/{folder}")
    return keys


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
        # Like S3's eTag, a tag that changes when the object does; no need to read it twice.
        try:
            stat = os.stat(self.storage.path(key))
        except FileNotFoundError:
            return None
        return ObjectInfo(
            size=stat.st_size, etag=f"{stat.st_size:x}-{stat.st_mtime_ns:x}", metadata={}
        )

    def get(self, key: str) -> bytes:
        with self.storage.open(key, "rb") as handle:
            return handle.read()

    def put(self, key: str, data: bytes, *, content_type: str, cache_control: str) -> None:  # noqa: ARG002
        # Renditions are replaced on re-render; originals never pass through here.
        if self.storage.exists(key):
            self.storage.delete(key)
        saved = self.storage.save(key, ContentFile(data))
        if saved != key:  # pragma: no cover - FileSystemStorage only renames on a race
            raise RuntimeError(f"storage stored {key} as {saved}")
