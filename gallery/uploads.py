"""Upload targets: a presigned POST to S3 on AWS, the same form to a local view here.

Either way the browser sends `fields` plus `file` as multipart/form-data to `url`.
"""

import json
import mimetypes

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.text import get_text_list

from . import aws, blobs
from .models import Photo

_POLICY_SALT = "proofsheet.local-upload"

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


def _human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def upload_rules() -> dict:
    """What the upload page tells the browser, all from the settings: the size limit, the
    `accept` list (types and their extensions, from Python's own table rather than this
    machine's), the extension of each type for files the browser gives no type, and names."""
    table = mimetypes.MimeTypes()
    types = settings.PROOFSHEET_ACCEPTED_TYPES
    extensions = {
        extension: content_type
        for content_type in types
        for extension in table.guess_all_extensions(content_type, strict=False)
    }
    return {
        "max_upload_bytes": settings.PROOFSHEET_MAX_UPLOAD_BYTES,
        "accept": ",".join([*types, *extensions]),
        "accepted_extensions": json.dumps(extensions),
        "accepted_names": get_text_list([t.split("/")[1].upper() for t in types], "or"),
    }


def check_declared_file(*, filename: str, size: int, content_type: str) -> None:
    """Refuses, before any byte moves, a file whose declared size or type we cannot take."""
    limit = settings.PROOFSHEET_MAX_UPLOAD_BYTES
    if size <= 0:
        raise ValidationError(f"{filename} is empty.")
    if size > limit:
        raise ValidationError(
            f"{filename} is {_human_size(size)}; the largest file accepted is {_human_size(limit)}."
        )
    if content_type not in settings.PROOFSHEET_ACCEPTED_TYPES:
        raise ValidationError(
            f"{filename} is not a photo we accept ({content_type or 'unknown type'}). "
            "Upload JPEG, PNG, WebP, TIFF, GIF, BMP or HEIC files."
        )


def upload_target(*, photo: Photo) -> dict:
    seconds = settings.PROOFSHEET_UPLOAD_TARGET_SECONDS
    limit = settings.PROOFSHEET_MAX_UPLOAD_BYTES
    if blobs.is_aws():
        post = aws.presigned_post(
            key=photo.original_key,
            content_type=photo.content_type,
            max_bytes=limit,
            expires_in=seconds,
        )
        return {"url": post["url"], "fields": post["fields"], "expires_in": seconds}
    policy = signing.dumps(
        {"key": photo.original_key, "type": photo.content_type, "max": limit}, salt=_POLICY_SALT
    )
    return {
        "url": reverse("gallery:local_upload"),
        "fields": {"key": photo.original_key, "Content-Type": photo.content_type, "policy": policy},
        "expires_in": seconds,
    }


def read_local_policy(policy: str, *, key: str) -> dict:
    """The signed policy of a local upload form, or ValidationError saying what is wrong."""
    try:
        data = signing.loads(
            policy, salt=_POLICY_SALT, max_age=settings.PROOFSHEET_UPLOAD_TARGET_SECONDS
        )
    except signing.SignatureExpired as error:
        raise ValidationError("This upload form has expired; ask for a new one.") from error
    except signing.BadSignature as error:
        raise ValidationError("This upload form is not valid.") from error
    if data.get("key") != key:
        raise ValidationError("The upload form does not match the file's key.")
    return data


def check_uploaded_file(*, uploaded, policy: dict) -> str:
    """Checks a received file's real size and type; returns the sniffed content type."""
    if uploaded.size > policy["max"]:
        raise ValidationError(
            f"{uploaded.name} is {_human_size(uploaded.size)}; the largest file accepted is "
            f"{_human_size(policy['max'])}."
        )
    if uploaded.size == 0:
        raise ValidationError(f"{uploaded.name} is empty.")
    head = uploaded.read(32)
    uploaded.seek(0)
    sniffed = sniff_content_type(head)
    if sniffed is None:
        raise ValidationError(
            f"{uploaded.name} is not an image we can read: its content is not JPEG, PNG, WebP, "
            "TIFF, GIF, BMP or HEIC, whatever its name says."
        )
    return sniffed


def original_exists(*, photo: Photo) -> bool:
    if blobs.is_aws():
        return aws.object_exists(bucket=settings.PROOFSHEET_BUCKET, key=photo.original_key)
    return default_storage.exists(photo.original_key)
