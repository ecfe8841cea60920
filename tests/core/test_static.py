"""WhiteNoise's index of STATIC_ROOT is made by the first request for a static file."""

import pytest
from django.http import HttpResponse

from core.static import StaticFilesMiddleware

STYLESHEET = b"body { color: #222; }\n"


@pytest.fixture
def static_root(tmp_path, settings):
    """Production's settings: a collected STATIC_ROOT, no finders, no autorefresh."""
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "app.css").write_bytes(STYLESHEET)
    settings.STATIC_ROOT = tmp_path
    settings.STATIC_URL = "/static/"
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    return tmp_path


def page(request):
    return HttpResponse("a page")


def test_a_page_leaves_the_index_unmade(static_root, rf):
    middleware = StaticFilesMiddleware(page)

    assert middleware(rf.get("/accounts/login/")).content == b"a page"
    assert middleware.files == {}


def test_the_first_static_request_makes_the_index_and_is_served(static_root, rf):
    middleware = StaticFilesMiddleware(page)

    response = middleware(rf.get("/static/css/app.css"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b"".join(response.streaming_content) == STYLESHEET
    assert set(middleware.files) == {"/static/css/app.css"}
    # Indexed once: a file added later is not served, as with WhiteNoise's own index.
    (static_root / "css" / "late.css").write_bytes(STYLESHEET)
    assert middleware(rf.get("/static/css/late.css")).content == b"a page"


def test_with_autorefresh_files_are_looked_up_at_each_request(static_root, rf, settings):
    settings.WHITENOISE_AUTOREFRESH = True
    middleware = StaticFilesMiddleware(page)
    (static_root / "css" / "late.css").write_bytes(STYLESHEET)

    assert middleware(rf.get("/static/css/late.css")).status_code == 200
