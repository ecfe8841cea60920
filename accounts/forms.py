from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from .models import STUDIO_EDITABLE_FIELDS, Studio
from .timezones import time_zone_names


def _time_zone_choices() -> list[tuple[str, str]]:
    return [("", "Not set: your browser's zone is used"), *((n, n) for n in time_zone_names())]


class SignUpForm(UserCreationForm):
    email = forms.EmailField(required=True, help_text="For password resets.")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")


class StudioForm(forms.ModelForm):
    # Checked and re-encoded by `gallery.branding.studio_logo_set`, never stored as sent.
    logo = forms.FileField(
        required=False,
        help_text="PNG or JPEG, up to 5 MB. A PNG with a transparent background also "
        "works as a watermark.",
    )
    remove_logo = forms.BooleanField(required=False, label="Remove the logo")
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)
    time_zone = forms.ChoiceField(
        required=False,
        choices=_time_zone_choices,
        label="Time zone",
        help_text="Times in your workspace, on your clients' pages and in their e-mails show "
        "in this zone, and the times you type (expiry dates) are read in it.",
    )

    class Meta:
        model = Studio
        fields = STUDIO_EDITABLE_FIELDS
        widgets = {"accent_colour": forms.TextInput(attrs={"type": "color"})}
        labels = {"name": "Studio name", "email": "E-mail", "accent_colour": "Accent colour"}
        help_texts = {
            "email": "Clients see it; selections and alerts are e-mailed here.",
            "accent_colour": "Buttons and links on your clients' pages.",
        }

    def studio_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
