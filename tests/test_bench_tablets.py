"""The tablet benchmark still works: simulated tablets get from the page to "saved" on a real server.

benchmarks/bench_tablets.py measures capacity (bursts of 50 and 100 tablets) and is run by hand.
This smoke test runs it in its quick mode with 2 tablets, against the ballot server it would use
(`forum-toolkit serve` once that works) and the bare notebook under plain Voilà, so that a change
to the ballot's screens, the catalogs, Voilà or ipywidgets' protocol breaks a test instead of
silently breaking the benchmark. It checks behaviour only, never timings.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    pytest.importorskip("voila", reason="Voilà is not installed (pip install voila)")
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_tablets

        yield bench_tablets
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def quick_run(bench):
    """Two tablets open the ballot at once and submit; the same on the bare notebook."""
    lines = []
    args = bench.parse(["--quick", "--bursts", "2"])
    scenarios, leftovers = bench.run(args, out=lines.append)
    return {scenario.app: scenario for scenario in scenarios}, leftovers, lines


def test_two_tablets_reach_saved_on_the_ballot(quick_run):
    scenarios, _, lines = quick_run
    ballot = scenarios.get("ballot")
    assert ballot is not None, "\n".join(lines)
    assert [o.error for o in ballot.outcomes] == ["", ""]
    assert [o.saved for o in ballot.outcomes] == [True, True]
    assert ballot.rows == 2  # both ballots are in the store, once each
    assert all(o.interactive is not None and o.submit is not None for o in ballot.outcomes)


def test_the_bare_notebook_reaches_saved_too(quick_run):
    scenarios, _, lines = quick_run
    bare = scenarios.get("bare")
    assert bare is not None, "\n".join(lines)
    assert [o.saved for o in bare.outcomes] == [True, True]
    assert bare.rows == 2


def test_kernel_costs_are_measured(quick_run):
    scenarios, _, _ = quick_run
    for scenario in scenarios.values():
        assert len(scenario.rss) == 2 and all(rss > 10 * 2**20 for rss in scenario.rss)
        assert len(scenario.start_cpu) == 2 and all(cpu > 0 for cpu in scenario.start_cpu)


def test_no_kernel_is_left_running(quick_run):
    scenarios, leftovers, _ = quick_run
    assert leftovers == []
    assert all(scenario.killed == [] for scenario in scenarios.values())  # Voilà's own stop ended everything


def test_the_report_names_every_target(bench, quick_run):
    scenarios, _, _ = quick_run
    text = bench.report.targets(list(scenarios.values()))
    assert "50 at once, pool 50" in text and "not measured" in text  # the quick sizes are not the targets'
    assert "RSS per ballot kernel" in text
