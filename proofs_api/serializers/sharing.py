"""Share links, client selections and comments, as the photographer sees them."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gallery.models import Gallery
from sharing import reports
from sharing import selectors as sharing_selectors
from sharing.models import Comment, Label, ShareLink

from .common import StrictBooleanField, StrictCharField, StrictModelSerializer


class LinkActivitySerializer(serializers.Serializer):
    views = serializers.IntegerField()
    visitors = serializers.IntegerField()
    favourites = serializers.IntegerField()
    comments = serializers.IntegerField()
    downloads = serializers.IntegerField()
    failed_passwords = serializers.IntegerField()
    submitted = serializers.IntegerField()


class ShareLinkSerializer(StrictModelSerializer):
    url = serializers.SerializerMethodField(
        help_text="The address to send the client; null if it must be reissued."
    )
    has_password = StrictBooleanField(read_only=True)
    revoked = StrictBooleanField(source="is_revoked", read_only=True)
    closed = serializers.SerializerMethodField(
        help_text="Why the link does not open now (revoked, expired, gallery_expired, "
        "archived), or null when it does."
    )
    activity = serializers.SerializerMethodField()

    class Meta:
        model = ShareLink
        fields = [
            "id",
            "gallery",
            "label",
            "url",
            "has_password",
            "expires_at",
            "allow_favourites",
            "allow_comments",
            "allow_downloads",
            "revoked",
            "revoked_at",
            "closed",
            "activity",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_url(self, link) -> str | None:
        path = sharing_selectors.share_link_path(link=link)
        return settings.PROOFSHEET_SITE_ORIGIN + path if path else None

    def get_closed(self, link) -> str | None:
        reason = sharing_selectors.link_closed_reason(link=link)
        return reason[0] if reason else None

    @extend_schema_field(LinkActivitySerializer)
    def get_activity(self, link) -> dict:
        activity = self.context.get("activity", {}).get(link.pk)
        if activity is None:
            activity = sharing_selectors.link_activity(links=[link])[link.pk]
        return LinkActivitySerializer(activity).data


class ShareLinkWriteSerializer(serializers.Serializer):
    label = StrictCharField(max_length=100)
    password = StrictCharField(
        required=False,
        allow_blank=True,
        write_only=True,
        help_text='Clients must enter it; "" removes it. Omit to keep it as it is.',
    )
    expires_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="In the future when set (refused with 400 otherwise); null for no expiry.",
    )
    allow_favourites = StrictBooleanField(required=False)
    allow_comments = StrictBooleanField(required=False)
    allow_downloads = StrictBooleanField(required=False)


class RevokeSerializer(serializers.Serializer):
    revoked = StrictBooleanField(default=True, help_text="false switches the link back on.")


class PhotoRefSerializer(serializers.Serializer):
    id = StrictCharField()
    filename = StrictCharField()


# A colour label, or "" for none.
LABEL_CHOICES = [("", "none"), *Label.choices]


def photo_marks_data(row) -> dict:
    """A `sharing.marks` row as `PhotoMarksSerializer` shows it."""
    return {"photo": {"id": row.photo.pk, "filename": row.photo.filename}, **row.marks.as_dict()}


class PhotoMarksSerializer(serializers.Serializer):
    photo = PhotoRefSerializer()
    favourite = StrictBooleanField(help_text="Lightroom's pick; what the client submits.")
    label = serializers.ChoiceField(
        choices=LABEL_CHOICES, help_text='Lightroom\'s colour name, or "".'
    )
    stars = serializers.IntegerField(min_value=0, max_value=5)
    rejected = StrictBooleanField()


class CommentSerializer(StrictModelSerializer):
    photo = PhotoRefSerializer(read_only=True)
    visitor = serializers.SerializerMethodField()
    link = StrictCharField(source="visitor.link_id", read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "photo", "visitor", "link", "body", "created_at", "reply", "replied_at"]
        read_only_fields = fields

    def get_visitor(self, comment) -> dict:
        return {"id": comment.visitor_id, "name": comment.visitor.name}


class SelectionSerializer(serializers.Serializer):
    """One client's favourites (and comments) through one link."""

    id = StrictCharField(source="visitor.pk", help_text="The client's (visitor's) id.")
    gallery = StrictCharField(source="visitor.link.gallery_id")
    link = StrictCharField(source="visitor.link_id")
    link_label = StrictCharField(source="visitor.link.label")
    name = StrictCharField(source="visitor.name")
    email = serializers.EmailField(source="visitor.email")
    submitted = StrictBooleanField(source="visitor.is_locked")
    submitted_at = serializers.DateTimeField(source="visitor.submitted_at", allow_null=True)
    favourites = PhotoRefSerializer(many=True)
    marks = serializers.SerializerMethodField(
        help_text="Every photo the client marked: favourite, colour label, stars, reject."
    )
    comments = serializers.SerializerMethodField()
    lightroom = serializers.SerializerMethodField(
        help_text="The favourites' file names as Lightroom's Library Filter takes them."
    )

    def get_lightroom(self, selection) -> str:
        return reports.selection_lightroom(selection)

    @extend_schema_field(PhotoMarksSerializer(many=True))
    def get_marks(self, selection) -> list[dict]:
        return [photo_marks_data(row) for row in selection.marks if row.marks.is_marked]

    def get_comments(self, selection) -> list[dict]:
        return [
            {
                "id": c.pk,
                "photo": c.photo_id,
                "body": c.body,
                "created_at": c.created_at,
                "reply": c.reply,
            }
            for c in selection.comments
        ]


class ReleaseSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(
        choices=Gallery.Release.choices,
        help_text="all: every photo; selection: the photos in submitted selections now; "
        "none: withdraw the release.",
    )
