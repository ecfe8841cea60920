"""AWS clients, created lazily once per cold start and reused across invocations.

Bare botocore clients, not boto3's: boto3 adds resources and S3's managed transfers
(s3transfer, which loads multiprocessing), which the processor never uses (it calls the
API operations alone); importing them was about a tenth of the processor's import.
botocore reads ``AWS_ENDPOINT_URL`` itself when a client is created, which is how tests
point it at moto.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import botocore.session
from botocore.config import Config

_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 3}, connect_timeout=5, read_timeout=30
)


@functools.cache
def _session() -> botocore.session.Session:
    # One session per process: it caches the service models and the credentials.
    return botocore.session.get_session()


@functools.cache
def client(service: str) -> Any:
    # Lambda sets AWS_REGION; botocore itself only reads AWS_DEFAULT_REGION.
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    return _session().create_client(service, region_name=region, config=_CONFIG)


def s3() -> Any:
    return client("s3")


def dynamodb() -> Any:
    return client("dynamodb")


def reset_clients() -> None:
    """Forget the clients, so the next ones read the environment again (tests change
    the endpoint and region between runs; the session and its credentials stay)."""
    client.cache_clear()
