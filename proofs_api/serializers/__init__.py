"""Serializers by resource; the names below keep `from proofs_api.serializers import ...`
working for the modules written before the split."""

from .galleries import (
    GallerySerializer,
    PhotoSerializer,
    PhotoUpdateSerializer,
    ReorderSerializer,
    UploadRequestSerializer,
)

__all__ = [
    "GallerySerializer",
    "PhotoSerializer",
    "PhotoUpdateSerializer",
    "ReorderSerializer",
    "UploadRequestSerializer",
]
