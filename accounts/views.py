"""The photographer's own account: signing up and the Settings page."""

import json

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import sections, services
from .forms import SignUpForm


def render_settings(request, *, status: int = 200, **forms):
    """The Settings page; `forms` are bound forms a section shows again with their errors."""
    context = {"sections": sections.registered()}
    for section in context["sections"]:
        context.update(section.context(owner=request.user, **forms))
    return render(request, "accounts/settings.html", context, status=status)


@login_required
def settings_page(request):
    return render_settings(request)


def signup(request):
    if not settings.PROOFSHEET_SIGNUP_ENABLED:
        raise Http404("Sign-up is turned off on this site.")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        return redirect("gallery:list")
    return render(request, "registration/signup.html", {"form": form})


@require_POST
def time_zone_learn(request):
    """The browser's zone (`{"time_zone": "Europe/Paris"}`, from static/js/timezone.js) for
    a photographer who has none yet; 204 also when they had one (it is kept)."""
    if not request.user.is_authenticated:
        return JsonResponse({"message": "Sign in first.", "status": 403}, status=403)
    try:
        name = json.loads(request.body or b"{}").get("time_zone", "")
    except (ValueError, AttributeError):
        name = None
    if not isinstance(name, str) or not name:
        return JsonResponse({"message": 'Send {"time_zone": name}.', "status": 400}, status=400)
    try:
        services.studio_time_zone_learn(owner=request.user, time_zone=name)
    except ValidationError as error:
        message = " ".join(error.messages)
        return JsonResponse({"message": message, "status": 400}, status=400)
    return HttpResponse(status=204)
