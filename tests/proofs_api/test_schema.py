"""Issue 5, must-show 2: the schema is valid OpenAPI 3, documents what the tests call (and
what the endpoints answer), and its documentation works offline (assets from this site,
none from a CDN)."""

import re
from urllib.parse import urljoin

import pytest
import requests
from openapi_spec_validator import validate

from .support import SchemaCheckedClient, operations


def test_the_served_schema_is_valid_openapi_3(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate(schema)  # raises on any violation of the OpenAPI 3 specification

    assert schema["components"]["securitySchemes"]["apiToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["apiToken"]["description"],
    }
    gallery = schema["paths"]["/api/galleries/{id}/"]["get"]
    assert {"apiToken": []} in gallery["security"]
    assert gallery["responses"]["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_the_checked_client_refuses_an_endpoint_the_schema_does_not_have(api_schema):
    api = SchemaCheckedClient(api_schema)
    with pytest.raises(AssertionError, match="not in the OpenAPI schema"):
        api.get("/api/galleries/abc/secrets/")
    with pytest.raises(AssertionError, match="not in the OpenAPI schema"):
        api.put("/api/photos/abc/")  # photos take PATCH, not PUT


def test_the_checked_client_refuses_an_answer_off_the_schema(api_schema):
    check = SchemaCheckedClient(api_schema)
    template = check.operation("GET", "/api/tokens/abc/")
    with pytest.raises(AssertionError, match="does not document"):
        check.answer("GET", template, 418, {"message": "I am a teapot", "status": 418})
    with pytest.raises(AssertionError, match="status: 'not a number' is not of type"):
        check.answer("GET", template, 404, {"message": "Gone", "status": "not a number"})
    with pytest.raises(AssertionError, match="'message' is a required property"):
        check.answer("GET", template, 401, {"status": 401})
    check.answer("GET", template, 404, {"message": "Gone", "status": 404})  # on the schema


def test_the_in_process_schema_is_the_served_one(client, api_schema):
    served = client.get("/api/schema/?format=json").json()
    assert operations(served) == operations(api_schema)


@pytest.mark.e2e  # the assets come from the live server, as a browser fetches them
@pytest.mark.parametrize("page", ["/api/docs/", "/api/docs/redoc/"])
def test_the_documentation_loads_its_assets_from_this_site(live_server, page):
    response = requests.get(live_server.url + page, timeout=30)
    assert response.status_code == 200
    html = response.text
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    scripts = [a for a in assets if a.endswith(".js")]
    assert scripts, html
    loaded = html
    for asset in assets:
        url = urljoin(response.url, asset.replace("&amp;", "&"))
        assert url.startswith(live_server.url), f"{asset} is not served by this site"
        answer = requests.get(url, timeout=30)
        assert answer.status_code == 200, asset
        loaded += answer.text if "?script" in asset else ""
    # Swagger UI's start-up script is its own URL (the CSP allows no inline script).
    assert "/api/schema/" in loaded
