"""The storage port: where originals, renditions and exports live, and the records table.

One implementation per mode, each in its own module (`local`, `aws`), chosen here once from
`PROOFSHEET_MODE` as the processor's adapters are chosen at its cold start. Views, services
and selectors call `storage()` and `record_table()` and never ask which mode they run in.
"""

import functools
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import IO, Protocol

from django.conf import settings
from django.http import HttpResponse


class Storage(Protocol):
    # Whether uploads and file URLs go through this site's own views (the local stand-ins
    # for S3's POST and GET) rather than to the storage service directly.
    serves_files: bool

    def image_url(
        self, key: str, *, seconds: int | None = None, revision: int | None = None
    ) -> str:
        """A URL that shows `key` (a rendition or an original) for a short while. A
        rendition's URL carries its record's `render_revision`: a re-render at a new
        revision gets a new URL (no browser shows the old image), an unchanged one keeps
        its URL for as long as the expiry rule (`expiry.py`) keeps it."""

    def url_signer(self, *, seconds: int | None = None) -> Callable[[str, int | None], str]:
        """`image_url(key, revision)` for many URLs issued together (a page's tiles): all
        with the same expiry, what every URL shares worked out once."""

    def upload_target(self, *, key: str, content_type: str, size: int | None = None) -> dict:
        """Where the browser POSTs a new original: `{url, fields, expires_in}`. With `size`,
        storage takes a file of exactly that many bytes and refuses any other."""

    def exists(self, key: str) -> bool: ...

    def open(self, key: str) -> IO[bytes]:
        """A binary stream of the object, to be closed by the caller."""

    def save(self, key: str, data: IO[bytes], *, content_type: str) -> None:
        """Stores a file the server holds (a folder import, a ZIP export) under `key`."""

    def writer(self, key: str, *, content_type: str) -> AbstractContextManager[IO[bytes]]:
        """A writable stream that becomes `key` when its block ends without an error (a
        ZIP export written as it is built, never whole in memory or on disk twice)."""

    def list_keys(self, prefix: str) -> list[str]: ...

    def delete_prefix(self, prefix: str) -> int:
        """Removes every object under `prefix` (a gallery's or a photo's folder)."""

    def attachment_response(self, key: str, *, filename: str) -> HttpResponse:
        """The response that makes the browser save `key` as `filename`."""

    def attachment_url(self, key: str, *, filename: str) -> str:
        """A short-lived URL that saves `key` as `filename`, for a page to hand out."""

    def browser_origins(self) -> list[str]:
        """Origins besides this site that the browser loads images from and uploads to."""

    def blob_store(self):
        """The processor's `BlobStore` port over this storage."""

    def record_table(self):
        """The processor's records (`lambda_processor.records`) as the web side reads them."""


@functools.cache
def _for_mode(mode: str) -> Storage:
    if mode == "aws":
        from .aws import S3Storage

        return S3Storage()
    from .local import LocalStorage

    return LocalStorage()


def storage() -> Storage:
    return _for_mode(settings.PROOFSHEET_MODE)


def record_table():
    return storage().record_table()
