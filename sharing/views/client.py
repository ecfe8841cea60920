"""The client's pages and JSON endpoints, reached by share link. Every view passes the one
gate (`client_view`: open link, password, visitor), then hands off to services, selectors
and presenters."""

import functools
import json
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import http_date
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import selectors as account_selectors
from accounts import timezones
from gallery import branding
from gallery.dispatch import dispatcher
from gallery.models import Photo
from gallery.selectors import PhotoView

from .. import downloads, exports, presenters, selectors, services, session
from ..errors import PasswordThrottled, SharingError
from ..forms import JoinForm, PasswordForm
from ..models import Comment, Export, LinkEvent, ShareLink, Visitor


@dataclass
class Client:
    """Who came through an open link: whether they gave its password, and as whom."""

    link: ShareLink
    token: str
    unlocked: bool
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


def _closed_page(request, reason: str, date, status: int, gallery=None):
    context = presenters.closed_page(reason=reason, date=date)
    # Whose link it was, to say who to ask; an unknown link's page names the site's studio.
    context["brand"] = branding.gallery_brand(gallery=gallery) if gallery else None
    return _private(render(request, "sharing/client/closed.html", context, status=status))


def _json_error(message: str, status: int, **extra):
    """The API's error shape (`proofs_api.errors`), so one browser helper reads both."""
    return _private(JsonResponse({"message": message, "status": status, **extra}, status=status))


def _admit(request, token: str, *, api: bool) -> Client | HttpResponse:
    """The link gate: a Client for an open link, else the answer (404 unknown, 410 closed,
    403 a draft)."""
    try:
        link = selectors.share_link_for_token(token=token)
    except ShareLink.DoesNotExist:
        if api:
            return _json_error("This link does not exist.", 404)
        return _closed_page(request, "unknown", None, 404)
    # The client's pages speak in the photographer's zone, the one expiries were set in,
    # and name it wherever a time (not only a date) is shown.
    timezones.activate(account_selectors.time_zone_for(owner=link.gallery.owner))
    closed = selectors.link_closed_reason(link=link)
    if closed:
        if api:
            return _json_error(presenters.closed_error(reason=closed[0]), 410)
        return _closed_page(request, *closed, status=410, gallery=link.gallery)
    if link.gallery.is_draft:  # before the password: the page names nothing of the gallery
        if api:
            return _json_error(presenters.closed_error(reason="draft"), 403)
        return _closed_page(request, "draft", None, 403, gallery=link.gallery)
    unlocked = session.is_unlocked(request, link)
    visitor_id = session.visitor_id(request, link) if unlocked else None
    visitor = selectors.visitor_for_link(link=link, visitor_id=visitor_id)
    return Client(link=link, token=token, unlocked=unlocked, visitor=visitor)


def client_view(*, api: bool = False, needs: Literal["link", "unlocked", "visitor"] = "visitor"):
    """Passes the view a Client once the gate lets it through, or answers for the gate:
    404 unknown link, 410 closed, 403 a draft gallery ("not ready yet"), then by `needs`:
    "link" (an open link is enough), "unlocked" (its password given) or "visitor" (and a
    name given); a page missing either is sent back to the link's address, JSON gets 403."""
    if needs not in ("link", "unlocked", "visitor"):
        raise ValueError(f"client_view(needs={needs!r}): link, unlocked or visitor")

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, token: str, *args, **kwargs):
            client = _admit(request, token, api=api)
            if isinstance(client, HttpResponse):
                return client
            missing = (needs != "link" and not client.unlocked) or (
                needs == "visitor" and client.visitor is None
            )
            if missing:
                if api:
                    return _json_error("Open the gallery link again to continue.", 403)
                return redirect("sharing:gallery", token)
            return _private(view(request, client, *args, **kwargs))

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
@client_view(needs="link")
def gallery(request, client: Client):
    """The link's one address: the password gate, the name form, or the gallery."""
    link, token, visitor = client.link, client.token, client.visitor
    context = {"link": link, "gallery": link.gallery, "token": token}
    if not client.unlocked:
        context["form"] = PasswordForm()
        return render(request, "sharing/client/password.html", context)
    if visitor is None:
        context["form"] = JoinForm()
        context["cover"] = _cover_url(link)
        return render(request, "sharing/client/join.html", context)
    services.visitor_seen(visitor=visitor)
    services.link_event_record(link=link, kind=LinkEvent.Kind.VIEW, visitor=visitor)
    page = selectors.client_gallery(link=link, visitor=visitor)
    # The server draws (and signs) the first screen's tiles; grid.js draws the others and
    # asks for their URLs as the client scrolls to them (`api_state?ids=`).
    state, tiles = presenters.client_page_state(
        page=page, token=token, drawn=settings.PROOFSHEET_CLIENT_FIRST_TILES
    )
    cover = page.cover
    context.update(
        visitor=visitor,
        state=state,
        photos=state["photos"],
        tiles=tiles,
        cover=cover,
        cover_url=presenters.shown_url(cover, page) if cover else "",
    )
    return render(request, "sharing/client/gallery.html", context)


def _cover_url(link: ShareLink) -> str:
    """The name form's backdrop: the cover as the gallery shows it (clean once released)."""
    cover = selectors.client_cover(gallery=link.gallery)
    if cover is None:
        return ""
    return presenters.shown_url(
        cover, selectors.link_release(link=link, photo_ids=[cover.photo.pk])
    )


@require_POST
@client_view(needs="link")
def unlock(request, client: Client):
    link, token = client.link, client.token
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
    return response


@require_POST
@client_view(needs="unlocked")
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
@client_view(needs="unlocked")
def leave(request, client: Client):
    session.forget_visitor(request, client.link)
    return redirect("sharing:gallery", client.token)


@require_GET
@client_view(api=True)
def api_state(request, client: Client):
    """The page's state; `?ids=a,b` (up to STATE_PAGE_IDS photos): `{"photos": [...]}`, the
    state's entries of those photos (signed, in gallery order; those the client may not see
    left out), read alone, whatever the gallery's size."""
    ids = request.GET.get("ids")
    if ids is None:
        page = selectors.client_gallery(link=client.link, visitor=client.visitor)
        return JsonResponse(presenters.client_state(page=page, token=client.token))
    wanted = set(ids.split(",")[:STATE_PAGE_IDS])
    page = selectors.client_gallery(link=client.link, visitor=client.visitor, photo_ids=wanted)
    return JsonResponse({"photos": presenters.client_photos_json(page=page, token=client.token)})


# How many photos one `api_state?ids=` asks for: 33 characters an id keeps the address
# well inside a server's 4 KB request line.
STATE_PAGE_IDS = 60


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
    return JsonResponse(presenters.comment_json(comment), status=201)


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
    entry = downloads.photo_entry(photo=photo, original=original, size=_size(request))
    if entry is None:
        raise Http404("This photo is not ready yet.")
    services.link_event_record(
        link=client.link, kind=LinkEvent.Kind.DOWNLOAD, visitor=client.visitor, photo=photo
    )
    return downloads.file_response(entry)


def _size(request) -> str:
    """Which size of a released photo: `?size=web` (the clean rendition) or the original."""
    size = request.GET.get("size", downloads.ORIGINAL)
    if size not in downloads.SIZES:
        raise Http404("No such size.")
    return size


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
    size = _size(request)
    if not dispatcher().zips_in_background:
        original = selectors.download_mode(link=client.link) == "originals"
        entries = downloads.photo_entries(views, original=original, size=size)
        return downloads.streaming_zip_response(entries, filename=filename)
    export = exports.export_start(
        link=client.link, photo_ids=[v.photo.pk for v in views], size=size
    )
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
