"""What the benchmarks print about the machine they ran on."""

from __future__ import annotations

import json
import os
import statistics
import time
import zlib


def load(values: tuple[float, ...] | None = None, sep: str = " ") -> str:
    """The load averages (now, or ``values`` taken earlier), one decimal each."""
    return sep.join(f"{value:.1f}" for value in values or os.getloadavg())


def tree_cpu_seconds(root: int) -> dict[str, float]:
    """CPU seconds (user + system) used so far by ``root`` and every process below it,
    summed by what each process runs: the last word of its command line that names it
    (``gunicorn``, ``process_jobs``, ``run_local``). Linux only (reads /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # the command name, in parentheses, may hold spaces: split after it
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone since listed
        stats[int(entry)] = fields
        children.setdefault(int(fields[1]), []).append(int(entry))
    totals: dict[str, float] = {}
    pending = [root]
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, []))
        if pid not in stats:
            continue
        user, system = int(stats[pid][11]), int(stats[pid][12])
        role = _role(pid)
        totals[role] = totals.get(role, 0.0) + (user + system) / ticks
    return totals


def _role(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            words = cmdline.read().decode(errors="replace").split("\0")
    except OSError:
        return "?"
    for word in ("gunicorn", "process_jobs", "run_local", "runserver"):
        if word in words:
            return word
    scripts = [word for word in words if word.endswith(".py")]
    return os.path.basename(scripts[0] if scripts else words[0]) or "?"


def reference_ms(repeats: int = 20) -> float:
    """The median ms of a fixed piece of Python work shaped like a page's: 500 entries
    built, sorted by name, JSON-encoded and compressed. The shared machine these benches
    were written on runs the same code at two speeds, switching within seconds for reasons
    outside it: this work takes about 1.3 ms at full speed and 2.3 ms slowed, a 500-photo
    client page about 30 and 48 ms in-process. Printed beside a figure, it tells a slowed
    machine apart from slower code."""
    names = [f"IMG_{(index * 7919) % 100000:05d}.jpg" for index in range(500)]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        entries = [
            {"id": f"{index:032x}", "filename": name, "width": 2048, "height": 1365, "set": None}
            for index, name in enumerate(names)
        ]
        entries.sort(key=lambda entry: (entry["filename"].casefold(), entry["id"]))
        zlib.compress(json.dumps(entries).encode(), 1)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000
