"""What the web side owns. Image metadata lives in the processor's records, not here."""

from django.conf import settings
from django.db import models

from core.ids import new_id

# What a photographer may change on a gallery, in the order the form shows it: the one list
# the services, the form, the API's serializer and the admin all take.
WATERMARK_FIELDS = (
    "watermark_text",
    "watermark_opacity",
    "watermark_thumbs",
    "watermark_logo_position",
    "watermark_logo_scale",
)
GALLERY_EDITABLE_FIELDS = (
    "title",
    "client_name",
    "client_email",
    "event_date",
    "expires_at",
    *WATERMARK_FIELDS,
    "download_policy",
    "min_favourites",
    "max_favourites",
    "ordering",
)


class Gallery(models.Model):
    class DownloadPolicy(models.TextChoices):
        NONE = "none", "No downloads"
        PROOFS = "proofs", "Watermarked proofs"
        ORIGINALS = "originals", "Originals after release"

    class Release(models.TextChoices):
        NONE = "none", "Not released"
        ALL = "all", "Whole gallery"
        SELECTION = "selection", "Submitted selections only"

    class LogoPosition(models.TextChoices):
        # The processor's names (lambda_processor.watermark.LOGO_POSITIONS).
        NONE = "", "No logo"
        CENTRE = "centre", "Centre"
        BOTTOM_RIGHT = "bottom-right", "Bottom right"
        BOTTOM_LEFT = "bottom-left", "Bottom left"
        TOP_RIGHT = "top-right", "Top right"
        TOP_LEFT = "top-left", "Top left"

    class Ordering(models.TextChoices):
        MANUAL = "manual", "By hand"
        CAPTURED = "captured", "Capture time"
        FILENAME = "filename", "File name"

    id = models.CharField(primary_key=True, max_length=32, default=new_id, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="galleries"
    )
    title = models.CharField(max_length=200)
    client_name = models.CharField(max_length=200, blank=True)
    client_email = models.EmailField(blank=True)
    event_date = models.DateField(null=True, blank=True)
    cover_photo = models.ForeignKey(
        "Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    watermark_text = models.CharField(max_length=80, default="PROOF", blank=True)
    watermark_opacity = models.FloatField(default=0.3)
    watermark_thumbs = models.BooleanField(default=False)
    # The studio's logo on the proofs too (Settings → Studio), where and how wide.
    watermark_logo_position = models.CharField(
        max_length=16, choices=LogoPosition, default=LogoPosition.NONE, blank=True
    )
    watermark_logo_scale = models.FloatField(default=0.25)
    # Bumped on every watermark change; records remember the revision they were rendered at.
    render_revision = models.PositiveIntegerField(default=1, editable=False)
    download_policy = models.CharField(
        max_length=16, choices=DownloadPolicy, default=DownloadPolicy.NONE
    )
    min_favourites = models.PositiveIntegerField(null=True, blank=True)
    max_favourites = models.PositiveIntegerField(null=True, blank=True)
    # New galleries show their photos by capture time; "by hand" starts from that order.
    ordering = models.CharField(max_length=16, choices=Ordering, default=Ordering.CAPTURED)
    expires_at = models.DateTimeField(null=True, blank=True)
    release = models.CharField(max_length=16, choices=Release, default=Release.NONE)
    released_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    # None while the gallery is a draft: its links then open on a "not ready yet" page.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "galleries"

    def __str__(self) -> str:
        return self.title

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class PhotoSet(models.Model):
    """A part of a gallery's story ("Getting ready", "Ceremony"): clients move between sets,
    and the gallery's photo order is the sets' order first."""

    id = models.CharField(primary_key=True, max_length=32, default=new_id, editable=False)
    gallery = models.ForeignKey(Gallery, on_delete=models.CASCADE, related_name="sets")
    name = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return self.name


class Photo(models.Model):
    class UploadState(models.TextChoices):
        AWAITING = "awaiting", "Waiting for the upload"
        UPLOADED = "uploaded", "Uploaded"

    id = models.CharField(primary_key=True, max_length=32, default=new_id, editable=False)
    gallery = models.ForeignKey(Gallery, on_delete=models.CASCADE, related_name="photos")
    filename = models.CharField(max_length=255)
    original_key = models.CharField(max_length=512, unique=True, editable=False)
    content_type = models.CharField(max_length=64)
    size_bytes = models.PositiveBigIntegerField()
    position = models.PositiveIntegerField(default=0)
    hidden = models.BooleanField(default=False)
    # Deleting a set leaves its photos in the gallery, in no set.
    photo_set = models.ForeignKey(
        PhotoSet, null=True, blank=True, on_delete=models.SET_NULL, related_name="photos"
    )
    # Held back from clients until the photographer publishes the gallery's new photos.
    published = models.BooleanField(default=False)
    upload_state = models.CharField(
        max_length=16, choices=UploadState, default=UploadState.AWAITING
    )
    # The last processing outcome the web side was told of ("" while a render is under way).
    # Only for notifications; the record stays the truth about a photo's state.
    last_outcome = models.CharField(max_length=16, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    uploaded_at = models.DateTimeField(null=True, blank=True)
    # When the last upload form was handed out: an upload still awaited long after it is
    # abandoned (the browser closed), and the sweep removes it (services.photos_sweep_abandoned).
    upload_target_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The SHA-256 of the file as the browser declared it (checked where the bytes pass through
    # this site): how a second upload of the same photo is noticed.
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # The earlier photo this upload replaces once its own original is safely stored.
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["position", "created_at"]
        indexes = [models.Index(fields=["gallery", "position"])]

    def __str__(self) -> str:
        return self.filename


class LocalRecord(models.Model):
    """Local mode's stand-in table for DynamoDB: the same items, keyed the same way."""

    gallery_id = models.CharField(max_length=64)
    photo_id = models.CharField(max_length=64)
    item = models.JSONField()
    # The item's TILE_FIELDS (`records.tile_row`), written with it by `LocalRecordTable`:
    # a gallery's tiles are read without SQLite parsing every item. Empty: read from `item`.
    tile = models.TextField(default="", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gallery_id", "photo_id"], name="local_record_key")
        ]

    def __str__(self) -> str:
        return f"{self.gallery_id}/{self.photo_id}"


class LocalJob(models.Model):
    """Local mode's processing queue. Rows survive a restart; the workers resume them.

    A worker claims a job for a while (`claimed_until`, its lease): a claim another worker
    holds is left alone until it expires, so a worker that dies holding one only delays it.
    """

    key = models.CharField(max_length=512)
    event_name = models.CharField(max_length=64, default="ObjectCreated:Post")
    enqueued_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    claimed_by = models.CharField(max_length=96, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["finished_at", "id"])]

    def __str__(self) -> str:
        return f"{self.key} ({self.outcome or 'queued'})"
