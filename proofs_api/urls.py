from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from .errors import not_found
from .views import docs, galleries, links, pages, photos, selections, sets, tokens, webhooks

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

urlpatterns = [
    # drf-spectacular loads with the first request to one of these (views/docs.py).
    path("schema/", docs.schema, name="schema"),
    path("docs/", docs.docs, name="docs"),
    path("docs/redoc/", docs.redoc, name="redoc"),
    path("settings/", include(settings_pages)),
    path("", include(router.urls)),
    re_path(r"^.*$", not_found),
]
