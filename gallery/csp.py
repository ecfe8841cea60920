"""The Content-Security-Policy of every page (docs/security.md, "Content Security Policy").

django-csp builds it from `CONTENT_SECURITY_POLICY` (settings); this middleware adds the
one part that depends on the mode: in AWS mode the browser loads images from, and uploads
to, the bucket's origin (presigned GETs and POSTs), so that origin, and only it, joins
`img-src` and `connect-src`.
"""

from csp.middleware import CSPMiddleware, PolicyParts

from .storage import storage


class StorageCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        origins = storage().browser_origins()
        if origins and not report_only:
            update = dict(parts.update or {})
            for directive in ("img-src", "connect-src"):
                update[directive] = [*update.get(directive, []), *origins]
            parts.update = update
        return parts
