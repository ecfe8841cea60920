import re

from django import forms

from gallery.forms import TimeZoneNamed
from gallery.models import Gallery

from .models import Label, MarkSettings, ShareLink
from .services import LINK_FIELDS, PASSWORD_MIN_LENGTH


class PasswordForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "autofocus": True, "placeholder": "Password"}
        ),
        max_length=200,
    )
    throttled = False


class JoinForm(forms.Form):
    name = forms.CharField(
        max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True})
    )
    email = forms.EmailField(
        label="E-mail",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="Only your photographer sees it. Use the same one to find your favourites "
        "again on another device.",
    )


class ShareLinkForm(TimeZoneNamed, forms.ModelForm):
    password = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False),
        help_text=f"Optional, at least {PASSWORD_MIN_LENGTH} characters. "
        "Wrong guesses are throttled.",
    )
    remove_password = forms.BooleanField(
        required=False, label="Remove the password: anyone with the link can open it"
    )

    class Meta:
        model = ShareLink
        fields = list(LINK_FIELDS)
        widgets = {
            "label": forms.TextInput(attrs={"placeholder": "Couple, Family, Planner…"}),
            "expires_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        labels = {
            "expires_at": "Expires",
            "allow_favourites": "Favourites and selection",
            "allow_comments": "Comments",
            "allow_downloads": "Downloads (as the gallery's download setting allows)",
        }
        help_texts = {"expires_at": "Leave empty to keep the link open."}

    def changes(self) -> dict:
        """Keyword arguments for `share_link_update`."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        password = self.cleaned_data.get("password") or None
        if self.cleaned_data.get("remove_password"):
            password = ""
        return {**fields, "password": password}


class ReleaseForm(forms.Form):
    scope = forms.ChoiceField(choices=Gallery.Release.choices, widget=forms.RadioSelect)


class InvitationForm(forms.Form):
    recipients = forms.CharField(
        label="To",
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "email"}),
        help_text="One or more e-mail addresses, separated by commas or new lines.",
    )
    message = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Shown above the button that opens the gallery.",
    )
    days_before_expiry = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=90,
        label="Remind them this many days before the gallery closes",
        help_text="Needs an expiry on the link or the gallery. Empty: no reminder.",
    )
    days_after_unsent_selection = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=90,
        label="Remind a visitor who picked favourites but did not send them, after this many days",
        help_text="Empty: no reminder.",
    )

    def clean_recipients(self) -> list[str]:
        addresses = [a for a in re.split(r"[\s,;]+", self.cleaned_data["recipients"]) if a]
        validate = forms.EmailField().clean
        for address in addresses:
            try:
                validate(address)
            except forms.ValidationError:
                raise forms.ValidationError(f"“{address}” is not an e-mail address.") from None
        return addresses


class MarkSettingsForm(forms.Form):
    """Which marks a gallery's clients see, and each colour's meaning (one field each)."""

    show_labels = forms.BooleanField(required=False, label="Colour labels")
    show_stars = forms.BooleanField(required=False, label="Stars (0–5)")
    show_reject = forms.BooleanField(required=False, label="Reject")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, name in Label.choices:
            self.fields[f"meaning_{value}"] = forms.CharField(
                required=False, max_length=40, label=name
            )

    @classmethod
    def for_settings(cls, settings_row: MarkSettings) -> "MarkSettingsForm":
        meanings = settings_row.label_meanings or {}
        initial = {
            "show_labels": settings_row.show_labels,
            "show_stars": settings_row.show_stars,
            "show_reject": settings_row.show_reject,
            **{f"meaning_{value}": meanings.get(value, "") for value in Label.values},
        }
        return cls(initial=initial)

    def meaning_fields(self):
        return [self[f"meaning_{value}"] for value in Label.values]

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "show_labels": data["show_labels"],
            "show_stars": data["show_stars"],
            "show_reject": data["show_reject"],
            "label_meanings": {value: data[f"meaning_{value}"] for value in Label.values},
        }


class CommentReplyForm(forms.Form):
    reply = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown to the client on the photo. Leave empty to remove your reply.",
    )
