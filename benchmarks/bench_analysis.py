"""How long the researchers' analysis of a big forum takes, and how much memory: from the store to
the published report.

    .venv/bin/python benchmarks/bench_analysis.py                     # 50,000 ballots (~1.1 M answers)
    .venv/bin/python benchmarks/bench_analysis.py --ballots 2000
    .venv/bin/python benchmarks/bench_analysis.py --db /tmp/forum-50k.sqlite3   # seed once, reuse

The ballots are sample answers (`forum_toolkit.consultation.sample.sample_answers`) to the forum
consultation, surveys/forum-evening.yaml, in the town's languages and channels, over an evening.
Seeding is not timed and runs in a child process (its memory is not the analysis'). It does not go
through `Store.submit`: each ballot is checked as `submit` checks it (`store.ballots.prepare_ballot`:
the consultation's rules, language, channel, id) and the rows are inserted in bulk into the store's
own `submissions` table, in a few transactions, instead of one durable commit per ballot.

Timed end to end, in this process:

1. load: `load_answers(store, session, "de")`, the tidy and wide frames;
2. participation: ballots by session, language, channel and every self-described group, over time,
   completion and drop-out;
3. cross-tabs: every self-described group question against every countable question (every other
   question that takes an answer and is not free text; matrix rows and statements one by one), with
   their tests;
4. report: the suppressed town report, as `forum-toolkit report` writes it (from the frames of
   step 1: the command loads them itself first), written to a file.

Printed: the time of each phase, the total, the peak memory of this process (ru_maxrss; children are
reported too, though none run during the timed phases), and beside them the floor: the time to read
the same rows from SQLite alone (a bare `sqlite3` SELECT and `json.loads` of every ballot's answers),
measured in a child process before the timed phases. Targets on the 2-core machine: at most 15 s in
all and under 2 GB. Figures, not a test (tests/test_bench_analysis.py runs it small to keep it
working).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import sqlite3
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

REPOSITORY = Path(__file__).resolve().parent.parent
SURVEY = REPOSITORY / "surveys" / "forum-evening.yaml"
SESSION = "bench-2026-11-25"
EVENING = datetime(2026, 11, 25, 18, 30, tzinfo=timezone.utc)
TARGET_SECONDS = 15.0
TARGET_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Phase:
    name: str
    seconds: float  # wall clock
    cpu: float  # this process' CPU time (the machine is shared: wall time shows others' load too)
    note: str = ""


@dataclass(frozen=True)
class Figures:
    ballots: int
    answers: int  # rows of the tidy frame
    phases: tuple[Phase, ...]
    floor_seconds: float
    floor_rows: int
    peak_bytes: int  # ru_maxrss of this process
    children_peak_bytes: int  # ru_maxrss of the largest child waited for (the seeder, the floor)
    report_bytes: int

    @property
    def total(self) -> float:
        return sum(phase.seconds for phase in self.phases)


# Seeding (a child process)


def seed(url: str, ballots: int, seed_value: int = 2026) -> int:
    """Seed `ballots` valid ballots of the forum consultation into a new session; their number."""
    from forum_toolkit.consultation.load import load_consultation
    from forum_toolkit.consultation.sample import sample_answers
    from forum_toolkit.demo import CHANNELS, LANGUAGES
    from forum_toolkit.store import open_store
    from forum_toolkit.store.ballots import prepare_ballot
    from forum_toolkit.store.tables import submissions

    consultation = load_consultation(SURVEY)
    rng = random.Random(seed_value)
    languages = [code for code in LANGUAGES if code in consultation.language_codes]
    language_weights = [LANGUAGES[code] for code in languages]
    with open_store(url) as store:
        store.create_session(consultation, SURVEY.read_text(encoding="utf-8"), SESSION, "Benchmark evening", date(2026, 11, 25))
        store.set_state(SESSION, "open")
        rows = []
        for _ in range(ballots):
            ballot = prepare_ballot(  # the checks Store.submit makes before its transaction
                consultation, SESSION, sample_answers(consultation, rng, skip_rate=0.15),
                language=rng.choices(languages, language_weights)[0],
                channel=rng.choices(list(CHANNELS), list(CHANNELS.values()))[0],
                submission_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), code=None,
                submitted_at=EVENING + timedelta(minutes=150 * rng.betavariate(2, 3)),
            )
            rows.append({"submission_id": ballot.submission_id, "session_id": ballot.session_id, "language": ballot.language,
                         "channel": ballot.channel, "submitted_at": ballot.submitted_at, "answers": ballot.answers})
        rows.sort(key=lambda row: row["submitted_at"])  # stored in the order they arrived
        for start in range(0, len(rows), 10_000):
            with store._database.writing() as connection:  # the store's own table, in bulk (see the docstring)
                connection.execute(submissions.insert(), rows[start : start + 10_000])
        store.set_state(SESSION, "closed")
        return store.session(SESSION).submissions


def stored_ballots(path: Path) -> int:
    """How many ballots the benchmark's session holds in the SQLite file at `path` (0: none yet)."""
    if not path.exists():
        return 0
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM submissions WHERE session_id = ?", (SESSION,)).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        connection.close()


# The floor (a child process)


def read_floor(path: str) -> tuple[float, int]:
    """Seconds to read the session's rows with a bare sqlite3 SELECT and decode their answers."""
    started = time.perf_counter()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = connection.execute(
        "SELECT submission_id, session_id, language, channel, submitted_at, answers FROM submissions WHERE session_id = ? ORDER BY id",
        (SESSION,),
    ).fetchall()
    decoded = [(*row[:5], json.loads(row[5])) for row in rows]
    connection.close()
    return time.perf_counter() - started, len(decoded)


def in_child(function: Callable, *args):
    """`function(*args)` in a fresh (spawned) process: its memory stays out of this process' peak."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(function, args)


# The timed phases (this process)


def analyse(url: str, out: Path) -> tuple[list[Phase], int, int]:
    """Run the four phases; (phases, tidy rows, report bytes)."""
    from forum_toolkit.analysis import completion, crosstab, load_answers, over_time, submissions_by
    from forum_toolkit.analysis.report import render
    from forum_toolkit.consultation.model import Kind
    from forum_toolkit.privacy import FREE_TEXT_KINDS, SuppressionPolicy
    from forum_toolkit.store import open_store

    phases = []
    clock, cpu = time.perf_counter(), time.process_time()

    def lap(name: str, note: str = "") -> None:
        nonlocal clock, cpu
        now, cpu_now = time.perf_counter(), time.process_time()
        phases.append(Phase(name, now - clock, cpu_now - cpu, note))
        clock, cpu = now, cpu_now

    store = open_store(url)
    answers = load_answers(store, [SESSION], "de")
    lap("load", f"{len(answers.tidy):,} tidy rows, {len(answers.wide):,} wide rows")

    for column in ("session_id", "language", "channel", *answers.groups):
        submissions_by(answers, column)
    over_time(answers, minutes=15, timezone="Europe/Berlin")
    completion(answers)
    lap("participation", f"{3 + len(answers.groups)} tables, over time, completion")

    tables = 0
    for group in answers.groups:
        for question in answers.consultation.questions:
            if not question.takes_answer or question.kind.value in FREE_TEXT_KINDS or question.id == group:
                continue
            items = [""]
            if question.kind is Kind.MATRIX:
                items = [row.id for row in question.rows]
            elif question.kind is Kind.STATEMENTS:
                items = [statement.id for statement in question.statements]
            for item in items:
                crosstab(answers, question.id, by=group, item=item)
                tables += 1
    lap("cross-tabs", f"{tables} tables: {len(answers.groups)} groups × every countable question")

    info = store.session(SESSION)
    html = render(answers, SuppressionPolicy(5), title=info.title, held_on=str(info.held_on))
    out.write_text(html, encoding="utf-8")
    lap("report", f"{len(html.encode('utf-8')) // 1024} KiB of HTML")
    store.close()
    return phases, len(answers.tidy), len(html.encode("utf-8"))


def run(ballots: int, db: Path | None = None, out: Callable[[str], None] = print) -> Figures:
    """Seed (unless `db` holds the ballots already), measure the floor, then time the phases."""
    with tempfile.TemporaryDirectory(prefix="bench-analysis-") as folder:
        path = db or Path(folder) / "forum.sqlite3"
        url = f"sqlite:///{path}"
        held = stored_ballots(path)
        if held == 0:
            started = time.perf_counter()
            held = in_child(seed, url, ballots)
            out(f"seeded {held:,} ballots in {time.perf_counter() - started:.1f} s (not timed; bulk insert of checked rows)")
        elif held != ballots:
            raise SystemExit(f"{path} holds {held:,} ballots of {SESSION}, not {ballots:,}: give --ballots {held} or another --db")
        else:
            out(f"reusing {path}: {held:,} ballots")
        floor_seconds, floor_rows = in_child(read_floor, str(path))
        phases, answers, report_bytes = analyse(url, Path(folder) / "report.html")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return Figures(held, answers, tuple(phases), floor_seconds, floor_rows, peak, children, report_bytes)


def show(figures: Figures, out: Callable[[str], None] = print) -> None:
    out(f"load average {' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores")
    out(f"{figures.ballots:,} ballots, {figures.answers:,} answers (tidy rows)")
    for phase in figures.phases:
        out(f"  {phase.name:<14} {phase.seconds:7.2f} s  (CPU {phase.cpu:6.2f} s)   {phase.note}")
    verdict = "met" if figures.total <= TARGET_SECONDS else "missed"
    cpu = sum(phase.cpu for phase in figures.phases)
    out(f"  {'total':<14} {figures.total:7.2f} s  (CPU {cpu:6.2f} s)   target ≤ {TARGET_SECONDS:.0f} s: {verdict}")
    out(f"  {'floor':<14} {figures.floor_seconds:7.2f} s                 bare sqlite3 SELECT of {figures.floor_rows:,} rows + json.loads; total = {figures.total / figures.floor_seconds:.1f} × floor")
    verdict = "met" if figures.peak_bytes < TARGET_BYTES else "missed"
    out(f"peak memory: {figures.peak_bytes / 1024**2:,.0f} MiB (ru_maxrss of this process; target < 2 GiB: {verdict})")
    out(f"children: {figures.children_peak_bytes / 1024**2:,.0f} MiB at most (seeding and the floor, before the timed phases; none during them)")


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ballots", type=int, default=50_000, help="submissions to seed (default 50,000)")
    parser.add_argument("--db", type=Path, default=None, help="SQLite file to seed once and reuse (default: a new temporary one)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPOSITORY))
    args = parse(argv)
    show(run(args.ballots, args.db))
    return 0


if __name__ == "__main__":
    sys.exit(main())
