import uuid


def new_id() -> str:
    """Ids double as storage-key segments, so they stay `[0-9a-f]{32}`."""
    return uuid.uuid4().hex
