"""What the benchmarks print about the machine they ran on."""

from __future__ import annotations

import os


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
