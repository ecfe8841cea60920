"""Rewrites a Zappa package with valid bytecode and a reproducible layout.

    python -m deploy.bytecode dist/web.zip dist/processor.zip   (make package runs it)

Zappa zips every file dated 1980 and copies each `__pycache__` as it found it, so the
`.pyc` files it ships record pip's install times: Python finds them stale in Lambda and
compiles every module again in each new instance (read-only /var/task keeps none of it).
This leaves out whatever bytecode the package carried and compiles every module with the
Python that builds the package, as hash-based `.pyc` that are never checked against the
source (PEP 552's `unchecked-hash`: valid whatever the files' dates; the package is never
edited in place). Entries are then written in name order, dated 1980, with one mode and
one compression level, and the bytecode is compiled with a fixed hash seed (sets of
strings are marshalled in hash order), so the same tree gives the same bytes. Zappa's own
package_info.json (a build id and time) is the one part that differs between builds.

The rewrite goes from one ZIP to the other without unpacking to disk, and a module is
compiled once per run: the web and worker packages hold the same 1,800 modules, and the
processor's are most of them too.
"""

import concurrent.futures
import hashlib
import importlib.util
import marshal
import os
import sys
import zipfile
from pathlib import Path

EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP entry can hold
MODE = 0o755 << 16  # as Zappa writes it: Lambda's runtime user must read every file
# Where Lambda unpacks the code: the file names tracebacks show.
TASK_ROOT = "/var/task"
UNCHECKED_HASH = (0b01).to_bytes(4, "little")  # PEP 552 flags: hash-based, never checked
HASH_SEED = "0"
POOL_FROM = 200  # modules to compile

# (file name as Lambda sees it, SHA-256 of the source) -> the .pyc's bytes, or None for a
# file that is not valid Python 3.12 (a template, a test fixture of some package): such a
# file is simply imported from nowhere.
_compiled: dict[tuple[str, str], bytes | None] = {}


def is_bytecode(name: str) -> bool:
    return name.endswith((".pyc", ".pyo")) or "__pycache__/" in name


def pyc_name(source: str) -> str:
    return importlib.util.cache_from_source(source)


def compile_source(data: bytes, filename: str) -> bytes | None:
    """The unchecked-hash .pyc of ``data`` (what `compileall --invalidation-mode
    unchecked-hash` writes), or None when it is not valid Python."""
    try:
        code = compile(data, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    header = importlib.util.MAGIC_NUMBER + UNCHECKED_HASH + importlib.util.source_hash(data)
    return header + marshal.dumps(code)


def _compile_all(sources: dict[tuple[str, str], bytes]) -> None:
    """Compiles what no earlier package of this run held, on every core when there is
    enough of it to pay for starting the processes."""
    missing = [key for key in sources if key not in _compiled]
    if len(missing) < POOL_FROM:
        _compiled.update((key, compile_source(sources[key], key[0])) for key in missing)
        return
    with concurrent.futures.ProcessPoolExecutor() as pool:
        data, names = (sources[key] for key in missing), (key[0] for key in missing)
        pycs = pool.map(compile_source, data, names, chunksize=32)
        _compiled.update(zip(missing, pycs, strict=True))


def rewrite(package: Path) -> int:
    """Compiles `package` in place; returns how many `.pyc` it now holds."""
    with zipfile.ZipFile(package) as archive:
        files = {
            info.filename: archive.read(info)
            for info in archive.infolist()
            if not info.is_dir() and not is_bytecode(info.filename)
        }
    sources = {
        name: (f"{TASK_ROOT}/{name}", hashlib.sha256(data).hexdigest())
        for name, data in files.items()
        if name.endswith(".py")
    }
    _compile_all({key: files[name] for name, key in sources.items()})
    for name, key in sources.items():
        pyc = _compiled[key]
        if pyc is not None:
            files[pyc_name(name)] = pyc
    rebuilt = package.with_suffix(".rebuilt.zip")
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.create_system = 3  # Unix, so that the mode below is read
            info.external_attr = MODE
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    os.replace(rebuilt, package)
    return sum(1 for name in files if name.endswith(".pyc"))


def main(paths: list[str]) -> int:
    if os.environ.get("PYTHONHASHSEED") != HASH_SEED:
        # The hash seed is fixed when Python starts: start again with ours.
        env = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
        os.execve(sys.executable, [sys.executable, "-m", "deploy.bytecode", *paths], env)  # noqa: S606
    for path in paths:
        print(f"{path}: {rewrite(Path(path))} modules compiled (unchecked-hash)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
