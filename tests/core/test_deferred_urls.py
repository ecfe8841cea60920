"""A deferred include is imported and compiled when first needed, and then answers as include()."""

import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.urls import include, path, resolve, reverse

import config.urls
from core.deferred_urls import DeferredResolver, deferred_include

URLCONF = "tests.core.deferred_urlconf"


def here(request):
    return HttpResponse("here")


@pytest.fixture
def root():
    """A root URLconf (any hashable object with `urlpatterns` will do) with a page of its own
    and a deferred include, its URLconf not yet imported."""
    sys.modules.pop(URLCONF, None)

    class Root:
        urlpatterns = [
            path("here/", here, name="here"),
            deferred_include("later/", URLCONF, namespace="later"),
        ]

    return Root


def test_the_roots_own_urls_need_nothing_of_the_include(root):
    assert resolve("/here/", urlconf=root).url_name == "here"
    assert reverse("here", urlconf=root) == "/here/"  # the root's names, compiled

    assert URLCONF not in sys.modules


def test_reverse_into_the_namespace_imports_it(root):
    assert reverse("here", urlconf=root) == "/here/"

    assert reverse("later:there", args=[7], urlconf=root) == "/later/there/7/"
    assert URLCONF in sys.modules


def test_a_request_under_the_prefix_imports_it(root):
    match = resolve("/later/there/7/", urlconf=root)

    assert (match.namespace, match.url_name, match.kwargs) == ("later", "there", {"number": 7})
    assert match.func(None, **match.kwargs).content == b"there 7"


def test_an_app_name_other_than_the_namespace_is_refused(root):
    wrong = deferred_include("later/", URLCONF, namespace="elsewhere")

    with pytest.raises(ImproperlyConfigured, match="app_name is 'later', not 'elsewhere'"):
        _ = wrong.url_patterns


def test_the_sites_deferred_includes_name_the_urls_include_would():
    deferred = [p for p in config.urls.urlpatterns if isinstance(p, DeferredResolver)]
    assert {p.namespace for p in deferred} == {"sharing", "api", "admin"}
    for resolver in deferred:
        plain = path(str(resolver.pattern), include(resolver.urlconf_name))

        assert plain.namespace == resolver.namespace
        assert _named_routes(resolver) == _named_routes(plain)


def _named_routes(resolver) -> dict[str, list[str]]:
    routes = resolver.reverse_dict
    return {
        name: sorted(pattern for _, pattern, _, _ in routes.getlist(name))
        for name in routes
        if isinstance(name, str)
    }
