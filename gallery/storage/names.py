"""The name a download is saved under, as a person would type it (issue 12): "Maya & Tom
Harbour Wedding.zip", not "Maya__Tom__Harbour_Wedding.zip"."""

import unicodedata
from urllib.parse import quote

from lambda_processor.records import sanitize_filename


def attachment_disposition(filename: str) -> str:
    """`Content-Disposition: attachment` with RFC 6266's `filename*` (UTF-8, percent-encoded)
    and a plain ASCII `filename` for clients that predate it. No path, quotes or control
    characters survive (`sanitize_filename`)."""
    name = sanitize_filename(filename)
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem, dot, ext = plain.rpartition(".")
    if not (stem if dot else plain).strip(" ._-"):
        plain = f"download.{ext}" if dot else "download"
    encoded = quote(name, safe="")
    return f"attachment; filename=\"{sanitize_filename(plain)}\"; filename*=UTF-8''{encoded}"
