from django.db import models
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Every failure's body."""

    message = serializers.CharField(help_text="What went wrong and what to do about it.")
    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    errors = serializers.DictField(
        required=False,
        help_text="For invalid input only: each field and what is wrong with it.",
    )


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false, as the schema says; DRF's own field also takes 0, 1, "yes"..."""

    def to_internal_value(self, data):
        if data is True or data is False:
            return data
        self.fail("invalid", input=data)


class StrictCharField(serializers.CharField):
    """A JSON string, as the schema says; DRF's own field also turns 0 into "0"."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.BooleanField: StrictBooleanField,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }
