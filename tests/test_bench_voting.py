"""The voting benchmark still works: benchmarks/bench_voting.py on 300 ballots over 8 proposals
(winners and the printed tables are checked, never timings: the benchmark itself is run by hand),
and the fast paths it drove count exactly as the plain ones they replaced."""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from forum_toolkit.voting import REGISTRY
from forum_toolkit.voting.pairwise import _support_matrix_by_ballot, support_matrix
from forum_toolkit.voting.runoff import LastPlaces
from tests.voting.strategies import ranking_profiles

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_voting

        yield bench_voting
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def small_run(bench):
    lines, ours_built, theirs_built = bench.run(300, 8, 3, repeat=1, seed=7)
    return lines, bench.report(lines, 300, 8, ours_built, theirs_built)


def test_every_registered_method_is_timed_with_its_seats(small_run):
    lines, _ = small_run
    assert [line.method for line in lines] == list(REGISTRY)
    assert {line.method: line.seats for line in lines if line.seats > 1} == {"stv": 3, "equal-shares": 3}
    assert all(line.ours > 0 and line.winners for line in lines)


def test_pref_voting_counts_the_same_ballots_and_finds_the_same_winners(small_run):
    lines, _ = small_run
    compared = {line.method: line for line in lines if line.theirs is not None}
    assert set(compared) == set(REGISTRY) - {"equal-shares"}  # pref-voting has no proportional approval rule
    assert [m for m, line in compared.items() if not line.same] == []


def test_the_report_prints_the_figures_and_the_targets(small_run):
    _, text = small_run
    assert text.startswith("300 ranked ballots over 8 proposals")
    assert "building the profiles (included in each method's figures below):" in text
    assert "targets (CPU time): each method ≤ 1 s; ≥ 5x faster than pref-voting where it has the method" in text
    assert text.splitlines()[-1] in ("all targets met",) or text.splitlines()[-1].startswith("targets missed: ")
    table = text[text.index("pref-voting's function"):]
    assert all(name in table for name in REGISTRY)


def test_mallows_rankings_are_complete_and_reproducible(bench):
    drawn = bench.mallows(6, 50, 0.9, seed=1)
    assert drawn == bench.mallows(6, 50, 0.9, seed=1)
    assert all(sorted(order) == list(range(6)) for order in drawn)


@FAST
@given(ranking_profiles(max_candidates=6, max_ballots=12))
def test_the_bitwise_pairwise_matrix_is_the_ballot_by_ballot_one(profile):
    assert support_matrix(profile) == _support_matrix_by_ballot(profile)


def _last_places_ballot_by_ballot(profile, continuing):
    votes = {c: Fraction(0) for c in profile.candidates if c in continuing}
    for ballot, count in profile.items():
        bottom = ballot.bottom(continuing)
        for candidate in bottom:
            votes[candidate] += Fraction(count, len(bottom))
    return votes


@FAST
@given(ranking_profiles(max_candidates=6, max_ballots=12))
def test_last_places_kept_in_piles_are_those_of_every_ballot_in_every_round(profile):
    places = LastPlaces(profile)
    continuing = list(profile.candidates)
    while continuing:
        now = frozenset(continuing)
        assert places.votes(now) == _last_places_ballot_by_ballot(profile, now)
        continuing.pop(len(continuing) // 2)
    everyone = frozenset(profile.candidates)  # all back: it starts again
    assert places.votes(everyone) == _last_places_ballot_by_ballot(profile, everyone)
