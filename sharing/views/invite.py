"""The Share page's "E-mail the link": the photographer sends a link to clients."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from .. import invitations
from ..forms import InvitationForm
from .manage import _link


@login_required
def link_invite(request, link_id):
    link = _link(request, link_id)
    reminders = getattr(link, "reminders", None)
    initial = {
        "recipients": link.gallery.client_email,
        "days_before_expiry": reminders.days_before_expiry if reminders else None,
        "days_after_unsent_selection": reminders.days_after_unsent_selection if reminders else None,
    }
    form = InvitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sent = invitations.link_invitation_send(
                link=link, origin=request.build_absolute_uri("/"), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Link “{link.label}” e-mailed to {', '.join(sent.recipients)}."
            )
            return redirect("sharing:manage", link.gallery_id)
    return render(
        request,
        "sharing/manage/invite.html",
        {"form": form, "link": link, "gallery": link.gallery},
        status=400 if form.errors else 200,
    )
