from django.urls import include, path

from accounts.urls import signup_urlpatterns
from core.deferred_urls import deferred_include

urlpatterns = [
    path("", include("gallery.urls")),
    path("", include("accounts.urls")),
    path("accounts/", include(signup_urlpatterns)),
    path("accounts/", include("django.contrib.auth.urls")),
    # Imported when a request or a reverse() first needs them (core.deferred_urls).
    deferred_include("p/", "sharing.urls", namespace="sharing"),
    deferred_include("api/", "proofs_api.urls", namespace="api"),
    deferred_include("admin/", "config.admin_urls", namespace="admin"),
]
