from django import forms

from . import webhooks


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        help_text="What uses it, e.g. “Studio CRM”: you will see it in the list.",
    )


class WebhookForm(forms.Form):
    url = forms.URLField(
        label="URL",
        max_length=500,
        assume_scheme="https",
        help_text="Proofsheet POSTs signed JSON here.",
    )
    events = forms.MultipleChoiceField(
        choices=[(name, f"{name}: {text}") for name, text in webhooks.EVENTS.items()],
        widget=forms.CheckboxSelectMultiple,
        initial=list(webhooks.EVENTS),
    )
    description = forms.CharField(max_length=200, required=False)
