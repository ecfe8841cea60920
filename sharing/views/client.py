"""The client's pages and JSON endpoints, reached by share link. Views look the link up,
check the gate (open, password, visitor) and hand off to services and selectors."""

import functools
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.utils.http import http_date
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gallery import blobs
from gallery.models import Photo
from gallery.selectors import PhotoView

from .. import downloads, exports, selectors, services, session
from ..errors import PasswordThrottled, SharingError
from ..forms import JoinForm, PasswordForm
from ..models import Comment, Export, LinkEvent, ShareLink, Visitor


@dataclass
class Client:
    link: ShareLink
    token: str
    visitor: Visitor | None

    @property
    def gallery(self):
        return self.link.gallery


def _private(response):
    """No indexing; the token stays on this site (same-origin keeps the Referer that
    Django's CSRF check needs on HTTPS, and S3 or any other site never sees it); and
    nothing is cached, since pages hold personal data and short-lived image URLs."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def _closed_page(request, reason: str, date, status: int):
    title, text = selectors.CLOSED_REASONS[reason]
    day = dateformat.format(timezone.localtime(date), "j F Y") if date else ""
    context = {"title": title, "text": text.format(date=day)}
    return _private(render(request, "sharing/client/closed.html", context, status=status))


def _json_error(message: str, status: int, **extra):
    """The API's error shape (`proofs_api.errors`), so one browser helper reads both."""
    return _private(JsonResponse({"message": message, "status": status, **extra}, status=status))


def _open_link(request, token: str, *, api: bool = False):
    """(link, None) for an open link, else (None, the answer): 404 unknown, 410 closed."""
    try:
        link = selectors.share_link_for_token(token=token)
    except ShareLink.DoesNotExist:
        if api:
            return None, _json_error("This link does not exist.", 404)
        return None, _closed_page(request, "unknown", None, 404)
    closed = selectors.link_closed_reason(link=link)
    if closed:
        if api:
            return None, _json_error(selectors.CLOSED_REASONS[closed[0]][0] + ".", 410)
        return None, _closed_page(request, *closed, status=410)
    return link, None


def client_view(*, api: bool = False, needs_visitor: bool = True):
    """Resolves the token and passes a Client, or answers with the right gate:
    404 unknown link, 410 closed, the password form, or the name form."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, token: str, *args, **kwargs):
            link, refusal = _open_link(request, token, api=api)
            if link is None:
                return refusal
            visitor = selectors.visitor_for_link(
                link=link, visitor_id=session.visitor_id(request, link)
            )
            if not session.is_unlocked(request, link) or (needs_visitor and visitor is None):
                if api:
                    return _json_error("Open the gallery link again to continue.", 403)
                return redirect("sharing:gallery", token)
            return _private(
                view(request, Client(link=link, token=token, visitor=visitor), *args, **kwargs)
            )

        return wrapper

    return decorator


def _api_errors(view):
    """Rule breaks become JSON a page can show: 403/409/429 with a sentence, 404, 400."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SharingError as error:
            return _json_error(error.message, error.status)
        except (Photo.DoesNotExist, Comment.DoesNotExist):
            return _json_error("There is no such photo in this gallery.", 404)
        except ValidationError as error:
            return _json_error(" ".join(error.messages), 400)

    return wrapper


def _body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


@require_GET
def gallery(request, token):
    """The link's one address: the password gate, the name form, or the gallery."""
    link, refusal = _open_link(request, token)
    if link is None:
        return refusal
    context = {"link": link, "gallery": link.gallery, "token": token}
    if not session.is_unlocked(request, link):
        context["form"] = PasswordForm()
        return _private(render(request, "sharing/client/password.html", context))
    visitor = selectors.visitor_for_link(link=link, visitor_id=session.visitor_id(request, link))
    if visitor is None:
        context["form"] = JoinForm()
        context["cover"] = _cover_url(link)
        return _private(render(request, "sharing/client/join.html", context))
    services.visitor_seen(visitor=visitor)
    services.link_event_record(link=link, kind=LinkEvent.Kind.VIEW, visitor=visitor)
    state = selectors.client_state(link=link, visitor=visitor, token=token)
    context.update(visitor=visitor, state=state, photos=state["photos"])
    return _private(render(request, "sharing/client/gallery.html", context))


def _cover_url(link: ShareLink) -> str:
    photos = selectors.client_photos(gallery=link.gallery)
    cover = next((v for v in photos if v.photo.pk == link.gallery.cover_photo_id), None)
    cover = cover or (photos[0] if photos else None)
    return cover.proof_url if cover else ""


@require_POST
def unlock(request, token):
    try:
        link = selectors.share_link_for_token(token=token)
    except ShareLink.DoesNotExist:
        return _closed_page(request, "unknown", None, 404)
    if selectors.link_closed_reason(link=link):
        return redirect("sharing:gallery", token)
    form = PasswordForm(request.POST)
    retry_at = None
    if form.is_valid():
        try:
            services.share_link_unlock(
                link=link,
                password=form.cleaned_data["password"],
                address=request.META.get("REMOTE_ADDR", ""),
            )
        except SharingError as error:
            form.add_error("password", error.message)
            if isinstance(error, PasswordThrottled):
                form.throttled, retry_at = True, error.retry_at
            status = error.status
        else:
            session.remember_unlock(request, link)
            return redirect("sharing:gallery", token)
    else:
        status = 400
    context = {"link": link, "gallery": link.gallery, "token": token, "form": form}
    response = render(request, "sharing/client/password.html", context, status=status)
    if retry_at is not None:
        response["Retry-After"] = http_date(retry_at.timestamp())
    return _private(response)


@require_POST
@client_view(needs_visitor=False)
def join(request, client: Client):
    form = JoinForm(request.POST)
    if form.is_valid():
        try:
            visitor = services.visitor_join(link=client.link, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            session.remember_visitor(request, client.link, visitor)
            return redirect("sharing:gallery", client.token)
    context = {
        "link": client.link,
        "gallery": client.gallery,
        "token": client.token,
        "form": form,
        "cover": _cover_url(client.link),
    }
    return render(request, "sharing/client/join.html", context, status=400)


@require_POST
@client_view(needs_visitor=False)
def leave(request, client: Client):
    session.forget_visitor(request, client.link)
    return redirect("sharing:gallery", client.token)


@require_GET
@client_view(api=True)
def api_state(request, client: Client):
    return JsonResponse(
        selectors.client_state(link=client.link, visitor=client.visitor, token=client.token)
    )


@require_http_methods(["POST", "DELETE"])
@client_view(api=True)
@_api_errors
def api_favourite(request, client: Client, photo_id: str):
    photo = selectors.client_photo_get(link=client.link, photo_id=photo_id)
    count = services.favourite_set(
        visitor=client.visitor, photo=photo, favourite=request.method == "POST"
    )
    return JsonResponse(
        {"photo": photo.pk, "favourite": request.method == "POST", "favourites": count}
    )


@require_POST
@client_view(api=True)
@_api_errors
def api_comment(request, client: Client, photo_id: str):
    photo = selectors.client_photo_get(link=client.link, photo_id=photo_id)
    comment = services.comment_create(
        visitor=client.visitor, photo=photo, body=str(_body(request).get("body", ""))
    )
    return JsonResponse(selectors.comment_json(comment), status=201)


@require_http_methods(["DELETE"])
@client_view(api=True)
@_api_errors
def api_comment_delete(request, client: Client, photo_id: str, comment_id: int):
    selectors.client_photo_get(link=client.link, photo_id=photo_id)
    services.comment_delete(visitor=client.visitor, comment_id=comment_id)
    return JsonResponse({}, status=200)


@require_POST
@client_view(api=True)
@_api_errors
def api_submit(request, client: Client):
    visitor = services.selection_submit(visitor=client.visitor)
    return JsonResponse({"locked": True, "submitted_at": visitor.submitted_at.isoformat()})


@require_GET
@client_view()
def download(request, client: Client, photo_id: str):
    try:
        photo = selectors.client_photo_get(link=client.link, photo_id=photo_id)
    except Photo.DoesNotExist as error:
        raise Http404("No such photo.") from error
    if not selectors.downloadable_photo_ids(link=client.link, photo_ids=[photo.pk]):
        raise Http404("This photo is not available for download.")
    original = selectors.download_mode(link=client.link) == "originals"
    entry = downloads.photo_entry(photo=photo, original=original)
    if entry is None:
        raise Http404("This photo is not ready yet.")
    services.link_event_record(
        link=client.link, kind=LinkEvent.Kind.DOWNLOAD, visitor=client.visitor, photo=photo
    )
    return downloads.file_response(entry)


def _downloadable(client: Client) -> list[PhotoView]:
    views = selectors.client_photos(gallery=client.gallery)
    ids = selectors.downloadable_photo_ids(
        link=client.link, photo_ids=[view.photo.pk for view in views]
    )
    return [view for view in views if view.photo.pk in ids]


@require_GET
@client_view()
def download_all(request, client: Client):
    views = _downloadable(client)
    if not views:
        raise Http404("Nothing is available for download yet.")
    services.link_event_record(
        link=client.link, kind=LinkEvent.Kind.DOWNLOAD_ALL, visitor=client.visitor
    )
    filename = f"{client.gallery.title}.zip"
    if not blobs.is_aws():
        original = selectors.download_mode(link=client.link) == "originals"
        entries = downloads.photo_entries(views, original=original)
        return downloads.streaming_zip_response(entries, filename=filename)
    export = exports.export_start(link=client.link, photo_ids=[v.photo.pk for v in views])
    return render(
        request,
        "sharing/client/export.html",
        {"gallery": client.gallery, "token": client.token, "export": export},
    )


@require_GET
@client_view(api=True)
def export_status(request, client: Client, export_id: str):
    export = Export.objects.filter(pk=export_id, link=client.link).first()
    if export is None:
        return _json_error("No such download.", 404)
    if not set(export.photo_ids) <= {view.photo.pk for view in _downloadable(client)}:
        return _json_error("These photos are no longer available for download.", 410)
    body = {"state": export.state, "error": export.error}
    if export.state == Export.State.READY:
        body["url"] = exports.export_url(export=export, filename=f"{client.gallery.title}.zip")
    return JsonResponse(body)
