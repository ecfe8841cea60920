"""Both packages ship bytecode that Python in Lambda uses as it is: hash-based, never
checked against the source, compiled from exactly the source beside it; and the rewrite
that puts it there gives the same bytes for the same tree."""

import importlib.util
import marshal
import sys
import zipfile
from pathlib import Path

import pytest

from deploy import bytecode

CACHE_TAG = sys.implementation.cache_tag  # the test's Python is the packages' (3.12)
UNCHECKED_HASH = 0b01  # PEP 552 flags: hash-based, source not checked


def cached_name(source: str) -> str:
    folder, _, file = source.rpartition("/")
    pyc = f"__pycache__/{file[:-3]}.{CACHE_TAG}.pyc"
    return f"{folder}/{pyc}" if folder else pyc


def bytecode_problems(package: Path) -> tuple[list[str], int]:
    """What is wrong with the package's bytecode, and how many modules it holds."""
    problems = []
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        sources = {name for name in names if name.endswith(".py")}
        compiled = {name for name in names if name.endswith(".pyc")}
        expected = {cached_name(source): source for source in sources}
        problems += [f"{name}: no source beside it" for name in compiled - expected.keys()]
        for pyc, source in expected.items():
            code = archive.read(source)
            if pyc not in compiled:
                try:  # only a file that is not Python 3.12 may go without bytecode
                    compile(code, source, "exec", dont_inherit=True)
                except (SyntaxError, ValueError):
                    continue
                problems.append(f"{source}: no bytecode")
                continue
            data = archive.read(pyc)
            flags = int.from_bytes(data[4:8], "little")
            if data[:4] != importlib.util.MAGIC_NUMBER:
                problems.append(f"{pyc}: compiled by another Python")
            elif flags != UNCHECKED_HASH:
                problems.append(f"{pyc}: flags {flags:#b}, not unchecked-hash")
            elif data[8:16] != importlib.util.source_hash(code):
                problems.append(f"{pyc}: compiled from another source")
            else:
                marshal.loads(data[16:])  # noqa: S302 (the code object, built by this test's build)
    return problems, len(sources)


@pytest.mark.e2e
@pytest.mark.long
@pytest.mark.xdist_group("package")
@pytest.mark.parametrize("stage", ["web", "processor"])
def test_every_module_in_the_package_has_valid_unchecked_bytecode(packages, stage):
    problems, modules = bytecode_problems(getattr(packages, stage))
    assert modules > 100
    assert problems == []


def _package(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def test_rewrite_replaces_stale_bytecode_and_is_reproducible(tmp_path):
    files = {
        "handler.py": b"import app\nSEEN = {'a', 'b', 'c', 'd'}\n",
        "app/__init__.py": b"VALUE = 1\n",
        # What Zappa copies from a working tree or pip: bytecode of some other source.
        "app/__pycache__/__init__.cpython-312.pyc": b"stale",
        "old.pyc": b"stale",
        "templates/not_python.py": b"{% block %}\n",
        "static/app.css": b"body {}\n",
    }
    first = _package(tmp_path / "first.zip", files)
    second = _package(tmp_path / "second.zip", dict(reversed(files.items())))

    assert bytecode.rewrite(first) == 2
    bytecode.rewrite(second)

    assert first.read_bytes() == second.read_bytes()
    assert bytecode_problems(first) == ([], 3)
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == sorted(archive.namelist())
        assert "old.pyc" not in archive.namelist()
        assert {info.date_time for info in archive.infolist()} == {bytecode.EPOCH}
        assert archive.read("static/app.css") == b"body {}\n"
