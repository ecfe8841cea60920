"""AWS clients, created lazily once per cold start and reused across invocations.

Bare botocore clients, not boto3's: boto3 adds resources and S3's managed transfers
(s3transfer, which loads multiprocessing), which the processor never uses (it calls the
API operations alone); importing them was about a tenth of the processor's import.
botocore reads ``AWS_ENDPOINT_URL`` itself when a client is created, which is how tests
point it at moto.

botocore itself (with urllib3, http.client, ssl and email) is imported with the first
client, not with this module: it was over half of the processor's import, and every event
that touches AWS creates its client anyway, so the first event pays it instead of the
import. What the first event pays for the clients shrank meanwhile: the package carries
only the models of the services called here (`deploy.zappa_config.PROCESSOR_AWS_SERVICES`),
so botocore no longer lists every service's folder when it loads one.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import botocore.session

RETRIES = {"mode": "standard", "max_attempts": 3}
CONNECT_TIMEOUT_S, READ_TIMEOUT_S = 5, 30


@functools.cache
def _session() -> botocore.session.Session:
    # One session per process: it caches the service models and the credentials.
    import botocore.session

    return botocore.session.get_session()


@functools.cache
def _config() -> Any:
    from botocore.config import Config

    return Config(retries=RETRIES, connect_timeout=CONNECT_TIMEOUT_S, read_timeout=READ_TIMEOUT_S)


@functools.cache
def client(service: str) -> Any:
    # Lambda sets AWS_REGION; botocore itself only reads AWS_DEFAULT_REGION.
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    return _session().create_client(service, region_name=region, config=_config())


def s3() -> Any:
    return client("s3")


def dynamodb() -> Any:
    return client("dynamodb")


def reset_clients() -> None:
    """Forget the clients, so the next ones read the environment again (tests change
    the endpoint and region between runs; the session and its credentials stay)."""
    client.cache_clear()
