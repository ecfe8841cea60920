"""The README and `docs/` against the repository: the README stays short, and every Make
target, file, management command, `python -m` module and dotted code name they give exists.
Cheap, and it fails at the commit that moves something a document still names."""

import importlib
import importlib.util
import re
from pathlib import Path

import pytest
from django.core.management import get_commands

from proofs_api.webhooks import EVENTS

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
FIRST_PARTY = (
    "config",
    "core",
    "accounts",
    "gallery",
    "sharing",
    "proofs_api",
    "lambda_processor",
    "deploy",
)
# Paths the documents name that are made by running things, or are storage keys, not files.
GENERATED = ("var/", "storage/", "test-output/", "staticfiles/", "dist/", ".venv")
STORAGE_KEYS = ("originals/", "renditions/", "exports/")


def names_in(pattern: str) -> list[tuple[str, str]]:
    """(document, match) for every match of `pattern` in every document."""
    return [
        (document.relative_to(REPO).as_posix(), match)
        for document in DOCUMENTS
        for match in re.findall(pattern, document.read_text())
    ]


def code_spans() -> list[tuple[str, str]]:
    return names_in(r"`([^`\n]+)`")


def test_the_readme_stays_short():
    lines = (REPO / "README.md").read_text().count("\n")
    assert lines < 250, f"README.md has {lines} lines; move detail into docs/"


def test_the_documents_exist_and_the_readme_links_each():
    readme = (REPO / "README.md").read_text()
    for name in ("deploying", "operations", "api", "architecture"):
        assert (REPO / "docs" / f"{name}.md").is_file()
        assert f"(docs/{name}.md)" in readme


def test_every_make_target_named_exists():
    makefile = (REPO / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, flags=re.MULTILINE))
    named = names_in(r"\bmake ([a-z][\w-]*)")
    assert {"run", "test"} <= {target for _document, target in named}
    missing = [(document, target) for document, target in named if target not in targets]
    assert not missing, f"make targets named but not in the Makefile: {missing}"


def is_repository_path(span: str) -> bool:
    return (
        re.fullmatch(r"[\w.*/-]+", span) is not None
        and ("/" in span or re.fullmatch(r"[\w-]+\.(json|toml)", span) is not None)
        and not span.startswith(("/", *GENERATED, *STORAGE_KEYS))
    )


def test_every_file_and_folder_named_exists():
    paths = [(document, span) for document, span in code_spans() if is_repository_path(span)]
    assert len(paths) > 20  # the rule still finds the paths the documents give
    missing = [
        (document, span)
        for document, span in paths
        if not (any(REPO.glob(span)) if "*" in span else (REPO / span).exists())
    ]
    assert not missing, f"paths named but not in the repository: {missing}"


def test_every_management_command_named_exists():
    commands = get_commands()
    named = names_in(r"manage\.py ([a-z_]+)")
    assert len(named) > 5
    missing = [(document, command) for document, command in named if command not in commands]
    assert not missing, f"manage.py commands named but not found: {missing}"


def test_every_python_module_run_with_dash_m_exists():
    named = names_in(r"python -m ([\w.]+)")
    assert named
    missing = [(doc, module) for doc, module in named if importlib.util.find_spec(module) is None]
    assert not missing, f"modules named but not found: {missing}"


def resolves(dotted: str) -> bool:
    """A first-party module, or an attribute of one (`proofs_api.tasks.deliver_due_webhooks`).
    Modules are found without importing them: some (production settings) refuse to load here."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        module = ".".join(parts[:end])
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            found = False
        if found:
            if end == len(parts):
                return True
            value = importlib.import_module(module)
            for name in parts[end:]:
                if not hasattr(value, name):
                    return False
                value = getattr(value, name)
            return True
    return False


@pytest.mark.parametrize(
    "document, dotted",
    sorted(
        {
            (document, span)
            for document, span in code_spans()
            if re.fullmatch(rf"(?:{'|'.join(FIRST_PARTY)})(?:\.\w+)+", span)
            and span not in EVENTS  # webhook events, such as `gallery.processed`
        }
    ),
)
def test_every_dotted_code_name_resolves(document, dotted):
    assert resolves(dotted), f"{document} names {dotted}, which does not exist"
