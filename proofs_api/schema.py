"""What drf-spectacular needs to know beyond the views: the token scheme, the error
responses every operation can give, and the views' annotations (`proofs_api.openapi`).

Imported only to make the schema (DEFAULT_SCHEMA_CLASS, and the generator of
SPECTACULAR_SETTINGS, which the schema view and `manage.py spectacular` use)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema

from .openapi import apply_annotations
from .permissions import SessionOnly
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
        # Query parameters (a photo page's cursor) are input too, and can be refused.
        if (
            self.method in ("POST", "PUT", "PATCH")
            or self._is_list_view()
            or self.get_override_parameters()
        ):
            codes.append("400")
        if self.get_auth():
            codes += ["401", "429"]
        if any(isinstance(p, SessionOnly) for p in self.view.get_permissions()):
            codes.append("403")
        if "{" in self.path:
            codes.append("404")
        for code in codes:
            responses.setdefault(code, self._get_response_for_code(ErrorSerializer, code))
        return responses


class ProofsSchemaGenerator(SchemaGenerator):
    """drf-spectacular's generator, with the views' annotations applied first."""

    def create_view(self, callback, method, request=None):
        # Called for each endpoint once the URLconf, and so every view, is imported.
        apply_annotations()
        return super().create_view(callback, method, request)
