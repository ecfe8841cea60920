"""The photographer's view of every client's marks: who marked what on each photo, the
filters by client and mark, two clients side by side, the exports of the current filter
(Lightroom string, CSV, XMP sidecars), what the clients see, and replies to comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from gallery import selectors as gallery_selectors

from .. import exports, reports, services
from .. import marks as mark_selectors
from ..forms import CommentReplyForm, MarkSettingsForm
from ..models import Comment


def _filter(request):
    try:
        return mark_selectors.mark_filter_from_query(request.GET)
    except ValidationError as error:
        raise Http404(" ".join(error.messages)) from error


def _winner(request, mark_filter) -> str | None:
    winner = request.GET.get("winner") or None
    if winner is None and len(mark_filter.visitor_ids) == 1:
        winner = next(iter(mark_filter.visitor_ids))
    return winner


def _photo_table(rows, visitors) -> list[dict]:
    """One entry per photo: each visitor's marks (None where they marked nothing)."""
    table: dict[str, dict] = {}
    for row in rows:
        entry = table.setdefault(
            row.photo.pk, {"photo": row.photo, "marks": dict.fromkeys(v.pk for v in visitors)}
        )
        entry["marks"][row.visitor.pk] = row
    for entry in table.values():
        entry["cells"] = [entry["marks"][v.pk] for v in visitors]
    return list(table.values())


@login_required
@require_GET
def compare(request, gallery_id):
    gallery = gallery_selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    mark_filter = _filter(request)
    visitors = list(mark_selectors.gallery_visitors(gallery=gallery))
    rows = mark_selectors.mark_rows(gallery=gallery, mark_filter=mark_filter)
    shown = [v for v in visitors if not mark_filter.visitor_ids or v.pk in mark_filter.visitor_ids]
    thumbs = {v.photo.pk: v.thumb_url for v in gallery_selectors.photo_list(gallery=gallery)}
    table = _photo_table(rows, shown)
    for entry in table:
        entry["thumb"] = thumbs.get(entry["photo"].pk, "")
    by_id = {v.pk: v for v in visitors}
    first, second = by_id.get(request.GET.get("a")), by_id.get(request.GET.get("b"))
    comparison = None
    if first and second and first != second:
        comparison = mark_selectors.visitors_compare(gallery=gallery, first=first, second=second)
    settings_row = mark_selectors.mark_settings(gallery=gallery)
    query = request.GET.urlencode()
    context = {
        "gallery": gallery,
        "visitors": visitors,
        "shown_visitors": shown,
        "table": table,
        "filter": mark_filter,
        "labels": mark_selectors.label_legend(settings=settings_row),
        "stars_choices": range(1, 6),
        "query": f"?{query}" if query else "",
        "lightroom": reports.marks_lightroom(rows),
        "first": first,
        "second": second,
        "comparison": comparison,
        "disagreements": sum(1 for pair in comparison or [] if pair.differs),
        "settings_form": MarkSettingsForm.for_settings(settings_row),
        "comments": [c for row in rows for c in row.comments],
        "reply_form": CommentReplyForm(),
    }
    return render(request, "sharing/manage/marks.html", context)


@login_required
@require_GET
def marks_csv(request, gallery_id):
    gallery = gallery_selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    rows = mark_selectors.mark_rows(gallery=gallery, mark_filter=_filter(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="marks-{gallery.pk}.csv"'
    reports.marks_csv_write(rows, response)
    return response


@login_required
@require_GET
def marks_xmp(request, gallery_id):
    gallery = gallery_selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    mark_filter = _filter(request)
    rows = mark_selectors.mark_rows(gallery=gallery, mark_filter=mark_filter)
    rows = mark_selectors.winning_rows(rows, winner_id=_winner(request, mark_filter))
    try:
        naming = mark_selectors.sidecar_naming_from_query(request.GET)
    except ValidationError as error:
        raise Http404(" ".join(error.messages)) from error
    return exports.xmp_export(
        gallery=gallery, rows=rows, filename=f"xmp-{gallery.pk}.zip", naming=naming
    )


@login_required
@require_POST
def mark_settings(request, gallery_id):
    gallery = gallery_selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    form = MarkSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.mark_settings_update(gallery=gallery, **form.changes())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Saved: clients see these marks from now on.")
    else:
        messages.error(request, "Check the colour meanings (40 characters at most).")
    return redirect("sharing:marks_compare", gallery.pk)


@login_required
@require_POST
def comment_reply(request, comment_id: int):
    comment = (
        Comment.objects.select_related("visitor__link")
        .filter(pk=comment_id, visitor__link__gallery__owner=request.user)
        .first()
    )
    if comment is None:
        raise Http404("No such comment.")
    form = CommentReplyForm(request.POST)
    if form.is_valid():
        try:
            services.comment_reply(comment=comment, body=form.cleaned_data["reply"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Reply saved; {comment.visitor.name} sees it on the photo.")
    return redirect("sharing:marks_compare", comment.visitor.link.gallery_id)
