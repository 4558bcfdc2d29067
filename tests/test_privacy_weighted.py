"""Weighted tables for publication: the counted people decide what is hidden, the weighted numbers
are shown where the counts would be; for any table Hypothesis finds, nothing shown stands for fewer
people than the threshold, and no hidden weighted number can be worked out from those shown."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_privacy_policy import feasible_range, labels, tables

from forum_toolkit.privacy import SuppressionPolicy, weighted_counts, weighted_table

POLICY = SuppressionPolicy()


def test_a_small_group_with_a_large_weight_is_hidden():
    """3 people weighing 40 are still 3 people: hidden, with what would give them away."""
    table = weighted_table(POLICY, [[12, 3], [20, 30]], [[30.0, 40.0], [14.0, 21.0]], ["new", "long"], ["yes", "no"])
    assert table.cells == ((None, None), (None, None))
    assert table.hidden == table.counts.hidden == {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert (table.row_totals, table.column_totals, table.total) == ((70.0, 35.0), (44.0, 61.0), 105.0)


def test_a_large_group_with_a_small_weight_is_shown_weighted():
    table = weighted_table(POLICY, [[10, 20], [30, 40]], [[2.5, 5.0], [45.0, 60.0]], ["new", "long"], ["yes", "no"])
    assert table.cells == ((2.5, 5.0), (45.0, 60.0))
    assert (table.row_totals, table.column_totals, table.total) == ((7.5, 105.0), (47.5, 65.0), 112.5)
    assert table.share(1, 0) == pytest.approx(45 / 105)
    assert table.counts.cells == ((10, 20), (30, 40))


def test_multiple_response_is_decided_on_the_people_asked_and_who_did_not_choose():
    """38 of 40 chose a: shown, it would tell that 2 did not, however much they weigh."""
    table = weighted_counts(POLICY, [38, 20], [70.0, 41.0], ["a", "b"], total=40, weighted_total=80.0)
    assert table.cells == ((None, 41.0),)
    assert table.total == 80.0 and table.column_totals is None


def test_a_single_row_shows_its_weighted_total():
    table = weighted_counts(POLICY, [12, 30, 8], [10.0, 33.5, 9.25], ["x", "y", "z"])
    assert table.cells == ((10.0, 33.5, 9.25),)
    assert table.total == 52.75


@pytest.mark.parametrize(
    ("counts", "weighted", "kwargs", "message"),
    [
        ([[5, 6]], [[5.0]], {}, "expected 1 rows of 2 numbers like the counts"),
        ([[5, 6]], [[5.0, -1.0]], {}, "finite and 0 or more"),
        ([[5, 6]], [[5.0, float("nan")]], {}, "finite and 0 or more"),
        ([[5, 0]], [[5.0, 2.0]], {}, "'r0', column 'c1': 0 people weigh 2.0"),
        ([[5, 6]], [[5.0, 0.0]], {}, "'r0', column 'c1': 6 people weigh 0.0"),
        ([[5, 6]], [[5.0, 6.0]], {"row_totals": [8]}, "give both"),
    ],
)
def test_weights_that_cannot_be_are_refused(counts, weighted, kwargs, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        weighted_table(POLICY, counts, weighted, ["r0"], ["c0", "c1"][: len(counts[0])], **kwargs)


# ---------------------------------------------------------------------------------------------
# Properties: whatever the counts and the weights (whole multiples, so that the LP's bounds are
# whole numbers as in test_privacy_policy.py; what is pinned depends on where the zeros are, and a
# weighted cell is zero exactly where its count is)

def weighted_tables():
    return tables().flatmap(lambda cells: st.tuples(
        st.just(cells),
        st.lists(st.lists(st.integers(1, 5), min_size=len(cells[0]), max_size=len(cells[0])), min_size=len(cells), max_size=len(cells)),
    ))


def weigh(cells, factors, threshold):
    weighted = [[count * factor for count, factor in zip(row, row_factors)] for row, row_factors in zip(cells, factors)]
    return weighted, weighted_table(SuppressionPolicy(threshold), cells, weighted, labels(len(cells), "r"), labels(len(cells[0]), "c"))


@settings(max_examples=300, deadline=None)
@given(weighted_tables(), st.integers(1, 10))
def test_a_weighted_table_hides_what_its_counts_hide_and_shows_nobody_under_the_threshold(data, threshold):
    cells, factors = data
    weighted, table = weigh(cells, factors, threshold)
    assert table.hidden == SuppressionPolicy(threshold).table(cells, labels(len(cells), "r"), labels(len(cells[0]), "c")).hidden
    for i, row in enumerate(table.cells):
        for j, value in enumerate(row):
            assert (value is None) == (table.counts.cells[i][j] is None)
            assert value is None or (value == weighted[i][j] and cells[i][j] >= threshold)
    assert all(v >= threshold for v in table.counts.shown_values())


@settings(max_examples=200, deadline=None)
@given(weighted_tables(), st.integers(1, 10))
def test_no_hidden_weighted_number_can_be_worked_out_from_the_weighted_numbers_shown(data, threshold):
    cells, factors = data
    weighted, table = weigh(cells, factors, threshold)
    for position, (low, high) in feasible_range(table, weighted).items():
        assert high is None or high > low, f"{position} is pinned to {low} in {table}"
