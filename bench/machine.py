"""What the benchmarks print about the machine they ran on."""

from __future__ import annotations

import os


def load(values: tuple[float, ...] | None = None, sep: str = " ") -> str:
    """The load averages (now, or ``values`` taken earlier), one decimal each."""
    return sep.join(f"{value:.1f}" for value in values or os.getloadavg())
