from rest_framework import serializers

from gallery.models import PhotoSet

from .common import StrictCharField


class PhotoSetSerializer(serializers.ModelSerializer):
    photo_count = serializers.SerializerMethodField()

    class Meta:
        model = PhotoSet
        fields = ["id", "gallery", "name", "position", "photo_count", "created_at"]
        read_only_fields = fields

    def get_photo_count(self, photo_set) -> int:
        count = getattr(photo_set, "photo_count", None)  # lists annotate it
        return count if count is not None else photo_set.photos.count()


class PhotoSetWriteSerializer(serializers.Serializer):
    name = StrictCharField(
        max_length=100, help_text="Unique within the gallery, case aside (refused with 400)."
    )


class SetReorderSerializer(serializers.Serializer):
    set_ids = serializers.ListField(
        child=StrictCharField(max_length=32),
        min_length=1,
        help_text="These sets first, in this order; the others keep theirs. Every id must "
        "be one of the gallery's sets (refused with 400 otherwise).",
    )


class PublishResultSerializer(serializers.Serializer):
    published = serializers.IntegerField(help_text="How many photos clients can now see.")
    published_at = serializers.DateTimeField(help_text="When the gallery was first published.")
