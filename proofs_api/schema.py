"""What drf-spectacular needs to know beyond the views: the token scheme, and the error
responses every operation can give."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

from .serializers.common import ErrorSerializer


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "proofs_api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An API token from Settings → API tokens, as `Authorization: Bearer <key>`. "
                "`Authorization: Token <key>` is accepted too."
            ),
        }


class ProofsAutoSchema(AutoSchema):
    """Adds the shared error shape to each operation, for the statuses it can answer."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        codes = []
        paged = any(
            getattr(parameter, "name", "") == "page_size"
            for parameter in self.get_override_parameters()
        )
        if self.method in ("POST", "PUT", "PATCH") or self._is_list_view() or paged:
            codes.append("400")
        if self.get_auth():
            codes += ["401", "429"]
        if "{" in self.path:
            codes.append("404")
        for code in codes:
            responses.setdefault(code, self._get_response_for_code(ErrorSerializer, code))
        return responses
