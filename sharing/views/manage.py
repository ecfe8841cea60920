"""The photographer's side of sharing: links and their activity, selections with their
Lightroom and CSV exports, unlocking, and releasing originals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gallery import selectors as gallery_selectors
from gallery.models import Gallery

from .. import reports, selectors, services
from ..forms import ReleaseForm, ShareLinkForm
from ..models import ShareLink, Visitor


def _link(request, link_id: str) -> ShareLink:
    try:
        return selectors.share_link_get(owner=request.user, link_id=link_id)
    except ShareLink.DoesNotExist as error:
        raise Http404("No such link.") from error


def _link_rows(request, gallery: Gallery) -> list[dict]:
    links = list(selectors.share_links(gallery=gallery))
    activity = selectors.link_activity(links=links)
    emails = selectors.link_emails(links=links)
    rows = []
    for link in links:
        path = selectors.share_link_path(link=link)
        rows.append(
            {
                "link": link,
                "url": request.build_absolute_uri(path) if path else "",
                "activity": activity[link.pk],
                "emails": emails[link.pk],
                "closed": selectors.link_closed_reason(link=link),
            }
        )
    return rows


@login_required
def overview(request, gallery_id):
    gallery = gallery_selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    form = ShareLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        try:
            link = services.share_link_create(
                gallery=gallery, password=changes.pop("password") or "", **changes
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Link “{link.label}” created. Copy it and send it.")
            return redirect("sharing:manage", gallery.pk)
    context = {
        "gallery": gallery,
        "rows": _link_rows(request, gallery),
        "form": form,
        "released_count": len(selectors.released_photo_ids(gallery=gallery)),
        "submitted_count": len(selectors.submitted_photo_ids(gallery=gallery)),
        "new_submissions": selectors.new_submissions_count(gallery=gallery),
    }
    return render(request, "sharing/manage/overview.html", context)


@login_required
def link_edit(request, link_id):
    link = _link(request, link_id)
    form = ShareLinkForm(request.POST or None, instance=ShareLink.objects.get(pk=link.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.share_link_update(link=link, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Link “{link.label}” saved; the change applies at once.")
            return redirect("sharing:manage", link.gallery_id)
    return render(
        request,
        "sharing/manage/link_form.html",
        {"form": form, "link": link, "gallery": link.gallery},
    )


@login_required
@require_POST
def link_revoke(request, link_id):
    link = _link(request, link_id)
    revoked = request.POST.get("revoked", "1") == "1"
    services.share_link_revoke(link=link, revoked=revoked)
    note = "switched off; it now shows a “link withdrawn” page" if revoked else "switched on"
    messages.success(request, f"Link “{link.label}” {note}.")
    return redirect("sharing:manage", link.gallery_id)


@login_required
@require_POST
def link_reissue(request, link_id):
    link = _link(request, link_id)
    services.share_link_reissue(link=link)
    messages.success(request, f"Link “{link.label}” has a new address; the old one stopped.")
    return redirect("sharing:manage", link.gallery_id)


@login_required
@require_POST
def release(request, gallery_id):
    gallery = gallery_selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    form = ReleaseForm(request.POST)
    if form.is_valid():
        try:
            services.gallery_release(gallery=gallery, scope=form.cleaned_data["scope"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                {
                    Gallery.Release.NONE: "Originals are private again.",
                    Gallery.Release.ALL: "Originals of the whole gallery are released.",
                    Gallery.Release.SELECTION: "The submitted selections' originals are released.",
                }[gallery.release],
            )
    return redirect("sharing:manage", gallery.pk)


@login_required
def selections(request, gallery_id):
    gallery = gallery_selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    found = selectors.selections(gallery=gallery)
    thumbs = {
        view.photo.pk: view.thumb_url for view in gallery_selectors.photo_list(gallery=gallery)
    }
    context = {
        "gallery": gallery,
        "selections": [
            {
                "selection": s,
                "photos": [(p, thumbs.get(p.pk, "")) for p in s.favourites],
                "lightroom": reports.selection_lightroom(s),
            }
            for s in found
        ],
        "combined_lightroom": reports.selections_lightroom(found),
        "submitted_count": sum(1 for s in found if s.visitor.is_locked),
    }
    response = render(request, "sharing/manage/selections.html", context)
    services.selections_mark_seen(gallery=gallery)
    return response


@login_required
def selections_csv(request, gallery_id):
    gallery = gallery_selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="selections-{gallery.pk}.csv"'
    reports.selections_csv_write(selectors.selections(gallery=gallery), response)
    return response


@login_required
@require_POST
def visitor_unlock(request, visitor_id):
    try:
        visitor = selectors.visitor_get(owner=request.user, visitor_id=visitor_id)
    except Visitor.DoesNotExist as error:
        raise Http404("No such selection.") from error
    services.selection_reopen(visitor=visitor)
    messages.success(request, f"{visitor.name}'s selection is unlocked; they can change it.")
    return redirect("sharing:selections", visitor.link.gallery_id)
