from django.urls import path, register_converter

from . import tokens
from .views import client, invite, manage, marks, marks_manage


class TokenConverter:
    regex = tokens.TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")

app_name = "sharing"
urlpatterns = [
    # The photographer's side.
    path("manage/<str:gallery_id>/", manage.overview, name="manage"),
    path("manage/<str:gallery_id>/release/", manage.release, name="release"),
    path("manage/<str:gallery_id>/selections/", manage.selections, name="selections"),
    path("manage/<str:gallery_id>/selections.csv", manage.selections_csv, name="selections_csv"),
    path("manage/<str:gallery_id>/marks/", marks_manage.compare, name="marks_compare"),
    path("manage/<str:gallery_id>/marks.csv", marks_manage.marks_csv, name="marks_csv"),
    path("manage/<str:gallery_id>/marks-xmp.zip", marks_manage.marks_xmp, name="marks_xmp"),
    path(
        "manage/<str:gallery_id>/marks/settings/",
        marks_manage.mark_settings,
        name="mark_settings",
    ),
    path(
        "manage/comments/<int:comment_id>/reply/",
        marks_manage.comment_reply,
        name="comment_reply",
    ),
    path("manage/links/<str:link_id>/edit/", manage.link_edit, name="link_edit"),
    path("manage/links/<str:link_id>/revoke/", manage.link_revoke, name="link_revoke"),
    path("manage/links/<str:link_id>/invite/", invite.link_invite, name="link_invite"),
    path("manage/links/<str:link_id>/reissue/", manage.link_reissue, name="link_reissue"),
    path(
        "manage/visitors/<str:visitor_id>/unlock/", manage.visitor_unlock, name="selection_unlock"
    ),
    # The client's side: everything under the link's token.
    path("<token:token>/", client.gallery, name="gallery"),
    path("<token:token>/unlock/", client.unlock, name="password"),
    path("<token:token>/join/", client.join, name="join"),
    path("<token:token>/leave/", client.leave, name="leave"),
    path("<token:token>/api/state/", client.api_state, name="api_state"),
    path("<token:token>/api/submit/", client.api_submit, name="api_submit"),
    path(
        "<token:token>/api/photos/<str:photo_id>/favourite/",
        client.api_favourite,
        name="api_favourite",
    ),
    path("<token:token>/api/photos/<str:photo_id>/marks/", marks.api_marks, name="api_marks"),
    path(
        "<token:token>/api/photos/<str:photo_id>/comments/",
        client.api_comment,
        name="api_comment",
    ),
    path(
        "<token:token>/api/photos/<str:photo_id>/comments/<int:comment_id>/",
        client.api_comment_delete,
        name="api_comment_delete",
    ),
    path("<token:token>/download/all/", client.download_all, name="download_all"),
    path("<token:token>/download/<str:photo_id>/", client.download, name="download"),
    path("<token:token>/exports/<str:export_id>/", client.export_status, name="export_status"),
]
