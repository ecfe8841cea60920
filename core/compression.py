"""Compress text responses (pages, JSON, scripts, styles) for browsers that accept gzip.

Images and archives are left as they are: they are compressed already, and gzipping them
again costs CPU for nothing. As Django's GZipMiddleware does, each response is padded with
random bytes, its defence against BREACH on pages that carry a CSRF token; whole responses
are compressed at zlib's fastest level rather than Django's 6 (`LEVEL`).
"""

import gzip
import secrets

from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers

_TEXT_SUBTYPES = ("json", "javascript", "xml", "csv")

# Measured (docs/benchmarks.md, web pass three): a 500-photo client page gzips in 2.1 ms
# instead of 4.2 at level 6 for 6% more bytes (48 KB against 45), the API's 100-photo page
# in 0.9 instead of 2.1 ms; every answer pays it, and the bytes are a few KB.
LEVEL = 1


def is_text(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    main, _, sub = media.partition("/")
    return main == "text" or sub.rsplit("+", 1)[-1] in _TEXT_SUBTYPES


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not is_text(response.get("Content-Type", "")):
            return response
        if response.streaming:
            return super().process_response(request, response)
        return self._compressed(request, response)

    def _compressed(self, request, response):
        """GZipMiddleware's answer for a whole response, at LEVEL: too short, encoded
        already or not accepted, as it is (with Vary); else gzipped if that is shorter."""
        if len(response.content) < 200 or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = _padded_gzip(response.content, max_random_bytes=self.max_random_bytes)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):  # a strong ETag would claim the same bytes
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response


def _padded_gzip(content: bytes, *, max_random_bytes: int) -> bytes:
    """`content` gzipped at LEVEL, with a file name of 0 to `max_random_bytes` - 1 bytes in
    its header, as `django.utils.text.compress_string` pads it: the length on the wire then
    says less about the secrets inside."""
    data = gzip.compress(content, compresslevel=LEVEL, mtime=0)
    header = bytearray(data[:10])
    header[3] = gzip.FNAME
    name = b"a" * secrets.randbelow(max_random_bytes) + b"\x00"
    return bytes(header) + name + data[10:]
