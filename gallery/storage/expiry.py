"""How long a signed image URL works, one rule for both modes.

The expiry is rounded down to a whole minute, so pages that poll get the same local URL
(and browser cache hits) for a minute: a URL works from `seconds` - 60 to `seconds`.
"""

import time

_ROUND_SECONDS = 60


def url_expiry(*, seconds: int, now: float | None = None) -> int:
    """When a URL issued now stops working (Unix time): at most `seconds` away
    (PROOFSHEET_IMAGE_URL_SECONDS, 5 minutes), at least a minute less."""
    now = int(time.time() if now is None else now)
    step = _ROUND_SECONDS if seconds >= 2 * _ROUND_SECONDS else 1
    return (now + seconds) // step * step


def seconds_left(*, seconds: int) -> tuple[int, int]:
    """The expiry of a URL issued now and how many seconds remain until it."""
    now = int(time.time())
    expires = url_expiry(seconds=seconds, now=now)
    return expires, expires - now
