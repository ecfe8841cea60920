"""The clients' proofing marks: favourite (Lightroom's pick), colour label, stars, reject."""

from rest_framework import serializers

from sharing.models import MarkSettings

from .common import StrictBooleanField, StrictCharField
from .sharing import LABEL_CHOICES, PhotoMarksSerializer, photo_marks_data


class VisitorRefSerializer(serializers.Serializer):
    id = StrictCharField()
    name = StrictCharField()


class MarkRowSerializer(PhotoMarksSerializer):
    """One client's marks and comments on one photo."""

    visitor = VisitorRefSerializer()
    link = StrictCharField(source="visitor.link_id")
    submitted = StrictBooleanField(source="visitor.is_locked")
    comments = serializers.SerializerMethodField()

    def get_comments(self, row) -> list[str]:
        return [comment.body for comment in row.comments]

    def to_representation(self, row):
        return {
            **photo_marks_data(row),
            "visitor": {"id": row.visitor.pk, "name": row.visitor.name},
            "link": row.visitor.link_id,
            "submitted": row.visitor.is_locked,
            "comments": self.get_comments(row),
        }


class MarkWriteSerializer(serializers.Serializer):
    """The marks to change on one photo; those left out stay as they are."""

    photo = StrictCharField(help_text="The photo's id (a photo of the selection's gallery).")
    favourite = StrictBooleanField(required=False)
    label = serializers.ChoiceField(
        choices=LABEL_CHOICES,
        required=False,
        help_text='A colour, or "" to clear it.',
    )
    stars = serializers.IntegerField(min_value=0, max_value=5, required=False)
    rejected = StrictBooleanField(required=False)

    def validate(self, attrs):
        if set(attrs) == {"photo"}:
            raise serializers.ValidationError(
                "Send at least one of favourite, label, stars or rejected."
            )
        return attrs


class MarkSettingsSerializer(serializers.ModelSerializer):
    """Which marks the gallery's clients see, and what each colour means there."""

    show_labels = StrictBooleanField(required=False)
    show_stars = StrictBooleanField(required=False)
    show_reject = StrictBooleanField(required=False)
    label_meanings = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=40),
        required=False,
        help_text='For example {"green": "print", "yellow": "maybe"}.',
    )

    class Meta:
        model = MarkSettings
        fields = ["show_labels", "show_stars", "show_reject", "label_meanings"]
