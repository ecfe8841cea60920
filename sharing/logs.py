"""Share tokens are the only key to a client gallery, so they never reach a log line: the
access log (runserver's `django.server`, Zappa's common log) or Django's request warnings
("Not Found: /p/<token>/...") all pass through `RedactShareTokens` (see LOGGING)."""

import logging
import re

# `/p/<token>` as a path, and percent-encoded inside a query (`?next=%2Fp%2F<token>`).
SHARE_PATH = re.compile(r"(/|%2F)p(/|%2F)[A-Za-z0-9_-]{16,}", re.IGNORECASE)
REDACTED = r"\1p\2[token]"


def redact(text: str) -> str:
    return SHARE_PATH.sub(REDACTED, text)


class RedactShareTokens(logging.Filter):
    """Formats the message with its arguments, then redacts it; the record is changed in
    place, so every handler after this one sees the redacted line too."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
