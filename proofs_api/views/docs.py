"""The API's schema and its documentation pages (Swagger UI, ReDoc): drf-spectacular's views,
imported with the first request to one of them.

The URLconf is imported by the first page of every new web instance (`{% url %}` loads every
resolver), and importing drf-spectacular's views loads the schema generator with its
AutoSchema (`proofs_api.schema`), about a third of a second that no other page needs.
"""

import functools

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.views.decorators.csrf import csrf_exempt


@functools.cache
def _views() -> dict:
    from drf_spectacular.views import (
        SpectacularAPIView,
        SpectacularRedocView,
        SpectacularSwaggerSplitView,
    )

    return {
        "schema": SpectacularAPIView.as_view(),
        # The split view serves Swagger UI's start-up script from its own URL (no inline script).
        "docs": SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="proofs_api/swagger_ui.html"
        ),
        "redoc": SpectacularRedocView.as_view(
            url_name="api:schema", template_name="proofs_api/redoc.html"
        ),
    }


def _deferred(name: str):
    """A view that hands the request to drf-spectacular's view `name` (`_views`), csrf_exempt
    as DRF's as_view() makes its views: a POST is answered by the view (405)."""

    @csrf_exempt
    def view(request, *args, **kwargs):
        return _views()[name](request, *args, **kwargs)

    return view


schema = _deferred("schema")
docs = _deferred("docs")

# ReDoc's styled-components insert <style> elements at run time, without a nonce: on this
# page alone styles may be inline (a nonce in style-src would make browsers ignore that),
# its search index runs in a worker made from a blob: URL, and its sidebar always shows
# Redocly's logo from their CDN (that one file, hidden by ReDoc when offline). Scripts stay
# strict.
REDOC_POLICY = {
    "style-src": [SELF, UNSAFE_INLINE],
    "worker-src": ["blob:"],
    "img-src": [SELF, "data:", "https://cdn.redoc.ly/redoc/logo-mini.svg"],
}
redoc = csp_replace(REDOC_POLICY)(_deferred("redoc"))
