"""The machine the servers share with everything else: CPU used by everyone, by us, and waiting for calm.

On a shared two-core machine another process's test run can double every figure. The benchmark
therefore waits (a bounded time) for the others to go quiet before each burst, and reports how much
CPU the rest of the machine used while it measured.
"""

from __future__ import annotations

import time

import psutil


def busy_seconds() -> float:
    """Core-seconds the whole machine has spent busy since boot (all processes, all cores)."""
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + getattr(t, "irq", 0) + getattr(t, "softirq", 0) + getattr(t, "steal", 0)


def own_seconds() -> float:
    """Core-seconds this process (the simulated tablets) has used."""
    t = psutil.Process().cpu_times()
    return t.user + t.system


def wait_for_calm(max_wait: float, ours=lambda: 0.0, below: float = 0.25, window: float = 2.0) -> tuple[float, float]:
    """Wait until the rest of the machine uses under `below` cores over `window` seconds, at most `max_wait`.

    `ours()` returns the CPU seconds of processes we started (an idle server still ticks a little).
    Returns (seconds waited, cores the others used in the last window).
    """
    began = time.monotonic()
    while True:
        busy, mine = busy_seconds(), ours() + own_seconds()
        time.sleep(window)
        others = max(0.0, (busy_seconds() - busy) - (ours() + own_seconds() - mine)) / window
        waited = time.monotonic() - began
        if others < below or waited >= max_wait:
            return waited, others


def memory_shortfall(new_kernels: int, per_kernel: float, reserve: float = 2 * 2**30) -> str:
    """"" if `new_kernels` more kernels of `per_kernel` bytes fit in memory with `reserve` to spare,
    else a sentence saying how much is missing (the machine is shared: never push it into swap or OOM)."""
    need = new_kernels * per_kernel + reserve
    available = psutil.virtual_memory().available
    if available >= need:
        return ""
    return f"{new_kernels} new kernels need about {need / 2**30:.1f} GB with the reserve; {available / 2**30:.1f} GB available"
