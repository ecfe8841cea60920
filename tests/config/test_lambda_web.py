"""The web function's own Lambda handler, fed the events API Gateway and Zappa send: what
Zappa's handler did for the site, done without it (config.lambda_web)."""

import base64
import gzip
import json
import logging
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from apig_wsgi import make_lambda_handler
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import signals
from django.db import close_old_connections
from django.urls import set_script_prefix
from django.utils import timezone

from config import lambda_commands, lambda_web
from tests.aws_fixtures import load_event
from tests.deploy.lambda_events import api_gateway_event

API_HOST = "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"
CSRF_SECRET = "Bq3vHqkS0Jm5pYc2Xw9ZrT4uNe7LdA1f"  # Django's unmasked form: 32 letters and digits


@pytest.fixture(autouse=True)
def connection_kept_open():
    """As Django's test client does: a request's end must not close the test's database
    connection (its transaction holds the test's data)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def script_prefix_restored():
    """Django's WSGI handler sets the thread's URL prefix from each request (the stage,
    "/web/", behind API Gateway's own URL) and leaves it set: every later test on this
    thread would reverse() its URLs under /web/."""
    yield
    set_script_prefix("/")


@pytest.fixture
def api_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, API_HOST, "proofs.example.com"]


def _sign_in_post(*, username: str, password: str) -> dict:
    """The fixture's form POST, with a CSRF cookie and the form's fields."""
    event = load_event("apigw_rest_proxy_post")
    event["multiValueHeaders"]["cookie"][0] = f"csrftoken={CSRF_SECRET}"
    event["multiValueHeaders"]["Origin"] = [f"https://{API_HOST}"]
    form = {"csrfmiddlewaretoken": CSRF_SECRET, "username": username, "password": password}
    body = "&".join(f"{name}={value}" for name, value in form.items()).replace(" ", "+")
    event["body"] = base64.b64encode(body.encode()).decode()
    return event


@pytest.mark.django_db
def test_a_page_through_the_apis_own_url_carries_the_stage_and_compressed_goes_base64(api_host):
    event = api_gateway_event("/accounts/login/", host=API_HOST, stage="web")
    event["multiValueHeaders"]["Accept-Encoding"] = ["gzip"]

    response = lambda_web.lambda_handler(event, None)

    assert response["statusCode"] == 200
    assert response["multiValueHeaders"]["Content-Encoding"] == ["gzip"]
    assert response["isBase64Encoded"] is True
    page = gzip.decompress(base64.b64decode(response["body"])).decode()
    assert 'action="/web/accounts/login/"' in page
    (cookie,) = response["multiValueHeaders"]["Set-Cookie"]
    assert cookie.strip().startswith("csrftoken=")


@pytest.mark.django_db
def test_through_the_custom_domain_urls_have_no_stage_and_text_goes_as_text(api_host):
    event = api_gateway_event("/accounts/login/", host="proofs.example.com", stage="web")

    response = lambda_web.lambda_handler(event, None)

    assert response["statusCode"] == 200
    assert response["isBase64Encoded"] is False
    assert 'action="/accounts/login/"' in response["body"]


def test_the_request_reaches_django_as_zappa_gave_it():
    seen = {}

    def record(environ, start_response):
        seen.update(environ, body=environ["wsgi.input"].read())
        start_response("200 OK", [("Content-Type", "application/zip")])
        return [b"PK\x03\x04 binary"]

    handler = make_lambda_handler(
        lambda_web.behind_api_gateway(record),
        binary_support=True,
        non_binary_content_type_prefixes=lambda_web.TEXT_TYPES,
    )
    event = _sign_in_post(username="ana", password="a b")

    response = handler(event, None)

    assert (seen["SCRIPT_NAME"], seen["PATH_INFO"]) == ("/web", "/accounts/login/")
    assert parse_qs(seen["QUERY_STRING"]) == {"next": ["/galleries/"], "tag": ["a", "b"]}
    assert seen["REMOTE_ADDR"] == "198.51.100.7"  # API Gateway's, not a client's X-Forwarded-For
    assert seen["HTTP_COOKIE"] == f"csrftoken={CSRF_SECRET}; theme=dark"
    assert seen["wsgi.url_scheme"] == "https"
    assert seen["CONTENT_TYPE"] == "application/x-www-form-urlencoded"
    assert parse_qs(seen["body"].decode())["password"] == ["a b"]
    assert response["isBase64Encoded"] is True
    assert base64.b64decode(response["body"]) == b"PK\x03\x04 binary"


@pytest.mark.django_db
def test_signing_in_by_post_with_cookies_sets_both_cookies(api_host):
    get_user_model().objects.create_user("ana", password="a long passphrase")

    response = lambda_web.lambda_handler(
        _sign_in_post(username="ana", password="a long passphrase"), None
    )

    assert response["statusCode"] == 302, response["body"][:500]
    assert response["multiValueHeaders"]["Location"] == ["/galleries/"]
    # One header line each (a single-valued header would keep only the last).
    cookies = {c.strip().split("=")[0] for c in response["multiValueHeaders"]["Set-Cookie"]}
    assert cookies == {"csrftoken", "sessionid"}


def test_an_event_apig_wsgi_cannot_take_is_logged_and_answered_500(caplog):
    event = api_gateway_event("/accounts/login/", host=API_HOST, stage="web") | {"version": "3.0"}

    with caplog.at_level(logging.ERROR, logger="config.lambda_web"):
        response = lambda_web.lambda_handler(event, None)

    assert response["statusCode"] == 500
    (record,) = caplog.records
    assert record.msg == {"event": "request", "path": "/accounts/login/", "outcome": "error"}
    assert "Unknown version" in caplog.text  # the traceback is logged


def test_zappas_keep_warm_schedule_only_keeps_the_instance(caplog):
    with caplog.at_level(logging.INFO, logger="config.lambda_commands"):
        assert lambda_web.lambda_handler(load_event("zappa_keep_warm"), None) is None
    assert caplog.records[-1].msg["event"] == "keep_warm"


@pytest.mark.django_db
def test_zappa_manage_runs_the_management_command():
    Session.objects.create(
        session_key="old", session_data="", expire_date=timezone.now() - timedelta(days=1)
    )

    # What `zappa manage web clearsessions` sends.
    assert lambda_web.lambda_handler({"manage": "clearsessions"}, None) == {}

    assert not Session.objects.filter(session_key="old").exists()


@pytest.mark.django_db
def test_zappa_invoke_raw_runs_the_python_given():
    code = (
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_superuser('ana', 'ana@example.com', 'a passphrase')"
    )

    assert lambda_web.lambda_handler({"raw_command": code}, None) is None

    assert get_user_model().objects.get(username="ana").is_superuser


def test_a_failing_command_and_an_unknown_event_are_logged_and_raised(caplog):
    from django.core.management import CommandError

    with caplog.at_level(logging.ERROR), pytest.raises(CommandError):
        lambda_web.lambda_handler({"manage": "no_such_command"}, None)
    with caplog.at_level(logging.ERROR), pytest.raises(lambda_commands.UnknownEvent):
        lambda_web.lambda_handler({"what": "is this"}, None)

    assert [record.msg["event"] for record in caplog.records] == ["manage", "unknown"]
    assert all(record.exc_info for record in caplog.records)
    json.dumps([record.msg for record in caplog.records])  # dicts a log reader can parse
