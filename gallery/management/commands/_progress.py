"""A dependency-free progress bar for management commands."""

import shutil
import time


def progress(items, *, label: str, stream):
    items = list(items)
    total = len(items) or 1
    width = max(10, min(40, shutil.get_terminal_size((80, 20)).columns - 40))
    started = time.monotonic()
    for index, item in enumerate(items, start=1):
        yield item
        filled = int(width * index / total)
        rate = index / max(time.monotonic() - started, 1e-6)
        stream.write(
            f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {index}/{len(items)}"
            f" ({rate:.1f}/s)",
            ending="",
        )
        stream.flush()
    stream.write("")
