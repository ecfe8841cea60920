"""What an upload may be: the accepted types, sizes and the bytes' own signatures.

The target itself (a presigned POST to S3, or the same form to a local view) comes from
`storage().upload_target`; either way the browser sends `fields` plus `file` as
multipart/form-data to `url`.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError

# The leading bytes of each accepted format; the processor decides again from the whole file.
_SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
]
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif"}


def sniff_content_type(head: bytes) -> str | None:
    """The image type the bytes say they are, or None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "image/heif" if head[8:12] != b"heic" else "image/heic"
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def accepted_types() -> list[str]:
    return list(settings.PROOFSHEET_ACCEPTED_TYPES)


def accepted_names() -> str:
    """ "JPEG, PNG, … or HEIC", for messages and the upload page."""
    names = list(dict.fromkeys(name for name, _ in settings.PROOFSHEET_ACCEPTED_TYPES.values()))
    return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else "".join(names)


def accepted_extensions() -> dict[str, str]:
    """File-name extension (".jpg") -> content type, for pickers and folder imports."""
    return {
        extension: content_type
        for content_type, (_, extensions) in settings.PROOFSHEET_ACCEPTED_TYPES.items()
        for extension in extensions
    }


def _human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _too_large(filename: str, size: int, limit: int) -> str:
    return f"{filename} is {_human_size(size)}; the largest file accepted is {_human_size(limit)}."


def upload_rules() -> dict:
    """What the upload page tells the browser, all from `PROOFSHEET_ACCEPTED_TYPES`: the size
    limit, the `accept` list (types and their extensions), the type of each extension for
    files the browser gives no type, and the names people read."""
    extensions = accepted_extensions()
    return {
        "max_upload_bytes": settings.PROOFSHEET_MAX_UPLOAD_BYTES,
        "accept": ",".join([*accepted_types(), *extensions]),
        "accepted_extensions": json.dumps(extensions),
        "accepted_names": accepted_names(),
    }


def check_declared_file(*, filename: str, size: int, content_type: str) -> None:
    """Refuses, before any byte moves, a file whose declared size or type we cannot take."""
    limit = settings.PROOFSHEET_MAX_UPLOAD_BYTES
    if size <= 0:
        raise ValidationError(f"{filename} is empty.")
    if size > limit:
        raise ValidationError(_too_large(filename, size, limit))
    if content_type not in settings.PROOFSHEET_ACCEPTED_TYPES:
        raise ValidationError(
            f"{filename} is not a photo we accept ({content_type or 'unknown type'}). "
            f"Upload {accepted_names()} files."
        )


class UploadRefused(ValidationError):
    """A file that can never be taken as it is: no retry helps, so the upload leaves no photo
    behind (`services.photo_upload_abandon`) and the browser offers no "Retry"."""


HEAD_BYTES = 32  # enough for every signature above


def check_arrived(*, filename: str, declared_size: int, size: int, head: bytes) -> str:
    """Checks what arrived against what was declared: the size, and the type from the bytes
    themselves. Returns the sniffed content type; raises UploadRefused."""
    limit = settings.PROOFSHEET_MAX_UPLOAD_BYTES
    if size == 0:
        raise UploadRefused(f"{filename} is empty.")
    if size > limit:
        raise UploadRefused(_too_large(filename, size, limit))
    sniffed = sniff_content_type(head)
    if sniffed is None:
        raise UploadRefused(
            f"{filename} is not an image we can read: its content is not "
            f"{accepted_names()}, whatever its name says."
        )
    if declared_size and size != declared_size:
        raise UploadRefused(
            f"{filename} arrived with {size} bytes but was announced with {declared_size}: "
            "it changed or was cut short. Choose it again."
        )
    return sniffed


def check_uploaded_file(*, uploaded, policy: dict, declared_size: int = 0) -> str:
    """Checks a file received by the local upload view; returns the sniffed content type."""
    if uploaded.size > policy["max"]:
        raise UploadRefused(_too_large(uploaded.name, uploaded.size, policy["max"]))
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(0)
    return check_arrived(
        filename=uploaded.name, declared_size=declared_size, size=uploaded.size, head=head
    )
