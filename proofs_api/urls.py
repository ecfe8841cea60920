from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from .errors import not_found
from .views import galleries, links, pages, photos, selections, sets, tokens, webhooks

app_name = "api"

router = DefaultRouter()
router.register("galleries", galleries.GalleryViewSet, basename="gallery")
router.register("photos", photos.PhotoViewSet, basename="photo")
router.register("sets", sets.SetViewSet, basename="set")
router.register("links", links.LinkViewSet, basename="link")
router.register("selections", selections.SelectionViewSet, basename="selection")
router.register("tokens", tokens.TokenViewSet, basename="token")
router.register("webhooks", webhooks.WebhookViewSet, basename="webhook")
router.register("deliveries", webhooks.DeliveryViewSet, basename="delivery")

# The Settings page's forms for tokens and webhooks (HTML, signed-in photographers only).
settings_pages = [
    path("tokens/new/", pages.token_create, name="settings-token-create"),
    path("tokens/<str:token_id>/revoke/", pages.token_revoke, name="settings-token-revoke"),
    path("webhooks/new/", pages.webhook_create, name="settings-webhook-create"),
    path("webhooks/<str:webhook_id>/", pages.webhook_detail, name="settings-webhook-detail"),
    path("webhooks/<str:webhook_id>/ping/", pages.webhook_ping, name="settings-webhook-ping"),
    path("webhooks/<str:webhook_id>/delete/", pages.webhook_delete, name="settings-webhook-delete"),
]

# The split view serves Swagger UI's start-up script from its own URL (no inline script).
swagger = SpectacularSwaggerSplitView.as_view(
    url_name="api:schema", template_name="proofs_api/swagger_ui.html"
)
# ReDoc's styled-components insert <style> elements at run time, without a nonce: on this
# page alone styles may be inline (a nonce in style-src would make browsers ignore that),
# its search index runs in a worker made from a blob: URL, and its sidebar always shows
# Redocly's logo from their CDN (that one file, hidden by ReDoc when offline). Scripts stay
# strict.
REDOC_POLICY = {
    "style-src": [SELF, UNSAFE_INLINE],
    "worker-src": ["blob:"],
    "img-src": [SELF, "data:", "https://cdn.redoc.ly/redoc/logo-mini.svg"],
}
redoc = csp_replace(REDOC_POLICY)(
    SpectacularRedocView.as_view(url_name="api:schema", template_name="proofs_api/redoc.html")
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", swagger, name="docs"),
    path("docs/redoc/", redoc, name="redoc"),
    path("settings/", include(settings_pages)),
    path("", include(router.urls)),
    re_path(r"^.*$", not_found),
]
