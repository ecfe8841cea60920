"""The house rules that no single test of a feature would notice breaking."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Where the mode may be asked for: the settings, the two seams that pick an implementation
# once, the system checks, and the deployment that sets the mode for its stages.
MODE_ALLOWED = (
    "config/",
    "gallery/storage/",
    "gallery/dispatch/",
    "gallery/checks.py",
    "deploy/",
)
MODE_WORDS = ("PROOFSHEET_MODE", "is_aws", "AWS_LAMBDA_FUNCTION_NAME")
SKIPPED = {".venv", ".venv-package", "tests", "bench", "node_modules", "staticfiles", "dist"}


def source_files():
    for path in sorted(REPO.rglob("*.py")):
        relative = path.relative_to(REPO)
        if relative.parts[0] not in SKIPPED:
            yield relative.as_posix(), path


def test_the_source_tree_is_scanned():
    scanned = dict(source_files())
    assert "gallery/views.py" in scanned and "sharing/downloads.py" in scanned
    assert "gallery/storage/__init__.py" in scanned  # where the mode is asked


def test_only_config_the_seams_and_the_checks_ask_for_the_mode():
    askers = {
        name
        for name, path in source_files()
        if any(word in path.read_text() for word in MODE_WORDS)
        and not name.startswith(MODE_ALLOWED)
    }
    assert askers == set()


def test_import_contracts_hold():
    """Layers, no circles among first-party modules, no Django in the processor."""
    result = subprocess.run(  # noqa: S603 (our own tool, fixed arguments)
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
