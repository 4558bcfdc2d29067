"""The suppression policy on hand-made tables, and its two promises for any table Hypothesis finds:
no shown number is under the threshold, and no hidden number can be worked out from those shown."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from forum_toolkit.privacy import (
    FreeTextNotPublished,
    InvalidThreshold,
    SuppressionPolicy,
    check_publishable,
)

POLICY = SuppressionPolicy()


def test_a_table_without_small_cells_is_shown_whole():
    table = POLICY.table([[10, 20], [30, 40]], ["new", "long"], ["yes", "no"])
    assert table.cells == ((10, 20), (30, 40))
    assert (table.row_totals, table.column_totals, table.total) == ((30, 70), (40, 60), 100)
    assert table.hidden == frozenset()


def test_a_single_small_cell_takes_three_more_with_it():
    """3 alone would be 15 - 12; its column would give it away as 33 - 30; so four cells go."""
    table = POLICY.table([[12, 3], [20, 30]], ["new", "long"], ["yes", "no"])
    assert table.cells == ((None, None), (None, None))
    assert table.primary == {(0, 1)}
    assert table.secondary == {(0, 0), (1, 0), (1, 1)}
    assert (table.row_totals, table.column_totals, table.total) == ((15, 50), (32, 33), 65)


def test_in_a_bigger_table_only_a_rectangle_goes():
    table = POLICY.table([[2, 9, 40], [8, 50, 60], [30, 70, 80]], ["a", "b", "c"], ["x", "y", "z"])
    assert table.primary == {(0, 0)}
    assert table.secondary == {(0, 1), (1, 0), (1, 1)}
    assert table.cells[2] == (30, 70, 80)


def test_a_row_of_small_cells_hides_the_row_and_its_total():
    table = POLICY.table([[1, 2, 1], [20, 30, 40], [25, 35, 45]], ["tiny", "b", "c"], ["x", "y", "z"])
    assert table.cells[0] == (None, None, None)
    assert table.row_totals[0] is None
    # the tiny row's total (4) would follow from the grand total minus the others: one more goes
    assert sum(t is None for t in table.row_totals) >= 2
    for column in range(3):  # each column hides at least two cells, not just the tiny one
        assert sum(row[column] is None for row in table.cells) >= 2


def test_hidden_cells_that_add_up_to_less_than_the_threshold_take_another():
    """[1, 1, 30, 40]: hiding both 1s still tells they hold 2 people; the 30 goes too."""
    table = POLICY.counts([1, 1, 30, 40], ["a", "b", "c", "d"])
    assert table.cells == ((None, None, None, 40),)
    assert table.total == 72
    assert table.column_totals is None


def test_a_total_below_the_threshold_hides_everything():
    table = POLICY.counts([1, 2], ["a", "b"])
    assert table.cells == ((None, None),) and table.total is None


def test_multiple_response_hides_what_few_did_not_choose():
    """38 of 40 chose the bus: that 2 did not is as small as 2 who did."""
    table = POLICY.counts([38, 20, 3], ["bus", "cafe", "pool"], total=40)
    assert table.cells == ((None, 20, None),)
    assert table.primary == {(0, 0), (0, 2)}
    assert table.total == 40


def test_share_is_of_the_row_total_and_none_when_hidden():
    table = POLICY.table([[10, 30], [2, 40]], ["a", "b"], ["x", "y"])
    assert table.share(0, 0) is None
    shown = POLICY.table([[10, 30], [20, 40]], ["a", "b"], ["x", "y"])
    assert shown.share(0, 0) == 0.25


@pytest.mark.parametrize("threshold", [0, -1, 2.5, "5", True, None])
def test_a_threshold_that_protects_nobody_is_refused(threshold):
    with pytest.raises(InvalidThreshold) as error:
        SuppressionPolicy(threshold)
    assert str(error.value) == f"threshold: expected a whole number of 1 or more, found {threshold!r}"


def test_a_threshold_of_one_hides_only_zeros():
    table = SuppressionPolicy(1).counts([0, 1, 2], ["a", "b", "c"])
    assert table.primary == {(0, 0)}
    assert table.cells == ((None, None, 2),)


@pytest.mark.parametrize("kind", ["short_text", "long_text", "proposal"])
def test_free_text_is_never_a_published_table(kind):
    with pytest.raises(FreeTextNotPublished) as error:
        check_publishable("safety_where", kind)
    assert str(error.value) == f"question 'safety_where' is free text ({kind}); free text is never part of a published table"


def test_counted_questions_are_publishable():
    for kind in ("single_choice", "scale", "matrix", "statements", "dots", "ranking", "number"):
        check_publishable("q", kind)


def test_bad_tables_are_refused():
    with pytest.raises(ValueError, match="expected 2 rows of 2 counts"):
        POLICY.table([[1, 2]], ["a", "b"], ["x", "y"])
    with pytest.raises(ValueError, match="whole numbers of 0 or more"):
        POLICY.counts([-1, 2], ["a", "b"])


# ---------------------------------------------------------------------------------------------
# Properties: whatever the counts

def tables(max_rows=4, max_columns=4, max_count=40):
    def build(shape):
        rows, columns = shape
        return st.lists(
            st.lists(st.integers(0, max_count), min_size=columns, max_size=columns), min_size=rows, max_size=rows
        )

    return st.tuples(st.integers(1, max_rows), st.integers(1, max_columns)).flatmap(build)


def labels(n, prefix):
    return [f"{prefix}{i}" for i in range(n)]


def suppress(cells, threshold):
    return SuppressionPolicy(threshold).table(cells, labels(len(cells), "r"), labels(len(cells[0]), "c"))


def feasible_range(table, full_cells):
    """For every hidden entry, the least and most it can be, given every number shown (an LP; the
    constraints of a table with totals are totally unimodular, so the bounds are whole numbers)."""
    r, c = len(table.rows), len(table.columns)
    with_columns = table.column_totals is not None
    entries = {}
    for i in range(r):
        for j in range(c):
            entries[(i, j)] = table.cells[i][j]
        entries[(i, c)] = table.row_totals[i]
    if with_columns:
        for j in range(c):
            entries[(r, j)] = table.column_totals[j]
        entries[(r, c)] = table.total
    unknown = [p for p, v in entries.items() if v is None]
    index = {p: k for k, p in enumerate(unknown)}
    lines = [([(i, j) for j in range(c)], (i, c)) for i in range(r)]
    if with_columns:
        lines += [([(i, j) for i in range(r)], (r, j)) for j in range(c)]
        lines += [([(i, c) for i in range(r)], (r, c)), ([(r, j) for j in range(c)], (r, c))]
    a_eq, b_eq = [], []
    for members, total in lines:
        row, rhs = [0.0] * len(unknown), 0.0
        for p, sign in [*((m, 1.0) for m in members), (total, -1.0)]:
            if p in index:
                row[index[p]] += sign
            else:
                rhs -= sign * entries[p]
        if any(row):
            a_eq.append(row)
            b_eq.append(rhs)
    ranges = {}
    for p in unknown:
        objective = [0.0] * len(unknown)
        objective[index[p]] = 1.0
        low = linprog(objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=(0, None), method="highs")
        high = linprog([-x for x in objective], A_eq=a_eq or None, b_eq=b_eq or None, bounds=(0, None), method="highs")
        assert low.status == 0 and high.status in (0, 3)  # 3: unbounded, when no total bounds it
        ranges[p] = (round(low.fun), None if high.status == 3 else round(-high.fun))
    return ranges


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(1, 10))
def test_no_shown_number_is_under_the_threshold(cells, threshold):
    table = suppress(cells, threshold)
    assert all(value >= threshold for value in table.shown_values())


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(1, 10))
def test_no_hidden_number_can_be_worked_out_from_the_numbers_shown(cells, threshold):
    table = suppress(cells, threshold)
    for position, (low, high) in feasible_range(table, cells).items():
        assert high is None or high > low, f"{position} is pinned to {low} in {table}"


@settings(max_examples=200, deadline=None)
@given(tables(max_rows=4, max_columns=4), st.integers(1, 10))
def test_the_people_hidden_in_a_line_with_a_shown_total_are_never_fewer_than_the_threshold(cells, threshold):
    table = suppress(cells, threshold)
    for i, row in enumerate(table.cells):
        hidden = [cells[i][j] for j, v in enumerate(row) if v is None]
        if hidden and table.row_totals[i] is not None:
            assert len(hidden) >= 2 and sum(hidden) >= threshold


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 60).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.integers(0, n), min_size=1, max_size=6))),
    st.integers(1, 10),
)
def test_multiple_response_never_shows_a_small_chosen_or_not_chosen(data, threshold):
    total, counts = data
    table = SuppressionPolicy(threshold).counts(counts, labels(len(counts), "c"), total=total)
    for shown in table.cells[0]:
        if shown is not None:
            assert shown >= threshold and total - shown >= threshold
    assert table.total is None or table.total >= threshold
