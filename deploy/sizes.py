"""Prints each Lambda package's zipped and unpacked size; fails past Lambda's limit.

python -m deploy.sizes dist/web.zip dist/processor.zip
"""

import sys
import zipfile
from pathlib import Path

# Lambda refuses a function whose code, unpacked, exceeds 250 MB (262,144,000 bytes).
UNPACKED_LIMIT = 262_144_000
MIB = 1024 * 1024


def unpacked_bytes(package: Path) -> int:
    with zipfile.ZipFile(package) as archive:
        return sum(info.file_size for info in archive.infolist())


def describe(package: Path) -> tuple[str, bool]:
    unpacked = unpacked_bytes(package)
    fits = unpacked < UNPACKED_LIMIT
    line = (
        f"{package}: {package.stat().st_size / MIB:.1f} MiB zipped, "
        f"{unpacked / MIB:.1f} MiB unpacked ({unpacked / UNPACKED_LIMIT:.0%} of Lambda's 250 MB)"
    )
    return (line if fits else line + "  TOO LARGE"), fits


def main(paths: list[str]) -> int:
    all_fit = True
    for path in paths:
        line, fits = describe(Path(path))
        print(line)
        all_fit &= fits
    return 0 if all_fit else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
