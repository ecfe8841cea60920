"""Exceptions with a meaning for the caller: permanent failures versus retries."""


class ImageRejected(Exception):
    """The original cannot be turned into renditions, and retrying will not help.

    ``reason`` is a complete sentence a photographer can read; it is stored in
    the item's ``error`` attribute.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
