import pytest
from django.apps import apps
from django.contrib import admin

OUR_APPS = ("accounts", "gallery", "sharing", "proofs_api")


@pytest.mark.parametrize("app_label", OUR_APPS)
def test_every_model_is_in_the_admin(app_label):
    missing = [
        model.__name__
        for model in apps.get_app_config(app_label).get_models()
        if model not in admin.site._registry
    ]
    assert missing == []


def test_the_admin_pages_open_for_a_superuser(admin_client, processed_photo):
    for app_label in OUR_APPS:
        for model in apps.get_app_config(app_label).get_models():
            url = f"/admin/{app_label}/{model._meta.model_name}/"
            assert admin_client.get(url).status_code == 200, url
    photo_url = f"/admin/gallery/photo/{processed_photo.pk}/change/"
    assert admin_client.get(photo_url).status_code == 200


def admin_form(gallery, photo, **changes) -> dict:
    """The gallery's change form as the admin page posts it, with its photo inline."""
    data = {
        "title": gallery.title,
        "client_name": gallery.client_name,
        "client_email": gallery.client_email,
        "event_date": "",
        "expires_at_0": "",
        "expires_at_1": "",
        "watermark_text": gallery.watermark_text,
        "watermark_opacity": gallery.watermark_opacity,
        "watermark_logo_position": gallery.watermark_logo_position,
        "watermark_logo_scale": gallery.watermark_logo_scale,
        "download_policy": gallery.download_policy,
        "min_favourites": "",
        "max_favourites": "",
        "ordering": gallery.ordering,
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "1",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-id": photo.pk,
        "photos-0-gallery": gallery.pk,
        "photos-0-position": photo.position,
    }
    return {**data, **changes}


def test_a_watermark_edited_in_the_admin_re_renders_the_proofs(admin_client, processed_photo):
    from gallery.models import LocalJob
    from gallery.storage import record_table
    from lambda_processor.events import RENDER_EVENT_NAME

    gallery = processed_photo.gallery
    url = f"/admin/gallery/gallery/{gallery.pk}/change/"

    response = admin_client.post(url, admin_form(gallery, processed_photo, watermark_text="DRAFT"))

    assert response.status_code == 302, response.content.decode()[:2000]
    gallery.refresh_from_db()
    assert gallery.watermark_text == "DRAFT" and gallery.render_revision == 2
    assert record_table().get_gallery_settings(gallery.pk)["watermark_text"] == "DRAFT"
    renders = LocalJob.objects.filter(event_name=RENDER_EVENT_NAME)
    assert list(renders.values_list("key", flat=True)) == [processed_photo.original_key]


def test_favourite_limits_the_services_refuse_are_refused_in_the_admin(
    admin_client, processed_photo
):
    gallery = processed_photo.gallery
    url = f"/admin/gallery/gallery/{gallery.pk}/change/"
    form = admin_form(gallery, processed_photo, min_favourites="5", max_favourites="2")

    response = admin_client.post(url, form)

    assert response.status_code == 200
    assert "below the minimum" in response.content.decode()
    gallery.refresh_from_db()
    assert (gallery.min_favourites, gallery.max_favourites) == (None, None)
