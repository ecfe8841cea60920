"""Share-link tokens.

A link stores a random 160-bit salt and the SHA-256 of its token; the token itself is
HMAC-SHA256(SECRET_KEY, salt), cut to 160 bits. So the photographer can copy the link
again at any time, yet the database alone (a backup, a leaked dump) names no token, and
a request's token is found by its digest without scanning.
"""

import base64
import hashlib
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

_KEY_SALT = "proofsheet.sharing.link-token"
TOKEN_BYTES = 20  # 160 bits: unguessable, and a URL segment of 27 characters
TOKEN_PATTERN = r"[A-Za-z0-9_-]{27}"  # noqa: S105 (a URL pattern, not a secret)


def new_salt() -> str:
    return secrets.token_hex(TOKEN_BYTES)


def derive(salt: str, *, secret: str | None = None) -> str:
    mac = salted_hmac(_KEY_SALT, salt, secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(mac[:TOKEN_BYTES]).rstrip(b"=").decode()


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def recover(salt: str, token_digest: str) -> str | None:
    """The link's token, also after a key rotation while the old key is in
    SECRET_KEY_FALLBACKS; None once no known key gives the stored digest."""
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        token = derive(salt, secret=secret)
        if secrets.compare_digest(digest(token), token_digest):
            return token
    return None
