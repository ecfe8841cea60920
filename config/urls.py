from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("gallery.urls")),
    path("accounts/", include("gallery.account_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("p/", include("sharing.urls")),
    path("api/", include("proofs_api.urls")),
    path("admin/", admin.site.urls),
]
