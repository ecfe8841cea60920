"""Settings → Studio: the profile's fields and the logo, in one form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.forms import StudioForm
from accounts.views import render_settings

from . import branding


def settings_context(*, owner, **forms) -> dict:
    """The Studio part of the Settings page (registered as a section in `GalleryConfig`)."""
    studio = account_selectors.studio_for(owner=owner)
    return {
        "studio_form": forms.get("studio_form") or StudioForm(instance=studio),
        "studio": studio,
        "studio_brand": branding.brand_for(studio=studio),
    }


@login_required
@require_POST
def studio_edit(request):
    studio = account_selectors.studio_for(owner=request.user)
    form = StudioForm(request.POST, request.FILES, instance=studio)
    if form.is_valid():
        try:
            with transaction.atomic():
                studio = account_services.studio_update(owner=request.user, **form.studio_fields())
                upload = form.cleaned_data["logo"]
                if upload:
                    branding.studio_logo_set(owner=request.user, data=upload.read())
                elif form.cleaned_data["remove_logo"] and studio.has_logo:
                    branding.studio_logo_remove(studio=studio)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Studio saved: your clients' pages show it now.")
            return redirect("accounts:settings")
    return render_settings(request, status=400, studio_form=form)
