"""Namespaced includes whose URLconf loads when it is first needed.

Django's `include()` imports the URLconf it names, and so every view module under it, when
the root URLconf is imported; the first `reverse()` then compiles every pattern of every
include. For a new Lambda instance that is the API's views with Django REST framework, the
admin's 155 patterns and the client pages' views before its first page, whichever page it is
(issue 14: "load what the first request needs"). A `deferred_include` imports its URLconf
when a request's path reaches its prefix, and compiles its patterns when `reverse()` first
names its namespace. URLs, names and the views that answer are the same as with
`include()` (tests/core/test_deferred_urls.py); system checks still read every pattern.
"""

from importlib import import_module

from django.core.exceptions import ImproperlyConfigured
from django.urls.resolvers import RoutePattern, URLResolver
from django.utils.functional import cached_property


class DeferredResolver(URLResolver):
    # Set once anything asks this resolver for its names: until then, the root resolver's
    # pass over its includes (`_populate`, which only needs this one's namespace) skips it.
    _wanted = False

    def _populate(self):
        if self._wanted:
            super()._populate()

    @property
    def reverse_dict(self):
        self._wanted = True
        return super().reverse_dict

    @property
    def namespace_dict(self):
        self._wanted = True
        return super().namespace_dict

    @property
    def app_dict(self):
        self._wanted = True
        return super().app_dict

    def _is_callback(self, name):
        self._wanted = True
        return super()._is_callback(name)

    @cached_property
    def urlconf_module(self):
        module = import_module(self.urlconf_name)
        declared = getattr(module, "app_name", None)
        if declared != self.app_name:
            raise ImproperlyConfigured(
                f"deferred_include({self.urlconf_name!r}, namespace={self.namespace!r}): "
                f"the URLconf's app_name is {declared!r}, not {self.app_name!r}."
            )
        return module


def deferred_include(route: str, urlconf: str, *, namespace: str) -> DeferredResolver:
    """`path(route, include(urlconf))` for a URLconf whose `app_name` is `namespace`,
    imported when first needed."""
    return DeferredResolver(
        RoutePattern(route, is_endpoint=False), urlconf, app_name=namespace, namespace=namespace
    )
