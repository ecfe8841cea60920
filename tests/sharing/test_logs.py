"""Issue 15, must-show 5: a client's visit, served by Django's own WSGI request handler
(runserver's access log) with the project's LOGGING, leaves no share token in any log."""

import io
import logging
import re
import threading

import pytest
import requests
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

from sharing.logs import redact

pytestmark = pytest.mark.e2e


@pytest.fixture
def access_logged_server(transactional_db):
    """runserver's server and request handler (not the live server's quiet one)."""
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler, allow_reuse_address=False)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def captured_logs(monkeypatch):
    """The handlers LOGGING set up write to one buffer instead of stderr."""
    buffer = io.StringIO()
    for name in ("console", "server"):
        handler = logging.getHandlerByName(name)
        monkeypatch.setattr(handler, "stream", buffer)
    return buffer


def csrf(page: requests.Response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_a_clients_visit_leaves_no_share_token_in_the_logs(
    access_logged_server, captured_logs, gallery, photos, make_link
):
    _link, token = make_link(gallery, password="harbour-2024")
    base = f"{access_logged_server}/p/{token}"
    browser = requests.Session()

    gate = browser.get(f"{base}/")
    wrong = browser.post(
        f"{base}/unlock/", {"password": "nope-nope", "csrfmiddlewaretoken": csrf(gate)}
    )
    assert wrong.status_code == 403  # also logged by django.request as "Forbidden: ..."
    right = browser.post(
        f"{base}/unlock/", {"password": "harbour-2024", "csrfmiddlewaretoken": csrf(wrong)}
    )
    join = browser.post(
        f"{base}/join/",
        {"name": "Ada", "email": "ada@example.com", "csrfmiddlewaretoken": csrf(right)},
    )
    assert 'class="shot' in join.text  # in the gallery
    headers = {"X-CSRFToken": browser.cookies["csrftoken"], "Referer": f"{base}/"}
    assert browser.post(f"{base}/api/photos/{photos[0].pk}/favourite/", headers=headers).ok
    assert browser.get(f"{base}/api/state/").ok
    assert browser.get(f"{base}/download/no-such-photo/").status_code == 404
    assert browser.get(f"{access_logged_server}/p/{token[:-1]}x/").status_code == 404

    logs = captured_logs.getvalue()
    assert logs.count("/p/[token]/") >= 8, logs  # every request was logged ...
    assert "Forbidden: /p/[token]/unlock/" in logs and "Not Found: /p/[token]/" in logs
    assert token not in logs and token[:-1] not in logs  # ... and no token in any line


def test_redaction_covers_paths_and_encoded_query_values():
    token = "Kx7_3vQ-2mZpLr8TnW4yHc9BdFa"
    assert redact(f"GET /p/{token}/api/state/ HTTP/1.1") == "GET /p/[token]/api/state/ HTTP/1.1"
    assert redact(f"/login/?next=%2Fp%2F{token}%2F") == "/login/?next=%2Fp%2F[token]%2F"
    assert redact("/api/photos/?page=2") == "/api/photos/?page=2"
