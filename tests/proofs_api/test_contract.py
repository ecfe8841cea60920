"""Issue 15, must-show 1: the API keeps its own contract. Schemathesis (its CLI, as an
integrator would run it) generates requests for every operation of the served schema,
with a token, against the live server in local mode, and applies all of its checks.

Revoking a token is the one operation that would end the run for the others (it may
revoke the run's own token), so it runs in a second pass with a token of its own.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from proofs_api import services
from tests.conftest import OUTPUT

pytestmark = [pytest.mark.e2e, pytest.mark.long]

CONFIG = Path(__file__).with_name("schemathesis.toml")
REVOKE = "DELETE /api/tokens/{id}/"
SUMMARY = OUTPUT / "schemathesis-summary.txt"
EXAMPLES = 5  # per operation and phase; the coverage phase adds its own boundary cases


def schemathesis(base_url: str, key: str, *selection: str) -> subprocess.CompletedProcess:
    command = [
        Path(sys.executable).with_name("st"),
        "--config-file", CONFIG,
        "run", f"{base_url}/api/schema/",
        "-H", f"Authorization: Bearer {key}",
        "--checks", "all",
        "--max-examples", str(EXAMPLES),
        "--seed", "15",
        "--workers", "4",  # the live server answers in parallel: halves the wall time
        "--no-color",
        *selection,
    ]  # fmt: skip
    # The timeout guards against a hang; it is not a speed check.
    return subprocess.run(command, capture_output=True, text=True, timeout=900)


def summary(run: subprocess.CompletedProcess) -> str:
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    return lines[-1] if lines else run.stderr


@pytest.fixture
def generous_rate(settings):
    rest = dict(settings.REST_FRAMEWORK)
    rest["DEFAULT_THROTTLE_RATES"] = {"api_token": "100000/minute"}
    settings.REST_FRAMEWORK = rest


def test_every_operation_keeps_the_schemas_contract(
    live_server, photographer, gallery, generous_rate
):
    OUTPUT.mkdir(exist_ok=True)
    SUMMARY.unlink(missing_ok=True)
    runs = []
    for selection in (("--exclude-name", REVOKE), ("--include-name", REVOKE)):
        _token, key = services.token_create(owner=photographer, name="schemathesis")
        run = schemathesis(live_server.url, key, *selection)
        line = f"schemathesis {' '.join(selection)}: {summary(run)}"
        print(line)
        with SUMMARY.open("a") as summaries:  # shown at the end of `make test` (conftest)
            summaries.write(line + "\n")
        runs.append(run)
    for run in runs:
        assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    # Between them the two passes tested every operation of the schema.
    selected = [re.search(r"Selected: (\d+)/(\d+)", run.stdout).groups() for run in runs]
    tested = [int(re.search(r"Tested: (\d+)", run.stdout).group(1)) for run in runs]
    total = int(selected[0][1])
    assert [int(n) for n, _ in selected] == [total - 1, 1]
    assert tested == [total - 1, 1]
