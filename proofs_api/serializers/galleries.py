import functools

from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from gallery import selectors
from gallery.models import GALLERY_EDITABLE_FIELDS, Gallery, Photo

from .common import StrictBooleanField, StrictCharField, StrictModelSerializer


class CoverPhotoField(serializers.PrimaryKeyRelatedField):
    """A photo id or null. DRF would read "" as null; the schema says a string is an id,
    so "" is refused (a form clears the cover with the JSON body's null)."""

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("does_not_exist", pk_value=data)
        return super().run_validation(data)


class GallerySerializer(StrictModelSerializer):
    cover_photo = CoverPhotoField(
        queryset=Photo.objects.none(),
        allow_null=True,
        required=False,
        help_text="The id of one of the gallery's photos, or null for none.",
    )
    watermark_opacity = serializers.FloatField(min_value=0, max_value=1, required=False)
    max_favourites = serializers.IntegerField(
        min_value=0,
        allow_null=True,
        required=False,
        help_text="At least `min_favourites` when both are set (refused with 400 otherwise).",
    )
    expires_at = serializers.DateTimeField(
        allow_null=True,
        required=False,
        help_text="In the future when set or changed (refused with 400 otherwise), as a link's.",
    )
    archived = serializers.SerializerMethodField()
    photo_count = serializers.SerializerMethodField()
    unpublished_count = serializers.SerializerMethodField(
        help_text="Uploaded photos held back from clients until the gallery is published."
    )

    class Meta:
        model = Gallery
        fields = [
            "id",
            *GALLERY_EDITABLE_FIELDS,
            "cover_photo",
            "release",
            "released_at",
            "archived",
            "archived_at",
            "photo_count",
            "published_at",
            "unpublished_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "release",
            "released_at",
            "archived_at",
            "published_at",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "published_at": {
                "help_text": "When clients could first see the gallery; null while it is a "
                "draft (its links then open on a “not ready yet” page)."
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.instance, Gallery):
            self.fields["cover_photo"].queryset = self.instance.photos.all()

    def get_archived(self, gallery) -> bool:
        return gallery.is_archived

    def get_photo_count(self, gallery) -> int:
        # Lists annotate the count; a single gallery counts its own.
        count = getattr(gallery, "photo_count", None)
        return count if count is not None else gallery.photos.count()

    def get_unpublished_count(self, gallery) -> int:
        count = getattr(gallery, "unpublished_count", None)  # as photo_count
        return count if count is not None else selectors.unpublished_count(gallery=gallery)


class ArchiveSerializer(serializers.Serializer):
    archived = StrictBooleanField(default=True, help_text="false brings an archived gallery back.")


class AbsoluteUrlField(serializers.CharField):
    """A URL a script can follow as it is: local mode's signed paths get this site's origin;
    S3's presigned URLs are absolute already."""

    def to_representation(self, value):
        request = self.context.get("request")
        if value and request is not None:
            return absolute_url(request, value)
        return value


def absolute_url(request, url: str) -> str:
    """`request.build_absolute_uri(url)`, without parsing each of a page's hundreds of URLs:
    a plain absolute path (what local mode signs) gets the request's origin, worked out
    once; anything else (S3's full URLs) goes through Django."""
    plain = url.startswith("/") and not url.startswith("//") and url.isascii()
    if not plain or "/./" in url or "/../" in url:
        return request.build_absolute_uri(url)
    origin = getattr(request, "_absolute_origin", None)
    if origin is None:
        origin = request._absolute_origin = request.build_absolute_uri("/")[:-1]
    return origin + url


class PhotoSerializer(serializers.Serializer):
    """A photo for its photographer: the web row joined with the processor's record."""

    id = StrictCharField(source="photo.pk")
    gallery = StrictCharField(source="photo.gallery_id")
    filename = StrictCharField(source="photo.filename")
    position = serializers.IntegerField(source="photo.position")
    hidden = StrictBooleanField(source="photo.hidden")
    set = StrictCharField(
        source="photo.photo_set_id", allow_null=True, help_text="The photo's set, or null."
    )
    published = StrictBooleanField(
        source="photo.published",
        help_text="false while the photo is held back from clients (until the gallery's "
        "new photos are published).",
    )
    status = StrictCharField()
    error = StrictCharField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    placeholder = StrictCharField()
    thumb_url = AbsoluteUrlField(help_text="Short-lived thumbnail URL; empty until processed.")
    thumb_width = serializers.SerializerMethodField(help_text="The thumbnail's width in pixels.")
    thumb_height = serializers.SerializerMethodField(help_text="The thumbnail's height in pixels.")
    thumb_srcset = serializers.SerializerMethodField(
        help_text="The thumbnail in several widths as an HTML `srcset` (short-lived URLs with "
        "width descriptors); empty when the photo has only `thumb_url`."
    )
    thumb_srcset_type = StrictCharField(
        help_text="The content type of `thumb_srcset`'s images (image/webp): offer them as "
        "a <picture> source with `thumb_url` (JPEG) for the rest."
    )
    proof_url = AbsoluteUrlField(help_text="Short-lived URL of the watermarked proof.")
    captured_at = StrictCharField()
    camera = serializers.SerializerMethodField()
    original = serializers.SerializerMethodField()
    uploaded_at = serializers.DateTimeField(source="photo.uploaded_at", allow_null=True)
    order_keys = serializers.DictField(
        child=serializers.CharField(),
        source="order",
        help_text="For each gallery ordering (manual, captured, filename), a string key: "
        "photos sorted by comparing these keys as plain strings are in the gallery's order.",
    )

    def to_representation(self, view):
        """The fields above, each read once: what DRF's field-by-field pass gives (a test
        pins it), without its per-field lookups, which were most of a 100-photo page. The
        record's parts are looked up once here rather than once per field that reads them."""
        photo, request = view.photo, self.context.get("request")
        record = view.record or {}
        renditions = record.get("renditions") or {}
        proof_size = renditions.get("proof") or {}
        thumb_size = renditions.get("thumb") or {}
        exif = record.get("exif") or {}
        original = record.get("original") or {}
        thumb, proof, sources = view.thumb_url, view.proof_url, view.thumb_sources
        if request is not None:
            thumb = absolute_url(request, thumb) if thumb else thumb
            proof = absolute_url(request, proof) if proof else proof
        uploaded = photo.uploaded_at
        return {
            "id": str(photo.pk),
            "gallery": str(photo.gallery_id),
            "filename": str(photo.filename),
            "position": int(photo.position),
            "hidden": bool(photo.hidden),
            "set": photo.photo_set_id,
            "published": bool(photo.published),
            "status": view.status,
            "error": record.get("error") or "",
            "width": _integer(proof_size.get("width")),
            "height": _integer(proof_size.get("height")),
            "placeholder": record.get("placeholder", ""),
            "thumb_url": thumb,
            "thumb_width": thumb_size.get("width"),
            "thumb_height": thumb_size.get("height"),
            "thumb_srcset": _srcset(request, sources),
            "thumb_srcset_type": view.thumb_srcset_type,
            "proof_url": proof,
            "captured_at": exif.get("captured_at") or "",
            "camera": _camera(exif),
            "original": _original(original, photo),
            "uploaded_at": None if uploaded is None else self._datetime(uploaded),
            "order_keys": view.order,
        }

    def _datetime(self, value) -> str:
        """`uploaded_at`'s DateTimeField.to_representation (ISO 8601 in the current time
        zone, "Z" for UTC), with the zone and the format looked up once per page rather than
        once per photo, and without building the bound fields (a deep copy of them all)."""
        zone = self._iso_time_zone
        if zone is None or value.tzinfo is None:
            return self.fields["uploaded_at"].to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    @functools.cached_property
    def _iso_time_zone(self):
        """The zone `uploaded_at` is shown in when its format is ISO 8601, else None."""
        field = self._declared_fields["uploaded_at"]
        iso = getattr(field, "format", api_settings.DATETIME_FORMAT).lower() == ISO_8601
        return field.default_timezone() if iso else None

    def get_thumb_width(self, view) -> int | None:
        return view.rendition("thumb").get("width")

    def get_thumb_height(self, view) -> int | None:
        return view.rendition("thumb").get("height")

    def get_thumb_srcset(self, view) -> str:
        return _srcset(self.context.get("request"), view.thumb_sources)

    def get_camera(self, view) -> dict:
        return _camera(view.exif)

    def get_original(self, view) -> dict:
        return _original((view.record or {}).get("original") or {}, view.photo)


def _srcset(request, sources: list[tuple[str, int]]) -> str:
    if request is not None:
        sources = [(absolute_url(request, url), width) for url, width in sources]
    return selectors.srcset_attribute(sources)


def _camera(exif: dict) -> dict:
    return {
        "camera": exif.get("camera") or "",
        "lens": exif.get("lens") or "",
        "exposure": exif.get("exposure") or {},
    }


def _original(original: dict, photo) -> dict:
    return {
        "bytes": original.get("bytes") or photo.size_bytes,
        "width": original.get("width"),
        "height": original.get("height"),
        "format": original.get("format") or "",
    }


def _integer(value) -> int | None:
    return None if value is None else int(value)


def set_field(more_help: str) -> StrictCharField:
    """A set's id or null; the view checks it names one of the gallery's sets."""
    return StrictCharField(
        max_length=32,
        allow_null=True,
        required=False,
        help_text=f"The id of one of the gallery's sets (refused with 400 otherwise){more_help}",
    )


class PhotoUpdateSerializer(serializers.Serializer):
    hidden = StrictBooleanField(required=False)
    set = set_field(", or null for none. The photo goes last in that set.")


SHA256_HEX = r"^[0-9a-fA-F]{64}$"


class UploadRequestSerializer(serializers.Serializer):
    filename = StrictCharField(max_length=255)
    size = serializers.IntegerField(min_value=1)
    content_type = StrictCharField(max_length=64)
    sha256 = serializers.RegexField(
        SHA256_HEX,
        required=False,
        help_text="The file's SHA-256 in hex: a later upload of the same content is noticed.",
    )
    replaces = StrictCharField(
        max_length=32,
        required=False,
        help_text="A photo of this gallery that the new one replaces once its file is "
        "stored and checked; until then the earlier photo stays as it is.",
    )
    set = set_field("; none by default.")


class FileDescriptionSerializer(serializers.Serializer):
    filename = StrictCharField(max_length=255)
    size = serializers.IntegerField(min_value=1)
    sha256 = serializers.RegexField(SHA256_HEX, required=False)


class DuplicateCheckSerializer(serializers.Serializer):
    files = serializers.ListField(child=FileDescriptionSerializer(), max_length=1000)


class RenderProgressSerializer(serializers.Serializer):
    revision = serializers.IntegerField(help_text="The gallery's render revision (watermark).")
    done = serializers.IntegerField(help_text="Photos rendered at this revision.")
    total = serializers.IntegerField(help_text="Photos rendered before; `done` of them again.")


class DuplicateSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="The file's place in `files`, from 0.")
    photo = StrictCharField(source="photo.pk", help_text="The photo this file repeats.")
    filename = StrictCharField(source="photo.filename")
    reason = StrictCharField(help_text="`same content` or `same name and size`.")


class DuplicatesSerializer(serializers.Serializer):
    duplicates = DuplicateSerializer(
        many=True, help_text="The files that repeat a photo of the gallery, in order."
    )


class ReorderSerializer(serializers.Serializer):
    photo_ids = serializers.ListField(child=StrictCharField(max_length=32), min_length=1)


class UploadFormSerializer(serializers.Serializer):
    url = StrictCharField(help_text="POST the form here, as multipart/form-data.")
    fields = serializers.DictField(
        child=StrictCharField(),
        help_text="Send each of these form fields, in this order, then `file` last.",
    )
    expires_in = serializers.IntegerField(help_text="Seconds the form stays valid.")


class UploadTargetSerializer(serializers.Serializer):
    photo = PhotoSerializer()
    target = UploadFormSerializer()


class PhotoPageSerializer(serializers.Serializer):
    next = StrictCharField(allow_null=True, help_text="The next page's URL; null on the last page.")
    first = StrictCharField(help_text="The first page's URL.")
    results = PhotoSerializer(many=True)
