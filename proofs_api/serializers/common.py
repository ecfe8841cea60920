from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Every failure's body."""

    message = serializers.CharField(help_text="What went wrong and what to do about it.")
    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    errors = serializers.DictField(
        required=False,
        help_text="For invalid input only: each field and what is wrong with it.",
    )
