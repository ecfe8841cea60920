"""API tests call the endpoints in-process with DRF's `APIClient` (`api`, `api_for`); a few
round trips go over HTTP to a live server with `requests`, as an integration would
(`live_api_for`).

Either way every call to an `/api/` path is checked against the OpenAPI schema as it is
made: a test that calls an undocumented endpoint (or method) fails at once, and so does an
answer whose status or JSON body the schema does not describe.
"""

import subprocess
from collections.abc import Callable

import pytest

from proofs_api import services

from .support import Receiver, SchemaCheckedApi, SchemaCheckedClient


@pytest.fixture(scope="session")
def api_schema() -> dict:
    from drf_spectacular.settings import spectacular_settings

    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    return generator.get_schema(request=None, public=True)


def token_key(user, key: str | None) -> str | None:
    if user is not None and key is None:
        _token, key = services.token_create(owner=user, name="tests")
    return key


@pytest.fixture
def api_for(db, api_schema) -> Callable[..., SchemaCheckedClient]:
    """An in-process API client with a fresh token of `user` (or with `key`, or none)."""

    def make(user=None, *, key: str | None = None) -> SchemaCheckedClient:
        return SchemaCheckedClient(api_schema, token_key(user, key))

    return make


@pytest.fixture
def live_api_for(live_server, api_schema) -> Callable[..., SchemaCheckedApi]:
    """The same over HTTP to the live server, for the round trips."""

    def make(user=None, *, key: str | None = None) -> SchemaCheckedApi:
        return SchemaCheckedApi(live_server.url, api_schema, token_key(user, key))

    return make


@pytest.fixture
def api(api_for, photographer) -> SchemaCheckedClient:
    return api_for(photographer)


@pytest.fixture
def stranger_api(api_for, other_photographer) -> SchemaCheckedClient:
    return api_for(other_photographer)


@pytest.fixture
def live_api(live_api_for, photographer) -> SchemaCheckedApi:
    return live_api_for(photographer)


@pytest.fixture
def delivery_worker(settings, transactional_db):
    """The local webhook sender, started by the first delivery as in `make run`; its thread
    sees only committed rows, hence the transactional database."""
    from proofs_api import worker

    settings.PROOFSHEET_LOCAL_WORKER = True
    yield worker.get_worker()
    worker.get_worker().stop()


@pytest.fixture
def allow_local_webhooks(settings):
    """Deliveries to 127.0.0.1 are refused outside development; the receivers here are local."""
    settings.PROOFSHEET_WEBHOOK_ALLOW_PRIVATE_HOSTS = True


@pytest.fixture
def receiver() -> Callable[..., Receiver]:
    started = []

    def start(statuses: list[int] | None = None, tls=None) -> Receiver:
        instance = Receiver(statuses or [], tls).__enter__()
        started.append(instance)
        return instance

    yield start
    for instance in started:
        instance.__exit__(None, None, None)


@pytest.fixture(scope="session")
def tls_certificate(tmp_path_factory) -> tuple:
    """A self-signed certificate for the name `hooks.example` only (not 127.0.0.1), made
    by the openssl command line: (certificate path, key path)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=hooks.example", "-addext", "subjectAltName=DNS:hooks.example"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key
