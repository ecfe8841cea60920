from django.contrib import admin
from django.urls import include, path

from accounts.urls import signup_urlpatterns

urlpatterns = [
    path("", include("gallery.urls")),
    path("", include("accounts.urls")),
    path("accounts/", include(signup_urlpatterns)),
    path("accounts/", include("django.contrib.auth.urls")),
    path("p/", include("sharing.urls")),
    path("api/", include("proofs_api.urls")),
    path("admin/", admin.site.urls),
]
