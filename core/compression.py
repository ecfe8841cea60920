"""Compress text responses (pages, JSON, scripts, styles) for browsers that accept gzip.

Images and archives are left as they are: they are compressed already, and gzipping them
again costs CPU for nothing. Django's GZipMiddleware pads each response with random bytes,
its defence against BREACH on pages that carry a CSRF token.
"""

from django.middleware.gzip import GZipMiddleware

_TEXT_SUBTYPES = ("json", "javascript", "xml", "csv")


def is_text(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    main, _, sub = media.partition("/")
    return main == "text" or sub.rsplit("+", 1)[-1] in _TEXT_SUBTYPES


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not is_text(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
