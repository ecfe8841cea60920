"""The processor's AWS clients: one per service and process, with the same retries and
timeouts, and botocore loaded with the first of them, not with the processor's import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lambda_processor import aws
from tests.aws_fixtures import fake_aws_env

from .conftest import REPO

# What botocore's client machinery brings (lambda_processor.aws imports it with the first
# client), and LittleCMS (lambda_processor.transforms: with the first image with a profile).
LOADED_ON_FIRST_USE = {"botocore.session", "botocore.client", "urllib3", "http.client", "ssl"}
LOADED_ON_FIRST_USE |= {"PIL.ImageCms"}


def test_importing_the_processors_handler_loads_no_client_machinery():
    code = "import json, sys, lambda_processor.entry; print(json.dumps(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert "lambda_processor.handler" in json.loads(loaded)
    assert not LOADED_ON_FIRST_USE & set(json.loads(loaded))


@pytest.fixture
def clients(monkeypatch):
    fake_aws_env(monkeypatch)
    aws.reset_clients()
    yield aws
    aws.reset_clients()


def test_clients_are_made_once_with_standard_retries_and_short_timeouts(clients):
    s3 = clients.s3()
    assert clients.s3() is s3
    assert clients.client("sqs") is clients.client("sqs")
    config = clients.dynamodb().meta.config
    # max_attempts=3 (retries, as aws.RETRIES gives them) is 4 attempts in all to botocore.
    assert config.retries == {"mode": "standard", "total_max_attempts": 4}
    assert (config.connect_timeout, config.read_timeout) == (5, 30)
    assert s3.meta.region_name == "us-east-1"
