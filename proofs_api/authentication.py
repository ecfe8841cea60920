"""Integrations authenticate with `Authorization: Bearer <key>` (or `Token <key>`)."""

from django.utils import formats
from rest_framework import authentication, exceptions

from . import selectors, services

MANAGE_HINT = "Create a new one under Settings → API tokens."


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        words = authentication.get_authorization_header(request).split()
        if not words or words[0].decode("latin-1").lower() not in self.keywords:
            return None  # not ours: the session may still authenticate the request
        if len(words) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the key as `Authorization: Bearer <key>`, with nothing after the key."
            )
        try:
            key = words[1].decode("ascii")
        except UnicodeDecodeError:
            key = ""
        token = selectors.token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                "This API token is not valid: check that it was copied whole. " + MANAGE_HINT
            )
        if token.is_revoked:
            when = formats.date_format(token.revoked_at, "j F Y")
            raise exceptions.AuthenticationFailed(
                f"This API token (“{token.name}”) was revoked on {when}. " + MANAGE_HINT,
                code="token_revoked",
            )
        if not token.owner.is_active:
            raise exceptions.AuthenticationFailed("The account this API token belongs to is off.")
        services.token_touch(token=token)
        return token.owner, token

    def authenticate_header(self, request):
        # Makes an unauthenticated request a 401 (with this challenge), not a 403.
        return 'Bearer realm="api"'
