from django.urls import path

from . import studio_views, views

app_name = "gallery"
urlpatterns = [
    path("", views.home, name="home"),
    path("galleries/", views.gallery_list, name="list"),
    path("galleries/new/", views.gallery_create, name="create"),
    path("galleries/<str:gallery_id>/", views.gallery_detail, name="detail"),
    path("galleries/<str:gallery_id>/edit/", views.gallery_edit, name="edit"),
    path("galleries/<str:gallery_id>/delete/", views.gallery_delete, name="delete"),
    path("galleries/<str:gallery_id>/archive/", views.gallery_archive, name="archive"),
    path("upload/", views.local_upload, name="local_upload"),
    path("files/<path:key>", views.signed_file, name="file"),
    path("settings/studio/", studio_views.studio_edit, name="studio"),
]
