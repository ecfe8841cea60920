"""The API documentation pages render under the strict CSP (the `page` fixture fails the
test on any Content-Security-Policy violation)."""

import pytest

pytestmark = pytest.mark.e2e


def test_redoc_renders_the_api_reference(page):
    page.goto("/api/docs/redoc/")
    page.get_by_text("Proofsheet API").first.wait_for()
    page.locator("[data-section-id]").first.wait_for()  # operations rendered from the schema


def test_swagger_ui_renders_the_operations(page):
    page.goto("/api/docs/")
    page.locator(".opblock").first.wait_for()
