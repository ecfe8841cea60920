"""aws mode's storage: S3 (presigned URLs and POSTs) and the DynamoDB records table.

gallery.aws (boto3, botocore) is imported by each method that reaches AWS, not with this
module: a page that signs nothing (the sign-in page, whose CSP header only names the
bucket's origins) never loads it, a quarter of a new web instance's first response.

Which bucket holds what is decided here and nowhere else: renditions may live in a
separate output bucket; originals and ZIP exports are in the private originals bucket.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect

from lambda_processor import records as schema

from .expiry import seconds_left
from .names import attachment_disposition


def bucket_for(key: str) -> str:
    if key.startswith(schema.RENDITIONS_PREFIX):
        return settings.PROOFSHEET_OUTPUT_BUCKET
    return settings.PROOFSHEET_BUCKET


def _buckets() -> list[str]:
    return list(dict.fromkeys([settings.PROOFSHEET_BUCKET, settings.PROOFSHEET_OUTPUT_BUCKET]))


class S3Storage:
    serves_files = False

    def browser_origins(self) -> list[str]:
        """The bucket's origins, where presigned GETs and POSTs send the browser."""
        endpoint = settings.PROOFSHEET_AWS_ENDPOINT_URL
        if endpoint:  # a local S3 (moto) answers path-style URLs on its own origin
            parts = urlsplit(endpoint)
            return [f"{parts.scheme}://{parts.netloc}"]
        region = settings.PROOFSHEET_REGION
        # Virtual-host URLs: boto3 signs on the regional name, or the global one in us-east-1.
        return [
            origin
            for bucket in _buckets()
            if bucket
            for origin in (
                f"https://{bucket}.s3.{region}.amazonaws.com",
                f"https://{bucket}.s3.amazonaws.com",
            )
        ]

    def image_url(
        self, key: str, *, seconds: int | None = None, revision: int | None = None
    ) -> str:
        return self.url_signer(seconds=seconds)(key, revision)

    def url_signer(self, *, seconds: int | None = None):
        from .. import aws

        _, remaining = seconds_left(seconds=seconds or settings.PROOFSHEET_IMAGE_URL_SECONDS)

        def image_url(key: str, revision: int | None = None) -> str:
            return aws.presigned_get(
                key=key, bucket=bucket_for(key), expires_in=remaining, revision=revision
            )

        return image_url

    def upload_target(self, *, key: str, content_type: str, size: int | None = None) -> dict:
        from .. import aws

        seconds = settings.PROOFSHEET_UPLOAD_TARGET_SECONDS
        limit = settings.PROOFSHEET_MAX_UPLOAD_BYTES
        # S3's POST policy refuses (EntityTooSmall/EntityTooLarge) a file of another size.
        post = aws.presigned_post(
            bucket=bucket_for(key),
            key=key,
            content_type=content_type,
            min_bytes=size or 1,
            max_bytes=min(size, limit) if size else limit,
            expires_in=seconds,
        )
        return {"url": post["url"], "fields": post["fields"], "expires_in": seconds}

    def exists(self, key: str) -> bool:
        return self.blob_store().head(key) is not None

    def open(self, key: str):
        from .. import aws

        return aws.client("s3").get_object(Bucket=bucket_for(key), Key=key)["Body"]

    def save(self, key: str, data, *, content_type: str) -> None:
        from .. import aws

        aws.client("s3").upload_fileobj(
            data, bucket_for(key), key, ExtraArgs={"ContentType": content_type}
        )

    def writer(self, key: str, *, content_type: str):
        from .. import aws

        return aws.multipart_upload(
            bucket=bucket_for(key),
            key=key,
            content_type=content_type,
            part_bytes=settings.PROOFSHEET_EXPORT_PART_BYTES,
            parallel=settings.PROOFSHEET_EXPORT_PARALLEL_PARTS,
        )

    def list_keys(self, prefix: str) -> list[str]:
        from .. import aws

        return [key for bucket in _buckets() for key in aws.list_keys(bucket=bucket, prefix=prefix)]

    def delete_prefix(self, prefix: str) -> int:
        from .. import aws

        return sum(aws.delete_prefix(bucket=bucket, prefix=prefix) for bucket in _buckets())

    def attachment_url(self, key: str, *, filename: str) -> str:
        from .. import aws

        return aws.presigned_get(
            key=key,
            bucket=bucket_for(key),
            expires_in=settings.PROOFSHEET_IMAGE_URL_SECONDS,
            disposition=attachment_disposition(filename),
        )

    def attachment_response(self, key: str, *, filename: str):
        return HttpResponseRedirect(self.attachment_url(key, filename=filename))

    def blob_store(self):
        from lambda_processor.adapters import S3BlobStore

        from .. import aws

        # Reads originals from the originals bucket; the web side never writes renditions.
        return S3BlobStore(
            settings.PROOFSHEET_BUCKET,
            settings.PROOFSHEET_OUTPUT_BUCKET,
            client=aws.client("s3"),
        )

    def record_table(self):
        from .. import aws

        return aws.dynamo_record_table()
