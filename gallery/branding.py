"""The studio's logo in storage, and the studio as client pages and e-mails show it.

The profile's fields are `accounts`' (model, services, selectors); the logo is this app's
because it lives behind the storage port. An uploaded logo is decoded by the processor's
own guarded decoder (format from the bytes, size and pixel limits before decoding) and
stored re-encoded as a PNG: the bytes a photographer sent are never stored or served.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.models import Studio
from core.ids import new_id

from . import services
from .storage import storage

if TYPE_CHECKING:
    from PIL import Image

LOGO_MAX_BYTES = 5 * 1024 * 1024
# Sharp at the top of a 3x phone screen and large enough to watermark a 2048 px proof.
LOGO_MAX_EDGE = 1200
LOGO_PREFIX = "studio/"


def logo_encode(data: bytes) -> Image.Image:
    """The uploaded bytes as an upright sRGB image (alpha kept) at most LOGO_MAX_EDGE px,
    or ValidationError with a reason the photographer can act on."""
    # Imported here: every client page reads the brand through this module, and the image
    # pipeline (Pillow, its plugins) would otherwise load with the web's first page.
    from PIL import Image

    from lambda_processor.decode import decode
    from lambda_processor.errors import ImageRejected
    from lambda_processor.options import Options
    from lambda_processor.transforms import normalise_mode, orient, to_srgb

    try:
        image, info = decode(
            data,
            max_bytes=LOGO_MAX_BYTES,
            max_pixels=Options().max_pixels,
            min_size=LOGO_MAX_EDGE,
        )
    except ImageRejected as error:
        raise ValidationError({"logo": str(error)}) from None
    image = orient(normalise_mode(image), orientation=info.orientation)
    alpha = image.getchannel("A") if image.mode in {"RGBA", "LA"} else None
    image = to_srgb(image.convert("RGB") if alpha else image, icc_profile=info.icc_profile)
    if alpha is not None:
        image.putalpha(alpha)
    image.thumbnail((LOGO_MAX_EDGE, LOGO_MAX_EDGE), Image.Resampling.LANCZOS)
    return image


def studio_logo_set(*, owner, data: bytes) -> Studio:
    """Stores `data` re-encoded as the owner's logo under a new key, then drops the old."""
    studio = account_selectors.studio_for(owner=owner)
    if studio.pk is None:
        raise ValidationError({"logo": "Save the studio's name and e-mail first."})
    image = logo_encode(data)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    buffer.seek(0)
    # A new key each time: a changed logo shows at once wherever the old one was cached.
    key = f"{LOGO_PREFIX}{owner.pk}/{new_id()}/logo.png"
    storage().save(key, buffer, content_type="image/png")
    old_key = studio.logo_key
    studio = account_services.studio_logo_record(
        studio=studio, key=key, width=image.width, height=image.height
    )
    services.galleries_logo_changed(owner=owner)
    _delete_logo(old_key)
    return studio


def studio_logo_remove(*, studio: Studio) -> Studio:
    old_key = studio.logo_key
    studio = account_services.studio_logo_record(studio=studio, key="", width=None, height=None)
    services.galleries_logo_changed(owner=studio.owner)
    _delete_logo(old_key)
    return studio


def _delete_logo(key: str) -> None:
    if key.startswith(LOGO_PREFIX):  # its own folder: `studio/<owner>/<id>/logo.png`
        storage().delete_prefix(key.rsplit("/", 1)[0] + "/")


def studio_logo_bytes(*, studio: Studio) -> bytes | None:
    """The stored (re-encoded) logo, for e-mails and watermarks."""
    if not studio.logo_key:
        return None
    with storage().open(studio.logo_key) as stream:
        return stream.read()


@dataclass(frozen=True)
class Brand:
    """The studio as a client sees it: on pages, in e-mails, on closed-link pages."""

    name: str
    email: str
    website: str
    phone: str
    accent: str
    logo_url: str
    logo_width: int | None
    logo_height: int | None

    @property
    def website_label(self) -> str:
        return self.website.split("://", 1)[-1].rstrip("/")

    @property
    def accent_ink(self) -> str:
        """Black or white, whichever reads better on the accent (WCAG relative luminance)."""
        channels = [int(self.accent[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        # Contrast with white (1.05 / (L + 0.05)) against with black ((L + 0.05) / 0.05).
        return "#ffffff" if 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 else "#000000"


def brand_for(*, studio: Studio | None) -> Brand | None:
    if studio is None:
        return None
    return Brand(
        name=studio.name,
        email=studio.email,
        website=studio.website,
        phone=studio.phone,
        accent=studio.accent_colour,
        logo_url=storage().image_url(studio.logo_key) if studio.logo_key else "",
        logo_width=studio.logo_width,
        logo_height=studio.logo_height,
    )


def gallery_brand(*, gallery) -> Brand:
    return brand_for(studio=account_selectors.studio_for(owner=gallery.owner))


def site_brand() -> Brand | None:
    """The brand to show where no gallery says whose it is (an unknown link)."""
    return brand_for(studio=account_selectors.studio_of_site())
