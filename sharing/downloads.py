"""Handing files to clients: one photo (a proof, or a released original) and the ZIP of
the downloadable set. Callers decide what is allowed; this module only delivers.

Storage decides how a file reaches the client (streamed from private storage locally, a
presigned GET on AWS); the dispatcher decides whether the ZIP is streamed here or built off
the request path (`exports`) into `exports/<gallery>/<id>.zip`.
"""

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.http import StreamingHttpResponse

from gallery import selectors as gallery_selectors
from gallery.models import Photo
from gallery.selectors import PhotoView
from gallery.storage import storage
from gallery.storage.names import attachment_disposition

CHUNK = 1024 * 1024

# The two sizes of a released photo: the original, and the clean web-size rendition.
ORIGINAL, WEB = "original", "web"
SIZES = (ORIGINAL, WEB)


@dataclass(frozen=True)
class Entry:
    key: str
    name: str  # file name inside the ZIP, or the download's name


def _original_entry(photo: Photo) -> Entry:
    return Entry(key=photo.original_key, name=photo.filename)


def _rendition_entry(view: PhotoView, *, original: bool) -> Entry | None:
    """A released photo's clean web-size rendition, else its watermarked proof, named
    `<stem>-web.jpg` or `<stem>-proof.jpg`; None while it is not rendered."""
    name = "web" if original else "proof"
    key = view.rendition(name).get("key")
    if not key:
        return None
    stem = view.photo.filename.rsplit(".", 1)[0]
    return Entry(key=key, name=f"{stem}-{name}.jpg")


def photo_entry(*, photo: Photo, original: bool, size: str = ORIGINAL) -> Entry | None:
    """The file a client downloads for a photo: its proof, or once released its original or
    (`size` web) its clean web-size rendition; None if that is not rendered yet."""
    if original and size == ORIGINAL:
        return _original_entry(photo)
    return _rendition_entry(gallery_selectors.photo_view(photo=photo), original=original)


def photo_entries(
    views: Iterable[PhotoView], *, original: bool, size: str = ORIGINAL
) -> list[Entry]:
    """The files for these photos (their records come with the views: no read per photo),
    leaving out renditions not rendered yet."""
    if original and size == ORIGINAL:
        entries = (_original_entry(v.photo) for v in views)
    else:
        entries = (_rendition_entry(v, original=original) for v in views)
    return [entry for entry in entries if entry is not None]


def open_blob(key: str):
    return storage().open(key)


def attachment_url(*, key: str, filename: str) -> str:
    """A short-lived URL that saves the file under `filename`."""
    return storage().attachment_url(key, filename=filename)


def file_response(entry: Entry):
    return storage().attachment_response(entry.key, filename=entry.name)


def unique_names(entries: Iterable[Entry]) -> list[Entry]:
    """Two photos may share a file name; inside a ZIP each needs its own."""
    seen: dict[str, int] = {}
    result = []
    for entry in entries:
        name = entry.name
        count = seen.get(name.lower(), 0)
        seen[name.lower()] = count + 1
        if count:
            stem, dot, ext = name.rpartition(".")
            name = f"{stem} ({count + 1}).{ext}" if dot else f"{name} ({count + 1})"
        result.append(Entry(key=entry.key, name=name))
    return result


class _Sink(io.RawIOBase):
    """An unseekable file that hands over what zipfile writes, chunk by chunk."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def drain(self) -> Iterator[bytes]:
        chunks, self.chunks = self.chunks, []
        yield from chunks


def write_zip(entries: list[Entry], target) -> Iterator[None]:
    """Writes the ZIP into `target`, yielding after each chunk so a caller can stream."""
    stamp = datetime.now().timetuple()[:6]
    # Photos are compressed already: storing them is as small and far quicker.
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for entry in unique_names(entries):
            info = zipfile.ZipInfo(entry.name, date_time=stamp)
            with open_blob(entry.key) as source, archive.open(info, "w", force_zip64=True) as out:
                while chunk := source.read(CHUNK):
                    out.write(chunk)
                    yield


def streaming_zip_response(entries: list[Entry], *, filename: str) -> StreamingHttpResponse:
    def stream() -> Iterator[bytes]:
        sink = _Sink()
        for _ in write_zip(entries, sink):
            yield from sink.drain()
        yield from sink.drain()  # the central directory, written on close

    response = StreamingHttpResponse(stream(), content_type="application/zip")
    response["Content-Disposition"] = attachment_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    return response
