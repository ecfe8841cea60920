"""Rewrites a Zappa package with valid bytecode and a reproducible layout.

    python -m deploy.bytecode dist/web.zip dist/processor.zip   (make package runs it)

Zappa zips every file dated 1980 and copies each `__pycache__` as it found it, so the
`.pyc` files it ships record pip's install times: Python finds them stale in Lambda and
compiles every module again in each new instance (read-only /var/task keeps none of it).
This leaves out whatever bytecode the package carried and compiles every module with the
Python that builds the package, as hash-based `.pyc` that are never checked against the
source (`unchecked-hash`: valid whatever the files' dates; the package is never edited in
place). Entries are then written in name order, dated 1980, with one mode and one
compression level, and the bytecode is compiled with a fixed hash seed (sets of strings
are marshalled in hash order), so the same tree gives the same bytes. Zappa's own
package_info.json (a build id and time) is the one part that differs between builds.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP entry can hold
MODE = 0o755 << 16  # as Zappa writes it: Lambda's runtime user must read every file
# Where Lambda unpacks the code: the file names tracebacks show.
TASK_ROOT = "/var/task"


def is_bytecode(name: str) -> bool:
    return name.endswith((".pyc", ".pyo")) or "__pycache__/" in name


def compile_tree(root: Path) -> None:
    """`compileall` over the unpacked tree, unchecked-hash, in a Python with a fixed seed."""
    completed = subprocess.run(  # noqa: S603 (this Python, fixed arguments)
        [
            sys.executable,
            "-m",
            "compileall",
            "-q",
            "-j",
            "0",
            "--invalidation-mode",
            "unchecked-hash",
            "-s",
            str(root),
            "-p",
            TASK_ROOT,
            str(root),
        ],
        env={**os.environ, "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
    )
    # A file that is not valid Python 3.12 (a template, a test fixture of some package)
    # fails to compile and is simply imported from nowhere; anything else is an error.
    if completed.returncode not in (0, 1):
        raise SystemExit(completed.stdout + completed.stderr)


def rewrite(package: Path) -> int:
    """Compiles `package` in place; returns how many `.pyc` it now holds."""
    with tempfile.TemporaryDirectory(prefix="bytecode-") as work:
        root = Path(work) / "task"
        with zipfile.ZipFile(package) as archive:
            for info in archive.infolist():
                if not is_bytecode(info.filename):
                    archive.extract(info, root)
        compile_tree(root)
        files = sorted(path for path in root.rglob("*") if path.is_file())
        rebuilt = package.with_suffix(".rebuilt.zip")
        with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for path in files:
                info = zipfile.ZipInfo(path.relative_to(root).as_posix(), date_time=EPOCH)
                info.create_system = 3  # Unix, so that the mode below is read
                info.external_attr = MODE
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as source, archive.open(info, "w") as target:
                    shutil.copyfileobj(source, target, 1024 * 1024)
        os.replace(rebuilt, package)
    return sum(1 for path in files if path.suffix == ".pyc")


def main(paths: list[str]) -> int:
    for path in paths:
        print(f"{path}: {rewrite(Path(path))} modules compiled (unchecked-hash)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
