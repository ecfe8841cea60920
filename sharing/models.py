"""Share links and what clients do through them: visitors, favourites, comments,
submitted selections, downloads, and the activity the photographer sees."""

from django.db import models
from django.utils import timezone

from core.ids import new_id
from gallery.models import Gallery, Photo


class ShareLink(models.Model):
    """One way into a gallery. The token is never stored: only a random salt (the token
    is an HMAC of it under SECRET_KEY) and the token's SHA-256 for looking it up."""

    id = models.CharField(primary_key=True, max_length=32, default=new_id, editable=False)
    gallery = models.ForeignKey(Gallery, on_delete=models.CASCADE, related_name="share_links")
    label = models.CharField(max_length=100)
    token_salt = models.CharField(max_length=64, editable=False)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    password_hash = models.CharField(max_length=256, blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    allow_favourites = models.BooleanField(default=True)
    allow_comments = models.BooleanField(default=True)
    allow_downloads = models.BooleanField(default=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.gallery})"

    @property
    def has_password(self) -> bool:
        return bool(self.password_hash)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


class Visitor(models.Model):
    """A person who gave their name and e-mail on a link. Their favourites are their
    selection; `submitted_at` set means the selection is sent and locked."""

    id = models.CharField(primary_key=True, max_length=32, default=new_id, editable=False)
    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="visitors")
    name = models.CharField(max_length=120)
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The photographer's "new" badge clears once they have looked at the selection.
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["link", "email"], name="visitor_email_per_link")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @property
    def is_locked(self) -> bool:
        return self.submitted_at is not None


class Favourite(models.Model):
    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="favourites")
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["visitor", "photo"], name="favourite_once")]

    def __str__(self) -> str:
        return f"{self.visitor} ♥ {self.photo}"


class Label(models.TextChoices):
    """Lightroom Classic's colour labels, by the names it writes to `xmp:Label`."""

    RED = "red", "Red"
    YELLOW = "yellow", "Yellow"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"
    PURPLE = "purple", "Purple"


class Mark(models.Model):
    """A visitor's colour label, stars and reject on one photo, beside their favourite
    (a `Favourite` row, Lightroom's Pick). A row with nothing set is deleted."""

    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="marks")
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=8, choices=Label, blank=True)
    stars = models.PositiveSmallIntegerField(default=0)
    rejected = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["photo__position", "photo__filename"]
        constraints = [
            models.UniqueConstraint(fields=["visitor", "photo"], name="mark_once"),
            models.CheckConstraint(condition=models.Q(stars__lte=5), name="mark_stars_0_5"),
        ]

    def __str__(self) -> str:
        return f"{self.visitor} on {self.photo}: {self.label or '-'} {self.stars}★"

    @property
    def is_empty(self) -> bool:
        return not (self.label or self.stars or self.rejected)


class MarkSettings(models.Model):
    """Which marks a gallery's clients see (favourites only unless the photographer
    switches more on), and what each colour means in this gallery."""

    gallery = models.OneToOneField(
        Gallery, on_delete=models.CASCADE, primary_key=True, related_name="mark_settings"
    )
    show_labels = models.BooleanField(default=False)
    show_stars = models.BooleanField(default=False)
    show_reject = models.BooleanField(default=False)
    # {"green": "print", "yellow": "maybe"}: shown to the client as a legend.
    label_meanings = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"Marks of {self.gallery}"


class Comment(models.Model):
    MAX_LENGTH = 2000

    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="comments")
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    # The photographer's answer, shown to the client on the same photo.
    reply = models.TextField(max_length=MAX_LENGTH, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.visitor} on {self.photo}: {self.body[:40]}"


class LinkEvent(models.Model):
    """Activity on a link that no other row records: page views, downloads, submissions."""

    class Kind(models.TextChoices):
        VIEW = "view", "Viewed the gallery"
        DOWNLOAD = "download", "Downloaded a photo"
        DOWNLOAD_ALL = "download_all", "Downloaded all released photos"
        SUBMIT = "submit", "Submitted a selection"
        REOPEN = "reopen", "Selection unlocked by the photographer"

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="events")
    visitor = models.ForeignKey(
        Visitor, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    photo = models.ForeignKey(
        Photo, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["link", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.link})"


class PasswordAttempt(models.Model):
    """Counted in the database so the throttle holds across web processes and Lambdas.
    The address is kept only as an HMAC: enough to count, not to identify anyone."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="attempts")
    address_digest = models.CharField(max_length=64)
    succeeded = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["link", "address_digest", "created_at"])]

    def __str__(self) -> str:
        return f"{'ok' if self.succeeded else 'failed'} on {self.link} at {self.created_at}"


class ReleasedPhoto(models.Model):
    """The photos a "selection" release covers, fixed when the photographer released them,
    so a later change of favourites never widens what was released."""

    gallery = models.ForeignKey(Gallery, on_delete=models.CASCADE, related_name="+")
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="+")
    released_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gallery", "photo"], name="released_once")]

    def __str__(self) -> str:
        return f"{self.photo} released"


class Export(models.Model):
    """A ZIP of released originals built off the request path (AWS) and kept in storage
    under `exports/<gallery>/<id>.zip`."""

    class State(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    id = models.CharField(primary_key=True, max_length=32, default=new_id, editable=False)
    gallery = models.ForeignKey(Gallery, on_delete=models.CASCADE, related_name="+")
    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="exports")
    photo_ids = models.JSONField(default=list)
    # Released photos: the originals, or the clean web-size renditions ("web").
    size = models.CharField(max_length=16, default="original")
    state = models.CharField(max_length=16, choices=State, default=State.PENDING)
    key = models.CharField(max_length=512, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.state})"


class LinkEmail(models.Model):
    """An e-mail sent to clients about a link (the invitation, reminders), shown in the
    link's activity. Each reminder kind goes once per link, or once per visitor."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", "Invitation"
        EXPIRY_REMINDER = "expiry_reminder", "Reminder: the gallery closes soon"
        SELECTION_REMINDER = "selection_reminder", "Reminder: the selection is not sent"

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="emails")
    visitor = models.ForeignKey(
        Visitor, null=True, blank=True, on_delete=models.CASCADE, related_name="emails"
    )
    kind = models.CharField(max_length=24, choices=Kind)
    recipients = models.JSONField(default=list)
    subject = models.CharField(max_length=200)
    message = models.TextField(blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["link", "kind"],
                condition=models.Q(kind="expiry_reminder"),
                name="expiry_reminder_once_per_link",
            ),
            models.UniqueConstraint(
                fields=["link", "visitor", "kind"],
                condition=models.Q(kind="selection_reminder"),
                name="selection_reminder_once_per_visitor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {', '.join(self.recipients)}"


class LinkReminders(models.Model):
    """Which reminders the photographer asked for when sending a link (none by default)."""

    link = models.OneToOneField(ShareLink, on_delete=models.CASCADE, related_name="reminders")
    # Days before the link or its gallery closes, whichever closes first.
    days_before_expiry = models.PositiveSmallIntegerField(null=True, blank=True)
    # Days after a visitor last picked a favourite without sending their selection.
    days_after_unsent_selection = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Reminders of {self.link}"
