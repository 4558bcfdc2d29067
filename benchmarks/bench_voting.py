"""How long every counting method takes on a council-sized vote, beside pref-voting on the same ballots.

    .venv/bin/python benchmarks/bench_voting.py                       # 10,000 ballots over 30 proposals
    .venv/bin/python benchmarks/bench_voting.py --ballots 500 --candidates 8 --repeat 1

The ballots: complete rankings of the proposals drawn from a Mallows model (dispersion 0.9 around
one reference order, fixed seed), so that there is a consensus with real disagreement, as in a
council's vote. Every registered method counts them; the methods that count other ballot kinds
count ballots derived from the same rankings, the same for us and for pref-voting:

- approval and equal-shares: each person approves their first 5;
- score: 5 points for a first place, 4, 3, 2, 1 down to the fifth, 0 for the rest;
- dots: 5 dots, 3 on the first choice and 2 on the second (pref-voting: cumulative voting);
- majority-judgment: grade 3 for the first 3, 2 for the next 5, 1 for the next 10, 0 for the rest;
- stv with 5 seats (pref-voting: STV with weighted inclusive Gregory transfers and the whole-number
  Droop quota, ours' rules); equal-shares with 5 seats (pref-voting has no proportional approval rule).

pref-voting is given its fastest input: a linear `Profile` (numpy) for the rankings, a
`GradeProfile` for grades. Both sides start from the same ballots, made beforehand in each one's
plain form (numbers for pref-voting, the proposals' names for us): each method's time is building
the profile (ours: grouping and checking the ballots, `Profile.build`; pref-voting's: its profile,
which tallies every pair as it is built, so its pairwise methods then only read the tallies) plus
counting. The build times are printed on their own too. Each figure is the best of `--repeat` runs
(pref-voting's ranking profile is built once), as CPU time and as wall-clock time. The targets read
the CPU time: the 2-core machine is shared, and when other jobs load it, the wall clock measures
them (the load average is printed); the CPU time of these single-threaded counts is their own
cost. Both are printed. Printed: the time per method, ours
and pref-voting's, whether the winners are the same (a mark `≠` where they differ, with why if
known), then the targets: each method at most 1 s, and at least 5x faster than pref-voting where it
has the method. Figures, not a test (tests/test_bench_voting.py runs it small to keep it working).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from forum_toolkit.voting import REGISTRY, Approval, Profile, Ranking, Scores, count

TARGET_SECONDS = 1.0
TARGET_RATIO = 5.0
APPROVED = 5


@dataclass(frozen=True)
class Took:
    """The best wall-clock and the best CPU time of the runs (each its own best)."""

    wall: float
    cpu: float

    def __add__(self, other: "Took") -> "Took":
        return Took(self.wall + other.wall, self.cpu + other.cpu)


@dataclass(frozen=True)
class Line:
    method: str
    seats: int
    took: Took
    winners: tuple[str, ...]
    their_took: Took | None = None
    their_winners: tuple[str, ...] | None = None
    theirs_name: str = ""
    why: str = ""

    @property
    def same(self) -> bool | None:
        return None if self.their_winners is None else set(self.winners) == set(self.their_winners)

    @property
    def ours(self) -> float:
        """The figure the targets read: CPU seconds (the machine is shared: see the module)."""
        return self.took.cpu

    @property
    def theirs(self) -> float | None:
        return None if self.their_took is None else self.their_took.cpu

    @property
    def ratio(self) -> float | None:
        return None if self.theirs is None else self.theirs / max(self.ours, 1e-9)


def mallows(candidates: int, ballots: int, dispersion: float, seed: int) -> list[tuple[int, ...]]:
    """Rankings (candidate indices, best first) drawn by repeated insertion around 0, 1, 2, ..."""
    rng = random.Random(seed)
    weights = [[dispersion ** (i - j) for j in range(i + 1)] for i in range(candidates)]
    drawn = []
    for _ in range(ballots):
        order: list[int] = []
        for i in range(candidates):
            order.insert(rng.choices(range(i + 1), weights[i])[0], i)
        drawn.append(tuple(order))
    return drawn


def derived(rankings: list[tuple[int, ...]]) -> dict[str, list[dict[int, int]]]:
    """Per person, the grades each other ballot kind gives (index -> number)."""
    def top(order, points):
        place = {c: i for i, c in enumerate(order)}
        return {c: points[place[c]] if place[c] < len(points) else 0 for c in sorted(order)}  # in candidate order

    return {
        "approval": [top(order, [1] * APPROVED) for order in rankings],
        "score": [top(order, [5, 4, 3, 2, 1]) for order in rankings],
        "dots": [top(order, [3, 2]) for order in rankings],
        "majority-judgment": [top(order, [3] * 3 + [2] * 5 + [1] * 10) for order in rankings],
    }


def named(names: list[str], rankings, grades):
    """The same ballots with the proposals' names instead of their numbers, as our ballots carry
    them (pref-voting's carry numbers); made before the clock starts, like pref-voting's input."""
    orders = [tuple(names[c] for c in order) for order in rankings]
    return orders, {kind: [{names[c]: v for c, v in g.items()} for g in given] for kind, given in grades.items()}


def our_profiles(names: list[str], orders, grades, only: str) -> Profile:
    """Our profile of one kind (ranking, approval, score, dots, majority-judgment) from the named
    ballots: identical ballots grouped with their counts, made into our ballots, and checked by
    `Profile.build`."""
    if only == "ranking":
        return Profile.build(names, [(n, Ranking.of(*order)) for order, n in Counter(orders).items()])
    if only == "approval":
        approvals = Counter(frozenset(c for c, v in g.items() if v) for g in grades["approval"])
        return Profile.build(names, [(n, Approval(chosen)) for chosen, n in approvals.items()])
    # score and majority judgment: every proposal graded (0 included); dots: only those given dots.
    # Not grouped: hardly two people give the same 30 numbers (as the store, one ballot each).
    keep_zero = only != "dots"
    scale = (0, 5) if only == "score" else (0, 3)
    given = (tuple(g.items()) if keep_zero else tuple((c, v) for c, v in g.items() if v) for g in grades[only])
    return Profile.build(names, [Scores(values) for values in given], scale=scale)


def their_methods(rankings, grades, candidates: int, seats: int):
    """(their profiles' builders, method -> (pref-voting's function name, the profile it counts, a
    call counting it, why the winners may differ)); empty when pref-voting is not installed."""
    try:
        from pref_voting.c1_methods import copeland
        from pref_voting.grade_methods import approval, cumulative_voting, majority_judgement, score_voting
        from pref_voting.grade_profiles import GradeProfile
        from pref_voting.iterative_methods import coombs_put, instant_runoff_put
        from pref_voting.margin_based_methods import beat_path, minimax, ranked_pairs_zt
        from pref_voting.profiles import Profile as LinearProfile
        from pref_voting.proportional_methods import stv_wig
        from pref_voting.scoring_methods import borda, plurality
    except ImportError:
        print("pref-voting is not installed (pip install pref-voting, a test-only dependency): ours alone", file=sys.stderr)
        return {}, {}
    every = list(range(candidates))
    builders = {
        "ranking": lambda: LinearProfile([list(order) for order in rankings]),
        "approval": lambda: GradeProfile(grades["approval"], [0, 1], candidates=every),
        "score": lambda: GradeProfile(grades["score"], list(range(6)), candidates=every),
        "dots": lambda: GradeProfile(grades["dots"], list(range(6)), candidates=every),  # cumulative_voting wants grades 0..budget
        "majority-judgment": lambda: GradeProfile(grades["majority-judgment"], list(range(4)), candidates=every),
    }
    majority = "pref-voting stops at the majority gauge; we go on to the majority value, which only splits its ties"
    methods = {
        "plurality": ("plurality", "ranking", plurality, ""),
        "borda": ("borda", "ranking", borda, ""),
        "approval": ("approval", "approval", approval, ""),
        "dots": ("cumulative_voting", "dots", lambda p: cumulative_voting(p, max_total_grades=5), ""),
        "score": ("score_voting", "score", score_voting, ""),
        "instant-runoff": ("instant_runoff_put", "ranking", instant_runoff_put, ""),
        "coombs": ("coombs_put", "ranking", coombs_put, ""),
        "copeland": ("copeland", "ranking", copeland, ""),
        "minimax": ("minimax", "ranking", minimax, ""),
        "schulze": ("beat_path (winning votes)", "ranking", lambda p: beat_path(p, strength_function=p.support), ""),
        "ranked-pairs": ("ranked_pairs_zt", "ranking", ranked_pairs_zt, "pref-voting breaks equal margins by a random voter's ranking; we use the recorded tie-break"),
        "majority-judgment": ("majority_judgement", "majority-judgment", majority_judgement, majority),
        "stv": ("stv_wig (Droop)", "ranking", lambda p: stv_wig(p, num_seats=seats, quota_rule="droop"), "pref-voting's tie-breaks between equal tallies differ from our recorded one"),
    }
    return builders, methods


def best_of(repeat: int, call: Callable[[], object]) -> tuple[Took, object]:
    walls, cpus, value = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        value = call()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Took(min(walls), min(cpus)), value


def profile_key(method: str) -> str:
    kind = REGISTRY[method].kind
    return kind if kind != "scores" else (method if method in ("dots", "majority-judgment") else "score")


def run(ballots: int, candidates: int, seats: int, repeat: int, seed: int, compare: bool = True) -> tuple[list[Line], dict[str, Took], dict[str, Took]]:
    """The lines, and the time to build each profile: ours (grouping and checking the ballots) and
    pref-voting's (which tallies every pair of a ranking profile as it builds it)."""
    names = [f"p{i + 1}" for i in range(candidates)]
    rankings = mallows(candidates, ballots, 0.9, seed)
    grades = derived(rankings)
    orders, named_grades = named(names, rankings, grades)
    ours_built, profiles = {}, {}
    for key in ("ranking", "approval", "score", "dots", "majority-judgment"):
        ours_built[key], profiles[key] = best_of(repeat, lambda: our_profiles(names, orders, named_grades, only=key))
    builders, theirs = their_methods(rankings, grades, candidates, seats) if compare else ({}, {})
    theirs_built, their_profiles = {}, {}
    for key, build in builders.items():
        theirs_built[key], their_profiles[key] = best_of(1 if key == "ranking" else repeat, build)
    lines = []
    for name, registered in REGISTRY.items():
        k = seats if registered.proportional else 1
        key = profile_key(name)
        took, result = best_of(repeat, lambda: count(profiles[key], name, seats=k))
        line = Line(name, k, ours_built[key] + took, tuple(result.winners))
        if name in theirs:
            their_name, their_key, call, why = theirs[name]
            their_took, found = best_of(repeat, lambda: call(their_profiles[their_key]))
            won = tuple(sorted((names[c] for c in found), key=names.index))
            line = Line(name, k, line.took, line.winners, theirs_built[their_key] + their_took, won, their_name, why)
        lines.append(line)
    return lines, ours_built, theirs_built


def _both(took: Took | None) -> str:
    return f"{took.cpu:>7.3f} {took.wall:>7.3f}" if took is not None else f"{'—':>7} {'—':>7}"


def report(lines: list[Line], ballots: int, candidates: int, ours_built: dict[str, Took], theirs_built: dict[str, Took]) -> str:
    out = [f"{ballots:,} ranked ballots over {candidates} proposals; best of the runs, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}"]
    out.append("seconds, CPU and wall clock; building the profiles (included in each method's figures below):")
    for key, took in ours_built.items():
        out.append(f"  {key:<18} ours {_both(took)}   pref-voting {_both(theirs_built.get(key))}")
    out.append("")
    out.append(f"{'method':<18} {'seats':>5} {'ours cpu':>8} {'wall':>7}  {'p-v cpu':>7} {'wall':>7}  {'same':<4} winners")
    for line in lines:
        mark = {True: "=", False: "≠", None: " "}[line.same]
        out.append(f"{line.method:<18} {line.seats:>5} {_both(line.took):>16}  {_both(line.their_took)}  {mark:<4} {' '.join(line.winners)}")
        if line.same is False:
            out.append(f"{'':<59}≠    pref-voting ({line.theirs_name}): {' '.join(line.their_winners)}"
                       + (f"; {line.why}" if line.why else ""))
    out += ["", f"targets (CPU time): each method ≤ {TARGET_SECONDS:g} s; ≥ {TARGET_RATIO:g}x faster than pref-voting where it has the method", ""]
    out.append(f"{'method':<18} {'ours ≤ 1 s':<12} {'ratio':>8}  {'≥ 5x':<5} pref-voting's function")
    for line in lines:
        ratio = f"{line.ratio:>7.1f}x" if line.ratio is not None else f"{'—':>8}"
        fast = "—" if line.ratio is None else ("yes" if line.ratio >= TARGET_RATIO else "NO")
        out.append(f"{line.method:<18} {'yes' if line.ours <= TARGET_SECONDS else 'NO':<12} {ratio}  {fast:<5} {line.theirs_name or '(none)'}")
    missed = [line.method for line in lines if line.ours > TARGET_SECONDS or (line.ratio is not None and line.ratio < TARGET_RATIO)]
    out += ["", "all targets met" if not missed else f"targets missed: {', '.join(missed)}"]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=10_000)
    parser.add_argument("--candidates", type=int, default=30)
    parser.add_argument("--seats", type=int, default=5, help="for stv and equal-shares")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--no-compare", action="store_true", help="ours alone, without pref-voting")
    args = parser.parse_args(argv)
    lines, ours_built, theirs_built = run(args.ballots, args.candidates, args.seats, args.repeat, args.seed, compare=not args.no_compare)
    print(report(lines, args.ballots, args.candidates, ours_built, theirs_built))
    return 0


if __name__ == "__main__":
    sys.exit(main())
