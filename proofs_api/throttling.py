"""A rate per API token (scope `api_token` in REST_FRAMEWORK's DEFAULT_THROTTLE_RATES).

The site's own JavaScript, on a session, is not throttled here. The count lives in
Django's cache: per process with the default local-memory cache, so on several Lambdas
a shared cache (database or Redis) makes the limit exact.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class ApiTokenRateThrottle(SimpleRateThrottle):
    scope = "api_token"

    def get_rate(self):
        # Read when used (not at import) so a changed setting takes effect.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.prefix}
