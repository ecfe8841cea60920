from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("gallery.urls")),
    path("accounts/", include("gallery.account_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("p/", include("sharing.urls")),
    # The API's module as a lazy (module, app_name, namespace) triple, not include(): its
    # views bring DRF's and drf-spectacular's schema machinery, which a page never needs,
    # so they load at the first request under /api/ or the first reverse of an "api:" name.
    path("api/", ("proofs_api.urls", "api", "api")),
    path("admin/", admin.site.urls),
]
