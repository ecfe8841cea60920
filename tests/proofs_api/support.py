"""Helpers for the API tests: schema-checked clients (in-process and over HTTP) and a
webhook receiver."""

import re
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import requests
from openapi_schema_validator import OAS30ReadValidator, oas30_format_checker
from rest_framework.test import APIClient


def operations(schema: dict) -> set[tuple[str, str]]:
    """(METHOD, path template) for every operation in the schema."""
    methods = {"get", "post", "put", "patch", "delete"}
    return {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in methods
    }


def template_pattern(template: str) -> re.Pattern:
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile(
        "^" + "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "$"
    )


class SchemaCheck:
    """The schema's operations, and the check every API call passes through: the (method,
    path) must be documented, and a JSON answer must match what the schema says that
    operation answers with that status."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.templates = [
            (method, template, template_pattern(template))
            for method, template in operations(schema)
        ]
        self.called: set[tuple[str, str]] = set()

    def operation(self, method: str, path: str) -> str:
        api_path = urlsplit(path).path
        matches = [
            template
            for verb, template, pattern in self.templates
            if verb == method.upper() and pattern.match(api_path)
        ]
        assert matches, f"{method.upper()} {api_path} is not in the OpenAPI schema"
        # The most specific template: `/photos/{id}/retry/` rather than a catch-all.
        template = max(matches, key=len)
        self.called.add((method.upper(), template))
        return template

    def answer(self, method: str, template: str, status: int, body) -> None:
        """Fails unless `status` is documented for the operation and `body` (JSON, or None
        for no content) matches its schema."""
        responses = self.schema["paths"][template][method.lower()]["responses"]
        where = f"{method.upper()} {template} answered {status}"
        assert str(status) in responses, f"{where}, which the schema does not document"
        content = responses[str(status)].get("content", {})
        if "application/json" not in content:
            assert body is None, f"{where} with a body the schema does not document"
            return
        # The component schemas travel along, so `#/components/...` references resolve.
        shape = {**content["application/json"]["schema"], "components": self.schema["components"]}
        errors = sorted(
            OAS30ReadValidator(shape, format_checker=oas30_format_checker).iter_errors(body),
            key=str,
        )
        assert not errors, f"{where} off its schema: " + "; ".join(
            f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}" for e in errors
        )

    def answer_file(self, method: str, template: str, status: int, content_type: str) -> None:
        """Fails unless the schema documents a file of this type for `status`."""
        responses = self.schema["paths"][template][method.lower()]["responses"]
        where = f"{method.upper()} {template} answered {status} with {content_type}"
        assert content_type in responses.get(str(status), {}).get("content", {}), where


class SchemaCheckedApi(SchemaCheck):
    """A live-server client: a `requests` session for one token (or none) that checks each
    call and its answer against the schema. For the few round trips over real HTTP."""

    def __init__(self, base_url: str, schema: dict, key: str | None = None):
        super().__init__(schema)
        self.base_url = base_url
        self.session = requests.Session()
        if key:
            self.session.headers["Authorization"] = f"Bearer {key}"

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base_url + path

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        url = self.url(path)
        template = self.operation(method, url)
        kwargs.setdefault("timeout", 30)
        response = self.session.request(method, url, **kwargs)
        self.answer(method, template, response.status_code, json_body(response))
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)


class SchemaCheckedClient(SchemaCheckedApi):
    """The same checks in-process: DRF's `APIClient` (Django's test client: the real URL
    conf, middleware, views and database, no socket). Takes the `requests` keywords the
    tests use (`json=`, `headers=`); answers carry `.text` as `requests` ones do."""

    base_url = "http://testserver"

    def __init__(self, schema: dict, key: str | None = None):
        SchemaCheck.__init__(self, schema)
        self.client = APIClient()
        if key:
            self.client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")

    def request(self, method: str, path: str, *, json=None, headers=None, **kwargs):
        template = self.operation(method, path)
        response = self.unchecked(method, path, json=json, headers=headers, **kwargs)
        content_type = response.headers.get("Content-Type", "").split(";")[0]
        if content_type and content_type != "application/json":
            self.answer_file(method, template, response.status_code, content_type)
        else:
            self.answer(method, template, response.status_code, json_body(response))
        return response

    def unchecked(self, method: str, path: str, *, json=None, headers=None, **kwargs):
        """A call the schema is not asked about: an undocumented path or method."""
        if json is not None:
            kwargs.update(data=json, format="json")
        response = getattr(self.client, method.lower())(path, headers=headers, **kwargs)
        # A file (a ZIP) is streamed: `raw` holds its bytes once read.
        if response.streaming:
            response.raw = b"".join(response.streaming_content)
        else:
            response.text = response.content.decode()
        return response


def json_body(response):
    """The answer's JSON, or None when it has no body."""
    if not response.content:
        return None
    assert response.headers["Content-Type"].startswith("application/json"), response.headers
    return response.json()


class Receiver:
    """A webhook receiver on 127.0.0.1: answers each POST with the next planned status
    (then 200s) and keeps what it received."""

    def __init__(self, statuses: list[int], tls: "ssl.SSLContext | None" = None):
        self.planned = list(statuses)
        self.received: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = receiver.planned.pop(0) if receiver.planned else 200
                receiver.received.append(
                    {
                        "headers": dict(self.headers),
                        "path": self.path,
                        "body": body,
                        "answered": status,
                    }
                )
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", receiver.url + "/elsewhere")
                self.end_headers()
                self.wfile.write(b"ok" if status < 300 else b"not now")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        scheme = "http"
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}/hooks/proofsheet"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
