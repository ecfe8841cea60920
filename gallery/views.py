"""The photographer's pages. Views look things up and hand off to services."""

import copy
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lambda_processor import records as schema

from . import branding, selectors, services, uploads
from .dispatch import dispatcher
from .forms import GalleryForm
from .models import WATERMARK_FIELDS, Photo
from .storage import local as local_storage
from .storage import storage


def home(request):
    return redirect("gallery:list" if request.user.is_authenticated else "login")


@login_required
def gallery_list(request):
    archived = request.GET.get("archived") == "1"
    galleries = list(selectors.gallery_list(owner=request.user, archived=archived))
    covers = selectors.gallery_cover_urls(galleries)
    for gallery in galleries:
        gallery.cover_url = covers.get(gallery.pk, "")
    # With no active gallery, the page says whether the archive holds any.
    archived_count = (
        0
        if galleries or archived
        else selectors.gallery_list(owner=request.user, archived=True).count()
    )
    context = {"galleries": galleries, "archived": archived, "archived_count": archived_count}
    return render(request, "gallery/list.html", context)


@login_required
def gallery_create(request):
    form = GalleryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            gallery = services.gallery_create(owner=request.user, title=data.pop("title"), **data)
        except ValidationError as error:  # the service keeps the rules (min/max favourites)
            form.add_error(None, error)
        else:
            messages.success(request, f"Gallery “{gallery.title}” created. Add its photos below.")
            return redirect("gallery:detail", gallery_id=gallery.pk)
    return render(request, "gallery/form.html", {"form": form, "creating": True})


@login_required
def gallery_detail(request, gallery_id):
    gallery = selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    return render(
        request,
        "gallery/detail.html",
        {"gallery": gallery, **uploads.upload_rules()},
    )


@login_required
def gallery_edit(request, gallery_id):
    gallery = selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    # The form writes into its instance; the service must compare with the saved values.
    form = GalleryForm(request.POST or None, instance=copy.copy(gallery))
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.gallery_update(gallery=gallery, **changed)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            note = " Proofs are being re-rendered." if set(changed) & set(WATERMARK_FIELDS) else ""
            messages.success(request, "Gallery saved." + note)
            return redirect("gallery:detail", gallery_id=gallery.pk)
    return render(request, "gallery/form.html", {"form": form, "gallery": gallery})


@login_required
def gallery_delete(request, gallery_id):
    gallery = selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    if request.method == "POST":
        if request.POST.get("confirm_title", "").strip() != gallery.title:
            messages.error(request, "Type the gallery's title exactly to delete it.")
        else:
            services.gallery_delete(gallery=gallery)
            messages.success(request, f"Gallery “{gallery.title}” and all its files were deleted.")
            return redirect("gallery:list")
    return render(
        request,
        "gallery/confirm_delete.html",
        {"gallery": gallery, "count": gallery.photos.count()},
    )


@login_required
@require_POST
def gallery_archive(request, gallery_id):
    gallery = selectors.gallery_get_owned(owner=request.user, pk=gallery_id)
    archived = request.POST.get("archived", "1") == "1"
    services.gallery_archive(gallery=gallery, archived=archived)
    messages.success(request, "Gallery archived." if archived else "Gallery restored.")
    return redirect("gallery:list")


@csrf_exempt  # Authorised by the signed policy, exactly as a presigned POST is on S3.
@require_POST
def local_upload(request):
    """Local mode's stand-in for S3's POST upload: the same form fields, the same answers."""
    if not storage().serves_files:
        raise Http404
    key = request.POST.get("key", "")
    uploaded = request.FILES.get("file")
    try:
        policy = local_storage.read_upload_policy(request.POST.get("policy", ""), key=key)
        if uploaded is None:
            raise ValidationError("The form carried no file.")
        photo = Photo.objects.get(original_key=key)
    except (ValidationError, Photo.DoesNotExist) as error:
        message = error.messages[0] if isinstance(error, ValidationError) else "Unknown upload."
        return JsonResponse({"message": message, "status": 400}, status=400)
    if storage().exists(key) or photo.upload_state == Photo.UploadState.UPLOADED:
        return JsonResponse(
            {"message": "This file was uploaded already.", "status": 409}, status=409
        )
    try:
        uploads.check_uploaded_file(
            uploaded=uploaded, policy=policy, declared_size=policy.get("size", 0)
        )
    except uploads.UploadRefused as refusal:
        # A permanent refusal: no photo stays behind, and no retry is offered.
        services.photo_upload_abandon(photo=photo)
        return JsonResponse(
            {"message": refusal.messages[0], "status": 400, "retry": False}, status=400
        )
    storage().save(key, uploaded, content_type=uploaded.content_type or "")
    services.photo_mark_uploaded(photo=photo)
    dispatcher().original_stored(key=key)
    return JsonResponse({}, status=201)


def signed_file(request, key):
    """Serves a stored file to whoever holds a valid, unexpired signed URL for it."""
    if not storage().serves_files:
        raise Http404
    valid = local_storage.verify_image_url(key, request.GET.get("e", ""), request.GET.get("s", ""))
    servable = key.startswith(("renditions/", branding.LOGO_PREFIX))
    if not valid or not (schema.parse_original_key(key) or servable):
        return HttpResponseForbidden("This link is not valid or has expired.")
    if not storage().exists(key):
        raise Http404
    response = FileResponse(storage().open(key))
    # Cached no longer than the URL works: a revoked link's images stop with their URLs.
    remaining = max(0, int(request.GET["e"]) - int(time.time()))
    response["Cache-Control"] = f"private, max-age={remaining}"
    response["X-Content-Type-Options"] = "nosniff"
    if key.startswith("originals/"):
        response["Content-Disposition"] = "attachment"
    return response
