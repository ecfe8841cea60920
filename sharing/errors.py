"""What a client can run into, each with a sentence they can act on and an HTTP status,
so pages, JSON endpoints and the API answer the same way."""

from datetime import datetime


class SharingError(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(SharingError):
    """The link does not allow this (favourites, comments or downloads are switched off)."""

    status = 403


class SelectionLocked(SharingError):
    status = 409


class SelectionRuleBroken(SharingError):
    """Too many favourites, or too few to submit."""

    status = 409


class WrongPassword(SharingError):
    status = 403


class PasswordThrottled(SharingError):
    status = 429

    def __init__(self, message: str, *, retry_at: datetime):
        super().__init__(message)
        self.retry_at = retry_at
