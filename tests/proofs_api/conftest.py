"""API tests talk to a live server over HTTP with `requests`, as an integration would.

Every call to an `/api/` path is checked against the OpenAPI schema as it is made, so a
test that calls an undocumented endpoint (or method) fails at once.
"""

import subprocess
from collections.abc import Callable

import pytest

from proofs_api import services

from .support import Receiver, SchemaCheckedApi


@pytest.fixture(scope="session")
def api_schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def api_for(live_server, api_schema) -> Callable[..., SchemaCheckedApi]:
    """An API client with a fresh token of `user` (or with `key`, or no credentials)."""

    def make(user=None, *, key: str | None = None) -> SchemaCheckedApi:
        if user is not None and key is None:
            _token, key = services.token_create(owner=user, name="tests")
        return SchemaCheckedApi(live_server.url, api_schema, key)

    return make


@pytest.fixture
def api(api_for, photographer) -> SchemaCheckedApi:
    return api_for(photographer)


@pytest.fixture
def stranger_api(api_for, other_photographer) -> SchemaCheckedApi:
    return api_for(other_photographer)


@pytest.fixture
def delivery_worker(settings, live_server):
    """The local webhook sender, started by the first delivery as in `make run`."""
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
