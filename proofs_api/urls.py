from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("galleries", views.GalleryViewSet, basename="gallery")
router.register("photos", views.PhotoViewSet, basename="photo")

urlpatterns = [path("", include(router.urls))]
