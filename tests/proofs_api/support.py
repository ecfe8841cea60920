"""Helpers for the API tests: a schema-checked HTTP client and a webhook receiver."""

import re
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import requests


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


class SchemaCheckedApi:
    """A `requests` session for one token (or none) that records each (method, template)
    it calls, and fails a call to an `/api/` path the schema does not document."""

    def __init__(self, base_url: str, schema: dict, key: str | None = None):
        self.base_url = base_url
        self.session = requests.Session()
        if key:
            self.session.headers["Authorization"] = f"Bearer {key}"
        self.templates = [
            (method, template, template_pattern(template))
            for method, template in operations(schema)
        ]
        self.called: set[tuple[str, str]] = set()

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base_url + path

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        url = self.url(path)
        api_path = urlsplit(url).path
        matches = [
            template
            for verb, template, pattern in self.templates
            if verb == method.upper() and pattern.match(api_path)
        ]
        assert matches, f"{method.upper()} {api_path} is not in the OpenAPI schema"
        # The most specific template: `/photos/{id}/retry/` rather than a catch-all.
        self.called.add((method.upper(), max(matches, key=len)))
        kwargs.setdefault("timeout", 30)
        return self.session.request(method, url, **kwargs)

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
