"""The Settings page's forms for tokens and webhooks. A new key or secret is shown on the
page that answers the form, once, and never again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.views import render_settings

from .. import selectors, services
from ..forms import TokenForm, WebhookForm


def settings_context(*, owner, **forms) -> dict:
    """The API part of the Settings page (registered as a section in `ProofsApiConfig`)."""
    return {
        "token_form": forms.get("token_form") or TokenForm(),
        "webhook_form": forms.get("webhook_form") or WebhookForm(),
        "api_tokens": selectors.token_list(owner=owner),
        "webhooks": selectors.webhook_list(owner=owner),
    }


def _settings_with(request, **forms):
    """The Settings page again, showing what was wrong with a form."""
    return render_settings(request, status=400, **forms)


@never_cache
@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _settings_with(request, token_form=form)
    token, key = services.token_create(owner=request.user, name=form.cleaned_data["name"])
    return render(request, "proofs_api/token_created.html", {"token": token, "key": key})


@login_required
@require_POST
def token_revoke(request, token_id):
    token = get_object_or_404(selectors.token_list(owner=request.user), pk=token_id)
    services.token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("accounts:settings")


@never_cache
@login_required
@require_POST
def webhook_create(request):
    form = WebhookForm(request.POST)
    if form.is_valid():
        try:
            webhook, secret = services.webhook_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(
                request, "proofs_api/webhook_created.html", {"webhook": webhook, "secret": secret}
            )
    return _settings_with(request, webhook_form=form)


@login_required
def webhook_detail(request, webhook_id):
    webhook = get_object_or_404(selectors.webhook_list(owner=request.user), pk=webhook_id)
    deliveries = selectors.delivery_list(owner=request.user).filter(webhook=webhook)[:50]
    return render(
        request,
        "proofs_api/webhook_detail.html",
        {"webhook": webhook, "deliveries": deliveries},
    )


@login_required
@require_POST
def webhook_ping(request, webhook_id):
    webhook = get_object_or_404(selectors.webhook_list(owner=request.user), pk=webhook_id)
    services.delivery_ping(webhook=webhook)
    messages.success(request, "Test delivery queued: its outcome appears below in a moment.")
    return redirect("api:settings-webhook-detail", webhook_id=webhook.pk)


@login_required
@require_POST
def webhook_delete(request, webhook_id):
    webhook = get_object_or_404(selectors.webhook_list(owner=request.user), pk=webhook_id)
    services.webhook_delete(webhook=webhook)
    messages.success(request, f"Webhook to {webhook.url} deleted.")
    return redirect("accounts:settings")
