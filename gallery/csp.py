"""The Content-Security-Policy of every page (docs/security.md, "Content Security Policy").

django-csp builds it from `CONTENT_SECURITY_POLICY` (settings); this middleware adds the
one part that depends on the mode: in AWS mode the browser loads images from, and uploads
to, the bucket's origin (presigned GETs and POSTs), so that origin, and only it, joins
`img-src` and `connect-src`.
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def storage_origins() -> list[str]:
    """Where the browser fetches images and sends uploads, besides this site."""
    if settings.PROOFSHEET_MODE != "aws":
        return []  # local mode: signed URLs to this site's own views
    endpoint = settings.PROOFSHEET_AWS_ENDPOINT_URL
    if endpoint:  # a local S3 (moto) answers path-style URLs on its own origin
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}"]
    region = settings.PROOFSHEET_REGION
    buckets = dict.fromkeys(
        b for b in (settings.PROOFSHEET_BUCKET, settings.PROOFSHEET_OUTPUT_BUCKET) if b
    )
    # Virtual-host URLs: boto3 signs on the regional name, or the global one in us-east-1.
    return [
        origin
        for bucket in buckets
        for origin in (
            f"https://{bucket}.s3.{region}.amazonaws.com",
            f"https://{bucket}.s3.amazonaws.com",
        )
    ]


class StorageCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        origins = storage_origins()
        if origins and not report_only:
            update = dict(parts.update or {})
            for directive in ("img-src", "connect-src"):
                update[directive] = [*update.get(directive, []), *origins]
            parts.update = update
        return parts
