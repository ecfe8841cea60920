"""Processing options, their defaults and where they come from (environment, gallery)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from typing import Any

MiB = 1024 * 1024
SRCSET_FORMATS = ("JPEG", "WEBP", "AVIF")


@dataclasses.dataclass(frozen=True)
class Options:
    """How originals become renditions. Immutable: derive variants with ``replace``."""

    thumb_size: int = 600  # long edge, px: the one thumbnail of pages without srcset
    # Long edges, px, of the grid's srcset: a 1x laptop takes 400, a 3x phone 800 or 1200.
    thumb_widths: tuple[int, ...] = (400, 800, 1200)
    # Their format: WebP is about a fifth smaller than JPEG for twice its CPU, and pages
    # offer it as a <picture> source with the JPEG thumb for the rest; AVIF is smaller
    # still but costs 10x JPEG's CPU per photo (bench/bench_formats.py, docs/benchmarks.md).
    srcset_format: str = "WEBP"
    proof_size: int = 2048  # long edge, px: full-screen viewing, useless for print
    # The proof's long edge is "up to proof_size": up to this fraction smaller when a
    # reduced-scale JPEG decode or an integer box reduction lands there, which saves
    # the full decode and the resample (a 4032 px phone photo gives a 2016 px proof).
    proof_slack: float = 0.03
    jpeg_quality: int = 82
    watermark_text: str = "PROOF"  # empty text means no watermark
    watermark_opacity: float = 0.35
    watermark_thumbs: bool = False
    # A logo watermark (besides or instead of the text): the stored logo's key, where it
    # goes (watermark.LOGO_POSITIONS; empty: no logo) and its width as a share of the image's.
    watermark_logo_key: str = ""
    watermark_logo_position: str = ""
    watermark_logo_scale: float = 0.25
    max_pixels: int = 150_000_000  # medium-format backs are ~100-150 MP
    max_bytes: int = 200 * MiB

    def __post_init__(self) -> None:
        for name in ("thumb_size", "proof_size", "max_pixels", "max_bytes"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be a positive integer")
        if any(int(width) < 1 for width in self.thumb_widths):
            raise ValueError("thumb_widths must be positive integers (none: no srcset)")
        if self.srcset_format not in SRCSET_FORMATS:
            raise ValueError(f"srcset_format must be one of {', '.join(SRCSET_FORMATS)}")
        if not 1 <= self.jpeg_quality <= 95:
            # Pillow's docs: above 95 only grows the file
            raise ValueError("jpeg_quality must be between 1 and 95")
        if not 0.0 <= self.proof_slack < 0.5:
            raise ValueError("proof_slack must be at least 0 and below 0.5")
        if not 0.0 <= self.watermark_opacity <= 1.0:
            raise ValueError("watermark_opacity must be between 0 and 1")
        if not 0.0 < self.watermark_logo_scale <= 1.0:
            raise ValueError("watermark_logo_scale must be above 0 and at most 1")
        if self.thumb_size > self.proof_size:
            raise ValueError("thumb_size cannot exceed proof_size: thumbs are made from proofs")

    def replace(self, **changes: Any) -> Options:
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Options:
        """Read ``PROOFSHEET_*`` variables; unset or empty ones keep the default."""
        changes: dict[str, Any] = {}
        for field, (variable, parse) in _ENV.items():
            raw = environ.get(variable, "").strip()
            if raw:
                try:
                    changes[field] = parse(raw)
                except ValueError as exc:
                    raise ValueError(f"{variable}={raw!r}: {exc}") from None
        return cls(**changes)

    def with_gallery_settings(self, settings: Mapping[str, Any] | None) -> Options:
        """Overlay a gallery's watermark settings (the ``#settings`` item), if any.

        An empty ``watermark_text`` there is the photographer's choice of no watermark.
        """
        if not settings:
            return self
        changes: dict[str, Any] = {}
        if settings.get("watermark_text") is not None:
            changes["watermark_text"] = str(settings["watermark_text"]).strip()
        if settings.get("watermark_opacity") is not None:
            changes["watermark_opacity"] = float(settings["watermark_opacity"])
        if settings.get("watermark_thumbs") is not None:
            changes["watermark_thumbs"] = bool(settings["watermark_thumbs"])
        if settings.get("watermark_logo_key") is not None:
            changes["watermark_logo_key"] = str(settings["watermark_logo_key"])
            changes["watermark_logo_position"] = str(settings.get("watermark_logo_position") or "")
            if settings.get("watermark_logo_scale") is not None:
                changes["watermark_logo_scale"] = float(settings["watermark_logo_scale"])
        return self.replace(**changes)


def _parse_widths(raw: str) -> tuple[int, ...]:
    return tuple(sorted({int(part) for part in raw.split(",") if part.strip()}))


def _parse_bool(raw: str) -> bool:
    value = raw.lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError("expected true or false")


_ENV: dict[str, tuple[str, Callable[[str], Any]]] = {
    "thumb_size": ("PROOFSHEET_THUMB_SIZE", int),
    "thumb_widths": ("PROOFSHEET_THUMB_WIDTHS", _parse_widths),
    "srcset_format": ("PROOFSHEET_SRCSET_FORMAT", str.upper),
    "proof_size": ("PROOFSHEET_PROOF_SIZE", int),
    "jpeg_quality": ("PROOFSHEET_JPEG_QUALITY", int),
    "watermark_text": ("PROOFSHEET_WATERMARK_TEXT", str),
    "watermark_opacity": ("PROOFSHEET_WATERMARK_OPACITY", float),
    "watermark_thumbs": ("PROOFSHEET_WATERMARK_THUMBS", _parse_bool),
    "max_pixels": ("PROOFSHEET_MAX_PIXELS", int),
    "max_bytes": ("PROOFSHEET_MAX_UPLOAD_BYTES", int),
}

ENV_VARIABLES = tuple(variable for variable, _ in _ENV.values())
