from django import forms
from django.utils import timezone

from .models import GALLERY_EDITABLE_FIELDS, Gallery


class TimeZoneNamed:
    """Names the time zone in the label of each date-and-time field: the time typed in is
    read in the current zone (the photographer's, set by `PhotographerTimeZoneMiddleware`),
    which the photographer should not have to guess; the help says where it is changed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = timezone.get_current_timezone_name()
        for field in self.fields.values():
            if isinstance(field, forms.DateTimeField):
                field.label = f"{field.label} ({zone})"
                where = f"Read in {zone}: change your time zone in Settings → Studio."
                field.help_text = f"{field.help_text} {where}".strip()


class GalleryForm(TimeZoneNamed, forms.ModelForm):
    # Optional in the form: a form (or a script) that leaves it out keeps the current width.
    watermark_logo_scale = forms.FloatField(
        required=False,
        min_value=0.05,
        max_value=1,
        label="Logo width",
        widget=forms.NumberInput(attrs={"step": "0.05", "min": 0.05, "max": 1}),
        help_text="The logo's width as a share of the photo's, 0.05 to 1.",
    )

    class Meta:
        model = Gallery
        fields = GALLERY_EDITABLE_FIELDS
        widgets = {
            "event_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "watermark_opacity": forms.NumberInput(attrs={"step": "0.05", "min": 0, "max": 1}),
        }
        help_texts = {
            "watermark_text": "Burned into every proof (empty: none). Changing it re-renders "
            "the proofs.",
            "watermark_opacity": "From 0 (invisible) to 1 (solid).",
            "watermark_thumbs": "Watermark the grid thumbnails too.",
            "watermark_logo_position": "Your studio's logo on the proofs too, besides or "
            "instead of the text (clear the text for the logo alone).",
            "expires_at": "After this, share links stop working. Leave empty for no expiry.",
            "min_favourites": "Optional: the client must pick at least this many.",
            "max_favourites": "Optional: the client may pick at most this many.",
        }

    def clean_watermark_logo_scale(self) -> float:
        value = self.cleaned_data.get("watermark_logo_scale")
        return self.instance.watermark_logo_scale if value is None else value
