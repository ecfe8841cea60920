"""The photographer's own account: signing up and the Settings page."""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from . import sections
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
