"""How many durable submissions per second the store takes, and how long a participant waits for one.

    .venv/bin/python benchmarks/bench_submissions.py
    .venv/bin/python benchmarks/bench_submissions.py --processes 1,16 --ballots 1000 --backends sqlite

For 1, 16 and 100 processes submitting at once (each tablet's kernel is a process of its own), on
SQLite and on PostgreSQL, it prints submissions per second and the latency of `Store.submit` (from
the call until the commit is durable) at p50/p95/p99, with errors and lost ballots (acknowledged
but not in the store: must be 0). Beside them, a bare loop of raw `sqlite3` inserts of the same
rows with the same durability (WAL, synchronous=FULL, one commit per row) shows what the disk
itself allows (run before and after the SQLite runs, since other work on the machine changes it),
and the last line gives the ratio of the store's SQLite throughput at the most processes to the bare
loop's, measured side by side in rounds (bare loop, store, bare loop; the faster loop counts), with
their median (target: at least 0.5). A last run shows the way SQLite ballots were written before group
commit, without the lock file: one transaction per ballot, writers left to SQLite's busy handler.

Figures, not a test: they depend on the machine's disk and cores. The ballots are sample answers
to a real survey (surveys/forum-evening.yaml), made before the clock starts.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

REPOSITORY = Path(__file__).resolve().parent.parent
SESSION = "bench-2026-11-25"


@dataclass(frozen=True)
class Run:
    """What one worker process did."""

    latencies: list[float]  # seconds per acknowledged submission
    acknowledged: list[str]  # submission ids with a receipt
    errors: int
    started: float  # time.monotonic(), comparable between processes of one machine
    finished: float


@dataclass(frozen=True)
class Row:
    backend: str
    processes: int
    ballots: int
    per_second: float
    latencies: list[float]
    errors: int
    lost: int
    note: str = ""


# Each process submits at least this many ballots. The run's rate is its ballots over the time from
# the first start to the last finish; with 30 ballots each, a hundred processes woken by one barrier
# spend a large part of the run starting up and running out one by one, which is not the rate a
# forum's evening sees.
PER_PROCESS = 100


def sample_ballots(survey: Path, count: int, seed: int) -> list[dict]:
    from forum_toolkit.consultation.load import load_consultation
    from forum_toolkit.consultation.sample import sample_answers

    consultation = load_consultation(survey)
    rng = random.Random(seed)
    return [sample_answers(consultation, rng, skip_rate=0.15) for _ in range(count)]


@contextmanager
def no_lock(lock_path):
    yield


def submitter(barrier, url: str, survey: str, count: int, seed: int, busy_handler: bool = False) -> Run:
    """One tablet: open the store, get ready, then submit `count` ballots as fast as it can.

    `busy_handler`: for comparison only, the SQLite path as it was before group commit, without the
    writers' lock file: one transaction per ballot, writers left to SQLite's busy handler (sleep and
    poll). It patches the store's private methods.
    """
    from forum_toolkit.store import engine
    from forum_toolkit.store.ballot_writer import BallotWriter

    flocked, store = engine.flocked, BallotWriter.store
    if busy_handler:
        engine.flocked, BallotWriter.store = no_lock, BallotWriter.store_alone
    try:
        return _submit_ballots(barrier, url, survey, count, seed)
    finally:
        engine.flocked, BallotWriter.store = flocked, store  # the pool's processes are reused


def _submit_ballots(barrier, url: str, survey: str, count: int, seed: int) -> Run:
    from forum_toolkit.store import open_store

    ballots = sample_ballots(Path(survey), count + 1, seed)
    store = open_store(url)
    store.submit(SESSION, ballots.pop(), language="de", channel="tablet", submission_id=str(uuid.uuid4()))  # warm up
    latencies, acknowledged, errors = [], [], 0
    barrier.wait()
    started = time.monotonic()
    for answers in ballots:
        submission_id = str(uuid.uuid4())
        began = time.perf_counter()
        try:
            store.submit(SESSION, answers, language="de", channel="tablet", submission_id=submission_id)
        except Exception as error:  # noqa: BLE001 (counted and shown, never hidden)
            errors += 1
            print(f"error: {error!r}", file=sys.stderr)
            continue
        latencies.append(time.perf_counter() - began)
        acknowledged.append(submission_id)
    finished = time.monotonic()
    store.close()
    return Run(latencies, acknowledged, errors, started, finished)


def measure(pool, manager, backend: str, url: str, processes: int, ballots: int, survey: Path, busy_handler: bool = False) -> Row:
    from forum_toolkit.consultation.load import load_consultation
    from forum_toolkit.store import open_store

    with open_store(url) as store:
        store.create_session(load_consultation(survey), survey.read_text(encoding="utf-8"), SESSION, "Benchmark", date(2026, 11, 25))
        store.set_state(SESSION, "open")
    barrier = manager.Barrier(processes, timeout=600)
    each = max(-(-ballots // processes), PER_PROCESS)  # see PER_PROCESS
    futures = [pool.submit(submitter, barrier, url, str(survey), each, seed, busy_handler) for seed in range(processes)]
    runs = [future.result() for future in futures]
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as connection:
        stored = set(connection.execute(text("SELECT submission_id FROM submissions")).scalars())
    engine.dispose()
    acknowledged = [submission_id for run in runs for submission_id in run.acknowledged]
    seconds = max(run.finished for run in runs) - min(run.started for run in runs)
    latencies = [latency for run in runs for latency in run.latencies]
    lost = len(set(acknowledged) - stored)
    return Row(backend, processes, len(acknowledged), len(acknowledged) / seconds, latencies, sum(r.errors for r in runs), lost)


def bare_sqlite_loop(folder: str, count: int, survey: Path, label: str = "bare") -> Row:
    """Raw sqlite3, one process, the same rows and durability: what the disk allows."""
    path = os.path.join(folder, label + ".sqlite3")
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(
        "CREATE TABLE submissions (id INTEGER PRIMARY KEY, submission_id TEXT NOT NULL UNIQUE, session_id TEXT NOT NULL,"
        " language TEXT NOT NULL, channel TEXT NOT NULL, submitted_at TEXT NOT NULL, answers TEXT NOT NULL)"
    )
    rows = [json.dumps(answers, ensure_ascii=False, sort_keys=True) for answers in sample_ballots(survey, count, 0)]
    latencies = []
    started = time.perf_counter()
    for answers in rows:
        began = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO submissions (submission_id, session_id, language, channel, submitted_at, answers) VALUES (?, ?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), SESSION, "de", "tablet", datetime.now(timezone.utc).isoformat(), answers),
        )
        connection.execute("COMMIT")
        latencies.append(time.perf_counter() - began)
    seconds = time.perf_counter() - started
    stored = connection.execute("SELECT count(*) FROM submissions").fetchone()[0]
    connection.close()
    return Row("bare sqlite3", 1, count, count / seconds, latencies, 0, count - stored)


@contextmanager
def scratch_store(backend: str, folder: str, pg_url: str, label: str):
    """The URL of an empty store: a new SQLite file, or a new PostgreSQL database dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{os.path.join(folder, label + '.sqlite3')}"
        return
    server = make_url(pg_url)
    name = f"forum_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def postgresql_room(pg_url: str) -> int:
    """How many more connections the server takes (leaving a few for others)."""
    engine = create_engine(pg_url, poolclass=NullPool)
    with engine.connect() as connection:
        limit = int(connection.execute(text("SHOW max_connections")).scalar())
        in_use = connection.execute(text("SELECT count(*) FROM pg_stat_activity")).scalar()
    engine.dispose()
    return limit - in_use - 5


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def print_table(rows: list[Row]) -> None:
    print(f"{'backend':<13}{'processes':>10}{'ballots':>9}{'per second':>12}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'lost':>6}")
    for row in rows:
        p50, p95, p99 = (percentile(row.latencies, share) * 1000 for share in (0.50, 0.95, 0.99))
        print(
            f"{row.backend:<13}{row.processes:>10}{row.ballots:>9}{row.per_second:>12.0f}{p50:>9.2f}{p95:>9.2f}{p99:>9.2f}"
            f"{row.errors:>8}{row.lost:>6}  {row.note}".rstrip()
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", default="1,16,100", help="numbers of submitting processes, comma-separated (default: 1,16,100)")
    parser.add_argument("--ballots", type=int, default=3000, help=f"ballots per run, shared among its processes, but at least {PER_PROCESS} each (default: 3000)")
    parser.add_argument("--bare", type=int, default=5000, help="rows in the bare sqlite3 loop (default: 5000)")
    parser.add_argument("--backends", default="sqlite,postgresql", help="sqlite, postgresql or both (default: both)")
    parser.add_argument("--pg-url", default=os.environ.get("FORUM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"), help="a PostgreSQL server where the benchmark may create databases")
    parser.add_argument("--survey", type=Path, default=REPOSITORY / "surveys" / "forum-evening.yaml", help="the consultation whose sample answers are submitted")
    parser.add_argument("--no-busy-comparison", action="store_true", help="skip the SQLite run without the writers' lock file")
    parser.add_argument("--ratio-rounds", type=int, default=3, help="rounds of bare loop, SQLite store at the most processes, bare loop again, for the ratio (default: 3)")
    parser.add_argument("--folder", default=None, help="where the SQLite files go (default: a temporary folder; put it on the disk you will use)")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.processes.split(",")]
    backends = args.backends.split(",")
    context = multiprocessing.get_context("spawn")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
        print(f"{os.cpu_count()} cores, load average {load}; SQLite files in {folder}; survey {args.survey.name}", flush=True)
        rows.append(bare_sqlite_loop(folder, args.bare, args.survey))
        with context.Manager() as manager, ProcessPoolExecutor(max(counts), mp_context=context) as pool:
            for backend in backends:
                for processes in counts:
                    note = ""
                    if backend == "postgresql" and processes > (room := postgresql_room(args.pg_url)):
                        note, processes = f"(server has room for {room} connections, not {processes})", room
                    with scratch_store(backend, folder, args.pg_url, f"{backend}-{processes}") as url:
                        rows.append(measure(pool, manager, backend, url, processes, args.ballots, args.survey))
                    rows[-1] = Row(**{**rows[-1].__dict__, "note": note})
                    print(f"  done: {backend}, {processes} processes", file=sys.stderr, flush=True)
                if backend == "sqlite":  # the disk again, right after: the machine may be busier or quieter now
                    rows.append(Row(**{**bare_sqlite_loop(folder, args.bare, args.survey, "bare-again").__dict__, "note": "(again, after the SQLite runs)"}))
            if "sqlite" in backends:
                ratios = ratio_rounds(pool, manager, folder, args, max(counts))
            if "sqlite" in backends and not args.no_busy_comparison:
                with scratch_store("sqlite", folder, args.pg_url, "busy") as url:
                    row = measure(pool, manager, "sqlite", url, max(counts), args.ballots, args.survey, busy_handler=True)
                rows.append(Row(**{**row.__dict__, "backend": "sqlite busy", "note": "(no lock file: SQLite's busy handler, for comparison)"}))
    print_table(rows)
    print("load average now " + ", ".join(f"{figure:.1f}" for figure in os.getloadavg()))
    if "sqlite" in backends:
        most = max(counts)
        shown = ", ".join(f"{ratio:.2f}" for ratio in ratios)
        print(f"SQLite store with {most} processes / faster bare sqlite3 loop beside it, {len(ratios)} rounds: {shown}; "
              f"median {statistics.median(ratios):.2f} (target >= 0.5)")
    return 1 if any(row.errors or row.lost for row in rows) else 0


def ratio_rounds(pool, manager, folder: str, args, processes: int) -> list[float]:
    """The ratio, measured side by side: each round runs the bare loop, the store with `processes`
    processes, and the bare loop again, and divides by the faster of the two loops (the stricter
    ratio). Other work on a shared machine comes and goes; rounds show how much that moves it."""
    ratios = []
    for round_number in range(args.ratio_rounds):
        before = bare_sqlite_loop(folder, args.bare, args.survey, f"ratio-{round_number}-before")
        with scratch_store("sqlite", folder, args.pg_url, f"ratio-{round_number}") as url:
            store = measure(pool, manager, "sqlite", url, processes, args.ballots, args.survey)
        after = bare_sqlite_loop(folder, args.bare, args.survey, f"ratio-{round_number}-after")
        if store.errors or store.lost:
            raise SystemExit(f"round {round_number + 1}: {store.errors} errors, {store.lost} lost")
        ratios.append(store.per_second / max(before.per_second, after.per_second))
        print(f"  ratio round {round_number + 1}: bare {before.per_second:.0f}/s and {after.per_second:.0f}/s, "
              f"store {store.per_second:.0f}/s (p95 {statistics.quantiles(store.latencies, n=100)[94] * 1000:.1f} ms)", file=sys.stderr, flush=True)
    return ratios


if __name__ == "__main__":
    sys.exit(main())
