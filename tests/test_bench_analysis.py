"""The analysis benchmark still works: benchmarks/bench_analysis.py on 2,000 ballots instead of
50,000 (figures, never timings, are checked: the benchmark itself is run by hand)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_analysis

        yield bench_analysis
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def small_run(bench, tmp_path_factory):
    lines = []
    figures = bench.run(2000, tmp_path_factory.mktemp("bench") / "forum.sqlite3", out=lines.append)
    bench.show(figures, out=lines.append)
    return figures, lines


def test_it_seeds_the_ballots_and_runs_every_phase(small_run):
    figures, lines = small_run
    assert figures.ballots == figures.floor_rows == 2000
    assert figures.answers > 20 * 2000  # about 22 answers a ballot
    assert [phase.name for phase in figures.phases] == ["load", "participation", "cross-tabs", "report"]
    assert "88 tables" in figures.phases[2].note
    assert figures.report_bytes > 50_000 and figures.peak_bytes > 0


def test_it_prints_each_phase_the_total_the_floor_and_the_peak(small_run):
    _, lines = small_run
    text = "\n".join(lines)
    assert lines[0].startswith("seeded 2,000 ballots")
    for word in ("load", "participation", "cross-tabs", "report", "total", "floor", "peak memory"):
        assert word in text


def test_a_seeded_file_is_reused_only_for_the_same_number_of_ballots(bench, tmp_path):
    path = tmp_path / "forum.sqlite3"
    assert bench.stored_ballots(path) == 0
    bench.in_child(bench.seed, f"sqlite:///{path}", 30)
    assert bench.stored_ballots(path) == 30
    with pytest.raises(SystemExit, match="holds 30 ballots"):
        bench.run(40, path, out=lambda line: None)
