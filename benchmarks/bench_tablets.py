"""How many tablets the ballot app serves through Voilà, beside a bare ipywidgets notebook.

    .venv/bin/python benchmarks/bench_tablets.py                      # bursts of 1, 50, 100; pool 50
    .venv/bin/python benchmarks/bench_tablets.py --quick              # 1 and 2 tablets, pool 2 (a minute)
    .venv/bin/python benchmarks/bench_tablets.py --bursts 50 --apps ballot --server config

Simulated tablets work at the protocol level (benchmarks/tablets/): a browser on the same two cores
would measure the browser. For each burst size a fresh server is started and left to fill its pool
of warm kernels; then that many tablets request the page at once and choose a language. Once all
have, they answer the required questions and go to the review screen, and then all tap Submit, the
taps of each of these two phases spread over one second (`--spread`). A burst of 1 is one tablet
at a time, `--rounds` times. The same happens with a bare notebook (two buttons, Submit does one
SQLite insert, a Label says "saved") under plain `voila` with its defaults.

Printed per scenario: time to first byte and to the full page; time to interactive (page requested
until the first button's state is known and a tap on it has changed a widget); Submit until the
saved text shows; saved vs rows in the store (lost = confirmed but not stored); RSS/USS per kernel
that served a tablet; kernel CPU seconds when its page was complete (the cost of a kernel start);
the CPU of the server, the kernels, the tablets and every other process of the machine (the figures
are only as quiet as the machine). A second table shows the kernel messages each page received and
the CPU per tablet of each phase, server and kernels apart: what limits the figures.
Then the targets with ratios. Everything listens on 127.0.0.1 and every server and kernel started is
stopped at the end; a kernel left running is reported and makes the exit code 1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tablets import machine, report, servers  # noqa: E402
from tablets.forum import Forum, count_bare_rows, count_ballots, make_forum, new_bare_db, new_session  # noqa: E402
from tablets.participants import BARE_SCRIPT, Outcome, Script, answer, ballot_scripts, open_ballot, submit  # noqa: E402
from tablets.tablet import Tablet, TabletError  # noqa: E402

REPOSITORY = Path(__file__).resolve().parent.parent
CONSULTATION = REPOSITORY / "tests" / "consultations" / "every_kind.yaml"
FULL = {"bursts": "1,50,100", "pool": 50, "rounds": 10, "timeout": 180.0, "calm": 300.0}
QUICK = {"bursts": "1,2", "pool": 2, "rounds": 2, "timeout": 60.0, "calm": 0.0}


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bursts", help=f"tablets opening at once, comma-separated (default {FULL['bursts']})")
    parser.add_argument("--pool", type=int, help=f"warm ballot kernels (--tablets of serve), at most this (default {FULL['pool']})")
    parser.add_argument("--rounds", type=int, help=f"tablets one after another for a burst of 1 (default {FULL['rounds']})")
    parser.add_argument("--timeout", type=float, help=f"seconds for each step of a tablet (default {FULL['timeout']:g})")
    parser.add_argument("--calm", type=float, help=f"wait up to this many seconds for other processes to go quiet before a burst (default {FULL['calm']:g})")
    parser.add_argument("--spread", type=float, default=1.0,
                        help="the answering taps, and then the Submit taps, spread over this many seconds (default 1)")  # fmt: skip
    parser.add_argument("--apps", default="ballot,bare", help="ballot, bare or both (default both)")
    parser.add_argument("--server", default="auto", choices=("auto", "serve", "config", "plain"),
                        help="how the ballot is served: see benchmarks/tablets/servers.py (default: the first that works)")  # fmt: skip
    parser.add_argument("--consultation", type=Path, default=CONSULTATION, help="the consultation file of the ballot")
    parser.add_argument("--quick", action="store_true", help=f"small sizes for a smoke test: {QUICK}")
    parser.add_argument("--keep", action="store_true", help="keep the run's directory (store, notebooks, server logs)")
    args = parser.parse_args(argv)
    for name, full in FULL.items():
        if getattr(args, name) is None:
            setattr(args, name, QUICK[name] if args.quick else full)
    args.bursts = [int(size) for size in str(args.bursts).split(",")]
    args.apps = [app.strip() for app in args.apps.split(",")]
    return args


def choose_server(wanted: str) -> tuple[str, str]:
    """(how, why): the ballot server to use and a note on why."""
    if wanted != "auto":
        return wanted, "chosen with --server"
    command, note = servers.serve_command()
    if command:
        return "serve", f"run as {note}"
    problem = note
    try:
        import forum_toolkit.serve.app  # noqa: F401
        import forum_toolkit.serve.config  # noqa: F401
    except ImportError as error:
        return "plain", f"`forum-toolkit serve` does not work ({problem}) and serve/ cannot be imported ({error})"
    return "config", f"`forum-toolkit serve` does not work yet ({problem}): ForumVoila started from serve/config.py"


async def burst(server: servers.Server, scripts: list[Script], count: int, args, on_page, on_phase) -> list[Outcome]:
    """`count` tablets request the page at once and make their first tap; then they answer, and then
    submit, each phase's taps spread over `args.spread` seconds (as people who read at their own pace).

    `on_phase(name)` is called as each phase begins ("open", "answer", "submit") and once at the "end"."""
    outcomes = [Outcome(index=i) for i in range(count)]
    tablets = [Tablet(server.base_url, server.page_path, args.timeout) for _ in range(count)]
    rng = random.Random(count)

    async def step(i: int, action, delay: float = 0.0) -> bool:
        if delay:
            await asyncio.sleep(delay)
        try:
            await action(tablets[i], scripts[i % len(scripts)], outcomes[i])
            return True
        except TabletError as error:
            outcomes[i].error = str(error)
        except Exception as error:  # noqa: BLE001 (a client bug is counted and shown, not hidden)
            outcomes[i].error = f"client: {error!r}"
        return False

    def spread() -> float:
        return rng.uniform(0, args.spread) if count > 1 else 0.0

    phases = [("open", lambda t, s, o: open_ballot(t, s, o, on_page), False), ("answer", answer, True), ("submit", submit, True)]
    going = list(range(count))
    for name, action, spread_out in phases:
        on_phase(name)
        done = await asyncio.gather(*(step(i, action, spread() if spread_out else 0.0) for i in going))
        going = [i for i, ok in zip(going, done) if ok]
    on_phase("end")
    for tablet, outcome in zip(tablets, outcomes):
        outcome.kernel_errors = tablet.kernel_errors
        outcome.messages, outcome.kilobytes = tablet.received, tablet.received_bytes / 1024
    await asyncio.gather(*(tablet.close() for tablet in tablets))
    return outcomes


def run_scenario(forum: Forum, app: str, size: int, args, how: str, seen: dict) -> report.Scenario:
    """Start a server for `app`, let `size` tablets at once (or one at a time) vote, measure, stop it.

    `seen` collects every process the server had under it, for the final check for leftovers."""
    name = f"{app}-{size}"
    rounds = args.rounds if size == 1 else 1
    port = servers.free_port()
    if app == "ballot":
        pool = min(args.pool, size * rounds)
        session_id = new_session(forum, name)
        server = servers.start_ballot(forum, session_id, port, pool, how, name)
        scripts = ballot_scripts(forum.consultation)
    else:
        pool = 0
        bare_db = new_bare_db(forum, name)
        server = servers.start_bare(forum, bare_db, port, name)
        scripts = [BARE_SCRIPT]
    scenario = report.Scenario(app=app, tablets=size, pool=pool, server=server.label)
    page_cpu: dict[str, float] = {}
    known: dict = {}

    def on_page(kernel_id: str) -> None:
        if kernel_id not in known:
            known.update(server.kernels())
        process = known.get(kernel_id)
        if process is not None:
            times = process.cpu_times()
            page_cpu[kernel_id] = times.user + times.system

    current: list = []  # [phase, cpu_split() when it began]

    def on_phase(phase: str) -> None:
        now = (*server.cpu_split(), machine.own_seconds())
        if current:
            spent = scenario.phase_cpu.setdefault(current[0], [0.0, 0.0, 0.0])
            for i in range(3):
                spent[i] += now[i] - current[1][i]
        current[:] = [phase, now] if phase != "end" else []

    try:
        server.wait_ready(kernels=pool, timeout=120 + 4 * pool)
        known.update(server.kernels())
        warm = [process.memory_info().rss for process in known.values()]
        shortfall = machine.memory_shortfall(size * rounds - len(warm), max(warm) if warm else 150 * 2**20)
        if shortfall:
            raise RuntimeError(f"not run: {shortfall}")
        if args.calm > 0:
            scenario.calm_wait, scenario.calm_others = machine.wait_for_calm(args.calm, server.cpu_seconds)
        busy, (server_cpu, kernels_cpu), own, began = machine.busy_seconds(), server.cpu_split(), machine.own_seconds(), time.monotonic()
        for _ in range(rounds):
            scenario.outcomes += asyncio.run(burst(server, scripts, size, args, on_page, on_phase))
        scenario.wall = time.monotonic() - began
        scenario.client_cpu = machine.own_seconds() - own
        server_after, kernels_after = server.cpu_split()
        scenario.server_cpu, scenario.kernels_cpu = server_after - server_cpu, kernels_after - kernels_cpu
        ours = scenario.server_cpu + scenario.kernels_cpu + scenario.client_cpu
        scenario.other_cpu = max(0.0, machine.busy_seconds() - busy - ours)
        kernels = server.kernels()
        for outcome in scenario.outcomes:
            try:
                memory = kernels[outcome.kernel_id].memory_full_info()
            except (KeyError, psutil.Error):  # no page, or its kernel has died: counted in errors
                continue
            scenario.rss.append(memory.rss)
            scenario.uss.append(memory.uss)
        scenario.start_cpu = [page_cpu[o.kernel_id] for o in scenario.outcomes if o.kernel_id in page_cpu]
    finally:
        scenario.killed = server.stop()
        seen.update(server.seen)
        scenario.server_problems = server.log_problems()
    scenario.rows = count_ballots(forum, session_id) if app == "ballot" else count_bare_rows(bare_db)
    return scenario


def _code_state() -> str:
    """The commit measured, and how many files of the package differ from it (others may be editing)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPOSITORY, capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "status", "--porcelain", "forum_toolkit", "notebooks"], cwd=REPOSITORY, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown (no git)"
    return f"commit {head.stdout.strip()}, {len(dirty.stdout.splitlines())} files of forum_toolkit/ and notebooks/ changed or new"


def run(args: argparse.Namespace, out=print) -> tuple[list[report.Scenario], list[int]]:
    """Every scenario of `args`; returns them and the pids of kernels still running afterwards."""
    how, why = choose_server(args.server)
    out(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}, Python {platform.python_version()}")
    out("versions: " + ", ".join(f"{p} {version(p)}" for p in ("voila", "jupyter_server", "ipywidgets", "ipykernel", "tornado")))
    out(f"code: {_code_state()}")
    out(f"ballot server: {how} ({why}); bare: plain voila, defaults; consultation: {args.consultation.name}")
    out(f"bursts {args.bursts}, pool {args.pool}, rounds {args.rounds} for 1 tablet, answer and submit taps spread over {args.spread:g} s")
    seen: dict = {}  # every process any server of this run had under it
    workdir = Path(tempfile.mkdtemp(prefix="bt-"))  # short: Unix socket paths of the kernels live under it
    scenarios = []
    try:
        forum = make_forum(workdir, args.consultation)
        for size in args.bursts:
            for app in args.apps:
                try:
                    scenario = run_scenario(forum, app, size, args, how, seen)
                except RuntimeError as error:  # a server that did not start: the other scenarios still run
                    out(f"  FAILED: {app} {size}: {error}")
                    continue
                scenarios.append(scenario)
                out(f"  done: {app:6} {scenario.title:<22} saved {scenario.saved}/{len(scenario.outcomes)}, "
                    f"{len(scenario.errors)} errors, {scenario.wall:.1f} s; before it: waited {scenario.calm_wait:.0f} s "
                    f"for calm, others used {scenario.calm_others:.2f} cores")  # fmt: skip
    finally:
        leftovers = servers.leftover_kernels(str(workdir), seen)
        if args.keep:
            out(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return scenarios, leftovers


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    scenarios, leftovers = run(args)
    print()
    print(report.table(scenarios))
    print()
    print(report.costs(scenarios))
    print()
    print("targets (ratio = measured / target; <= 1 is met):")
    print(report.targets(scenarios))
    print()
    print("errors:")
    print(report.error_summary(scenarios))
    print(f"kernels left running after the run: {leftovers or 'none'}")
    return 1 if leftovers else 0


if __name__ == "__main__":
    sys.exit(main())
