"""Figures of a run: one `Scenario` per server started, a table of them, and the targets.

Targets (docs: VOILA-NOTES.md "Measured bursts"), each checked only when a scenario of its size ran:

    50 tablets open at once, pool of 50     time to interactive p95 <= 1.0 s
    100 tablets open at once, pool of 50    time to interactive p95 <= 6 s
    one tablet alone                        Submit -> "saved" p50 <= 20 ms
    100 tablets submit in the same second   Submit -> "saved" p95 <= 300 ms, no ballot lost
    memory                                  RSS per ballot kernel <= 1.15 x the bare notebook's
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tablets.participants import Outcome

MB = 2**20
PHASES = ("open", "answer", "submit")  # page + first tap; answers + Next up to Submit; Submit -> saved


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0..100), linear between closest ranks; nan for no values."""
    ordered = sorted(v for v in values if v is not None)
    if not ordered:
        return math.nan
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Scenario:
    app: str  # "ballot" or "bare"
    tablets: int  # opening at once (1: one at a time, `rounds` times)
    pool: int  # warm kernels (0: a kernel per page)
    server: str
    outcomes: list[Outcome] = field(default_factory=list)
    rows: int = 0  # ballots in the store afterwards
    rss: list[int] = field(default_factory=list)  # bytes, one per kernel that served a tablet
    uss: list[int] = field(default_factory=list)
    start_cpu: list[float] = field(default_factory=list)  # kernel CPU seconds when its page was complete
    wall: float = 0.0
    server_cpu: float = 0.0  # core-seconds during the burst(s): the Voilà process
    kernels_cpu: float = 0.0  # its kernels (those that ended meanwhile are missing)
    client_cpu: float = 0.0  # this benchmark's own process (the simulated tablets)
    other_cpu: float = 0.0  # every other process of the machine
    phase_cpu: dict = field(default_factory=dict)  # "open"/"answer"/"submit" -> [server, kernels, tablets] core-s
    server_problems: list[str] = field(default_factory=list)  # distinct error lines of the server's log
    calm_wait: float = 0.0  # seconds spent waiting for the machine to go quiet before the burst
    calm_others: float = 0.0  # cores the other processes used just before the burst
    killed: list[int] = field(default_factory=list)  # processes the server's stop left behind

    def values(self, name: str) -> list[float]:
        return [getattr(o, name) for o in self.outcomes if getattr(o, name) is not None]

    @property
    def saved(self) -> int:
        return sum(o.saved for o in self.outcomes)

    @property
    def errors(self) -> list[str]:
        return [o.error for o in self.outcomes if o.error]

    @property
    def lost(self) -> int:
        """Confirmed to a participant but not in the store (must be 0)."""
        return max(0, self.saved - self.rows)

    @property
    def title(self) -> str:
        opened = "1 tablet" if self.tablets == 1 else f"{self.tablets} at once"
        return f"{opened}, {'pool ' + str(self.pool) if self.pool else 'no pool'}"


def _ms(value: float) -> str:
    if math.isnan(value):
        return "-"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _pair(values: list[float]) -> str:
    return f"{_ms(percentile(values, 50))} / {_ms(percentile(values, 95))}"


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def table(scenarios: list[Scenario]) -> str:
    head = ("scenario", "app", "first byte p50/p95", "page p50/p95", "interactive p50/p95", "submit->saved p50/p95",
            "saved/rows/lost/errors", "RSS/USS MB per kernel", "CPU s per kernel start",
            "core-s: server/kernels/tablets/others")  # fmt: skip
    rows = [head]
    for s in scenarios:
        rows.append((
            s.title, s.app, _pair(s.values("first_byte")), _pair(s.values("page")), _pair(s.values("interactive")),
            _pair(s.values("submit")), f"{s.saved}/{s.rows}/{s.lost}/{len(s.errors)} of {len(s.outcomes)}",
            f"{_mean(s.rss) / MB:.1f} / {_mean(s.uss) / MB:.1f}", f"{_mean(s.start_cpu):.2f}",
            f"{s.server_cpu:.1f}/{s.kernels_cpu:.1f}/{s.client_cpu:.1f}/{s.other_cpu:.1f} in {s.wall:.0f} s",
        ))  # fmt: skip
    return _columns(rows)


def costs(scenarios: list[Scenario]) -> str:
    """Where the time and CPU of each tablet go: the kernel messages its page received, how long
    answering took (first answer to the Submit button), and per phase the core-seconds per tablet of
    the server, of the kernels (for cold kernels, "open" includes their start) and of the simulated
    tablet itself (this process: it shares the cores, so it is part of the load)."""
    head = ("scenario", "app", "kernel msgs / KB per tablet", "answering p50/p95",
            *(f"{phase} CPU s per tablet: server/kernels/tablet" for phase in PHASES), "wall")  # fmt: skip
    rows = [head]
    for s in scenarios:
        n = max(len(s.outcomes), 1)
        spent = [s.phase_cpu.get(phase, [math.nan] * 3) for phase in PHASES]
        rows.append((
            s.title, s.app, f"{_mean(s.values('messages')):.0f} / {_mean(s.values('kilobytes')):.0f}", _pair(s.values("answering")),
            *(" / ".join(f"{cpu / n:.3f}" for cpu in cpus) for cpus in spent), f"{s.wall:.0f} s",
        ))  # fmt: skip
    return _columns(rows)


def _columns(rows: list[tuple]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _find(scenarios: list[Scenario], app: str, tablets: int, pool: int | None = None) -> Scenario | None:
    for s in scenarios:
        if s.app == app and s.tablets == tablets and (pool is None or s.pool == pool):
            return s
    return None


def targets(scenarios: list[Scenario]) -> str:
    """One line per target: measured, target, ratio (<= 1 is met), or why it was not measured."""
    lines = []

    def check(name: str, measured: float, limit: float, extra_ok: bool = True, note: str = "") -> None:
        if math.isnan(measured):
            lines.append(f"  {name:<52} not measured{note}")
            return
        ratio = measured / limit
        verdict = "MET" if ratio <= 1 and extra_ok else "NOT MET"
        lines.append(f"  {name:<52} {measured:10.3f}  target {limit:<7g} ratio {ratio:5.2f}  {verdict}{note}")

    burst50, burst100 = _find(scenarios, "ballot", 50, 50), _find(scenarios, "ballot", 100, 50)
    single = _find(scenarios, "ballot", 1)
    check("50 at once, pool 50: interactive p95 (s)", percentile(burst50.values("interactive"), 95) if burst50 else math.nan, 1.0,
          note="" if burst50 else " (no burst of 50 with a pool of 50)")  # fmt: skip
    check("100 at once, pool 50: interactive p95 (s)", percentile(burst100.values("interactive"), 95) if burst100 else math.nan, 6.0,
          note="" if burst100 else " (no burst of 100 with a pool of 50)")  # fmt: skip
    check("1 tablet: submit->saved p50 (s)", percentile(single.values("submit"), 50) if single else math.nan, 0.020,
          note="" if single else " (no single-tablet scenario)")  # fmt: skip
    wave = _find(scenarios, "ballot", 100)
    if wave is not None:
        complete = wave.lost == 0 and not wave.errors
        note = f" (lost {wave.lost}, errors {len(wave.errors)}, {wave.saved} of {len(wave.outcomes)} saved)"
        check("100 submit in the same second: p95 (s), none lost", percentile(wave.values("submit"), 95), 0.300, complete, note)
    else:
        check("100 submit in the same second: p95 (s), none lost", math.nan, 0.300, note=" (no scenario of 100)")
    ballot_rss = [r for s in scenarios if s.app == "ballot" for r in s.rss]
    bare_rss = [r for s in scenarios if s.app == "bare" for r in s.rss]
    ratio = _mean(ballot_rss) / _mean(bare_rss) if ballot_rss and bare_rss else math.nan
    check("RSS per ballot kernel / per bare kernel (x)", ratio, 1.15,
          note=f" ({_mean(ballot_rss) / MB:.1f} MB / {_mean(bare_rss) / MB:.1f} MB)" if ballot_rss and bare_rss else "")  # fmt: skip
    return "\n".join(lines)


def error_summary(scenarios: list[Scenario]) -> str:
    """Each distinct error once per scenario with its count, and what kernels wrote to stderr."""
    lines = []
    for s in scenarios:
        counts: dict[str, int] = {}
        for error in s.errors:
            counts[error] = counts.get(error, 0) + 1
        for error, count in sorted(counts.items(), key=lambda item: -item[1]):
            lines.append(f"  {s.app} {s.title}: {count} x {error}")
        stderr: dict[str, int] = {}
        for outcome in s.outcomes:
            line = _exception_line("".join(outcome.kernel_errors))
            if line:
                stderr[line] = stderr.get(line, 0) + 1
        for line, count in sorted(stderr.items(), key=lambda item: -item[1])[:5]:
            lines.append(f"  {s.app} {s.title}: {count} kernels wrote to stderr, ending: {line[:200]}")
        if s.errors:
            for line in s.server_problems:
                lines.append(f"  {s.app} {s.title}: server log: {line[:200]}")
        if s.killed:
            lines.append(f"  {s.app} {s.title}: {len(s.killed)} processes left after the server stopped, killed: {s.killed}")
    return "\n".join(lines) or "  none"


def _exception_line(text: str) -> str:
    """The line that names the exception at the end of a traceback (its last unindented line), or
    the last line of any other text a kernel wrote to stderr."""
    lines = [line for line in text.splitlines() if line.strip()]
    unindented = [line for line in lines if not line[0].isspace() and not line.startswith("Traceback")]
    return (unindented or lines or [""])[-1].strip()
