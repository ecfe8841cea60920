import pytest
from django.apps import apps
from django.contrib import admin

OUR_APPS = ("gallery", "sharing", "proofs_api")


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
