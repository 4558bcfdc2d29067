"""What watching a forum costs and how fast it is: idle CPU of N watchers, and change-to-watcher latency.

    .venv/bin/python benchmarks/bench_live.py
    .venv/bin/python benchmarks/bench_live.py --watchers 100 --idle 30 --changes 60 --backends sqlite

Every tablet's kernel is a process of its own, so by default each watcher runs in a process of its
own too (`--per-process` puts several in one). Beside the N tablet watchers, one projector process
watches the same session and, on every change, does what the projector page does
(`ProjectorApp.update`: reads the forum state, participation and revealed results, and draws the
chart again when it changed).

Tablets watch the facilitator's changes only (FACILITATOR_KINDS), as a tablet that follows the
facilitator does; the projector watches everything.

1. Idle: all watchers wait; the CPU time of their processes (user + system, from /proc) over
   `--idle` seconds, as a share of one core. Target: N=100 plus the projector under 10%.
2. Changes: `--changes` ballots submitted one after another at random moments (on average 4 a
   second) with a reveal every tenth; for every watcher and change, the time from the moment the
   write was *begun* (so the commit's own time counts) to the moment the watcher reported it. The
   projector's figure runs to the moment its slide was read and its chart drawn again. Tablets' latencies are
   those of the reveals and hides, the projector's those of every change. Target: p95 at most 1 s.

Figures, not a test: they depend on the machine, and on what else runs on it. PostgreSQL holds one
connection per watcher: with a server's default max_connections of 100, fewer watchers fit.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_submissions import postgresql_room, scratch_store  # noqa: E402

SESSION = "bench-2026-11-25"
CONSULTATION = """\
id: bench-live
title: {de: Forum, en: Forum}
languages: [de, en, ar]
access: open
live_results: true
pages:
  - id: main
    title: {de: Fragen, en: Questions}
    questions:
      - id: park
        kind: single_choice
        text: {de: Park oder Parkplatz?, en: Park or car park?}
        options:
          - {id: park, label: {de: Park, en: Park}}
          - {id: parking, label: {de: Parkplatz, en: Car park}}
"""


def watching(url: str, count: int, projector: bool, ready, logs, max_seconds: float, last_event: int) -> None:
    """Run `count` watchers in this process until the session has `last_event` forum events (the
    end signal); put each one's log in `logs`: (wall time, submissions, forum events) per change.
    The projector logs the moment its slide is read and drawn again."""
    from forum_toolkit.store import open_store
    from forum_toolkit.store.watch import FACILITATOR_KINDS, Watcher

    store = open_store(url) if projector else None
    kinds = {} if projector else {"kinds": FACILITATOR_KINDS}  # a tablet follows the facilitator
    app = None
    if projector:  # the projector page's own work: read the slide, draw the chart when it changed
        from forum_toolkit.apps.projector import ProjectorApp

        app = ProjectorApp(store, SESSION)

    async def one() -> list[tuple[float, int, int]]:
        seen = []
        async with Watcher(url, SESSION, max_seconds=max_seconds, **kinds) as watcher:
            ready.put(os.getpid())
            async for change in watcher:
                if app is not None:
                    await app.update()
                seen.append((time.time(), change.version.submissions, change.version.forum_events))
                if change.version.forum_events >= last_event:
                    break
        return seen

    async def all_of_them():
        return await asyncio.gather(*(one() for _ in range(count)))

    for log in asyncio.run(all_of_them()):
        logs.put(("projector" if projector else "tablet", log))
    if store is not None:
        store.close()


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def run(backend: str, url: str, watchers: int, per_process: int, idle: float, changes: int, seed: int) -> dict:
    from forum_toolkit.consultation.load import load_consultation_text
    from forum_toolkit.store import open_store

    store = open_store(url)
    store.create_session(load_consultation_text(CONSULTATION, source="bench_live.py"), CONSULTATION, SESSION, "Bench", date(2026, 11, 25))
    store.set_state(SESSION, "open")
    context = multiprocessing.get_context("spawn")
    max_seconds = idle + changes + 300
    last_event = changes // 10 + 1  # the reveals and hides, then the end signal
    with context.Manager() as manager:
        ready, logs = manager.Queue(), manager.Queue()
        groups = [min(per_process, watchers - start) for start in range(0, watchers, per_process)]
        processes = [context.Process(target=watching, args=(url, n, False, ready, logs, max_seconds, last_event)) for n in groups]
        processes.append(context.Process(target=watching, args=(url, 1, True, ready, logs, max_seconds, last_event)))
        started = time.monotonic()
        for process in processes:
            process.start()
        for _ in range(watchers + 1):
            ready.get(timeout=600)
        print(f"  {backend}: {watchers} watchers in {len(groups)} processes + 1 projector ready in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        time.sleep(3)  # let the start-up settle
        pids = [process.pid for process in processes]
        before, clock = cpu_seconds(pids), time.monotonic()
        time.sleep(idle)
        idle_cpu = (cpu_seconds(pids) - before) / (time.monotonic() - clock)

        rng = random.Random(seed)
        begun: list[tuple[float, int, int, bool]] = []  # (wall time begun, submissions after, forum events after, by the facilitator)
        submissions = forum_events = 0
        before, clock = cpu_seconds(pids), time.monotonic()
        for number in range(changes):
            time.sleep(rng.expovariate(4.0))
            at = time.time()
            if number % 10 == 9:
                (store.reveal if forum_events % 2 == 0 else store.hide)(SESSION, "park")
                forum_events += 1
            else:
                store.submit(SESSION, {"park": rng.choice(["park", "parking"])}, language="de", channel="tablet", submission_id=str(uuid.uuid4()))
                submissions += 1
            begun.append((at, submissions, forum_events, number % 10 == 9))
        time.sleep(1.5)
        active_cpu = (cpu_seconds(pids) - before) / (time.monotonic() - clock)
        store.set_second_language(SESSION, "rotate")  # the end signal
        collected = [logs.get(timeout=120) for _ in range(watchers + 1)]
        for process in processes:
            process.join(60)
    store.close()
    latencies = {"tablet": [], "projector": []}
    missed = 0
    for kind, log in collected:
        for at, subs, events, by_facilitator in begun:
            if kind == "tablet" and not by_facilitator:
                continue  # tablets watch the facilitator's changes only
            seen = next((t for t, s, e in log if (kind == "tablet" or s >= subs) and e >= events), None)
            if seen is None:
                missed += 1
            else:
                latencies[kind].append(seen - at)
    return {"backend": backend, "watchers": watchers, "processes": len(groups) + 1, "idle_cpu": idle_cpu, "active_cpu": active_cpu,
            "latencies": latencies, "missed": missed, "changes": changes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--watchers", type=int, default=100, help="tablet watchers besides the projector (default: 100)")
    parser.add_argument("--per-process", type=int, default=1, help="watchers per process (default: 1, as kernels are)")
    parser.add_argument("--idle", type=float, default=30.0, help="seconds of idle measurement (default: 30)")
    parser.add_argument("--changes", type=int, default=60, help="changes in the latency phase (default: 60)")
    parser.add_argument("--backends", default="sqlite,postgresql", help="sqlite, postgresql or both (default: both)")
    parser.add_argument("--pg-url", default=os.environ.get("FORUM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        print(f"{os.cpu_count()} cores, load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg()), flush=True)
        for backend in args.backends.split(","):
            watchers, note = args.watchers, ""
            if backend == "postgresql":
                room = postgresql_room(args.pg_url) - 3  # the writer's, the projector's store and its watcher
                if watchers > room:
                    watchers, note = room, f"(server has room for {room} watchers, not {args.watchers})"
            with scratch_store(backend, folder, args.pg_url, "live") as url:
                rows.append({**run(backend, url, watchers, args.per_process, args.idle, args.changes, args.seed), "note": note})
    print(f"{'backend':<11}{'watchers':>9}{'processes':>10}{'idle CPU':>10}{'busy CPU':>10}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}{'proj p50':>9}{'proj p95':>9}{'missed':>7}")
    for row in rows:
        tablets, projector = row["latencies"]["tablet"], row["latencies"]["projector"]
        print(
            f"{row['backend']:<11}{row['watchers']:>9}{row['processes']:>10}{row['idle_cpu']:>9.1%}{row['active_cpu']:>10.1%}"
            f"{percentile(tablets, 0.5) * 1000:>8.0f}{percentile(tablets, 0.95) * 1000:>8.0f}{max(tablets) * 1000:>8.0f}"
            f"{percentile(projector, 0.5) * 1000:>9.0f}{percentile(projector, 0.95) * 1000:>9.0f}{row['missed']:>7}  {row['note']}".rstrip()
        )
    print("CPU as a share of one core, for all watcher processes together; latency from the write's start to the watcher's report")
    print("load average now " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    ok = all(
        row["idle_cpu"] < 0.10 and row["missed"] == 0 and max(percentile(row["latencies"][kind], 0.95) for kind in ("tablet", "projector")) <= 1.0
        for row in rows
    )
    print("targets (idle CPU under 10% of a core, p95 at most 1 s, nothing missed): " + ("met" if ok else "NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
