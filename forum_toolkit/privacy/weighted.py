"""Weighted tables for publication: what is hidden is decided on the people counted, and the
weighted numbers are shown only where the counts would be.

    table = weighted_table(SuppressionPolicy(5), [[12, 3], [20, 30]], [[30.5, 9.0], [14.2, 21.0]],
                           rows=("new", "long"), columns=("yes", "no"))
    table.cells          # ((None, None), (None, None)): hidden where the counted table is
    table.counts         # the counted table (a SuppressedTable): primary and secondary, and why

Why the counts decide. A weight says how many residents a participant stands for, not how many
took part: a weighted cell of 40 can be 3 people, who can be singled out, and a weighted cell of 2.5
can be 12 people, whom nobody can. And with one pattern of hidden entries for both, publishing the
counted and the weighted table side by side (as a report does) hides what either hides: weighted
numbers add up along the same lines as the counts (a row's cells to its total, a column's to its
total), so every line that hides an entry hides at least two in both tables, and no shown weighted
number is a key to a hidden count. Weights are not secret (they follow from the town's population
file and the groups' shown counts), which is one more reason never to show a weighted cell whose
count is hidden.

Plain Python like the policy: numbers in, a frozen table out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from forum_toolkit.privacy.policy import SuppressedTable, SuppressionPolicy


@dataclass(frozen=True)
class WeightedTable:
    """A weighted count table as it may be published: None where the counted table hides."""

    counts: SuppressedTable  # the people: decides what is hidden
    cells: tuple[tuple[float | None, ...], ...]
    row_totals: tuple[float | None, ...]
    column_totals: tuple[float | None, ...] | None  # None: a single-row table shows none
    total: float | None

    @property
    def rows(self) -> tuple[str, ...]:
        return self.counts.rows

    @property
    def columns(self) -> tuple[str, ...]:
        return self.counts.columns

    @property
    def hidden(self):
        return self.counts.hidden

    def share(self, row: int, column: int) -> float | None:
        """The weighted cell as a share of its weighted row total, when both are shown; else None."""
        cell, total = self.cells[row][column], self.row_totals[row]
        if cell is None or not total:
            return None
        return cell / total


def weighted_table(
    policy: SuppressionPolicy,
    counts: Sequence[Sequence[int]],
    weighted: Sequence[Sequence[float]],
    rows: Sequence[str],
    columns: Sequence[str],
    *,
    row_totals: Sequence[int] | None = None,
    weighted_row_totals: Sequence[float] | None = None,
) -> WeightedTable:
    """`counts[i][j]`: people of group `rows[i]` in column `columns[j]`; `weighted[i][j]`: their
    weights added up. The counts are suppressed with `policy.table` and the weighted numbers shown
    where the counts are.

    Multiple response (several columns per person): `row_totals` are the people asked in each row
    and `weighted_row_totals` their weights added up; give both or neither.
    """
    if (row_totals is None) != (weighted_row_totals is None):
        raise ValueError("row_totals and weighted_row_totals: give both (multiple response) or neither")
    counted = policy.table(counts, rows, columns, row_totals=row_totals)
    grid = _weighted_grid(counts, weighted, rows, columns, row_totals, weighted_row_totals)
    r, c = len(rows), len(columns)

    def shown(position: tuple[int, int]) -> float | None:
        return None if position in counted.hidden else grid[position]

    with_columns = counted.column_totals is not None
    return WeightedTable(
        counts=counted,
        cells=tuple(tuple(shown((i, j)) for j in range(c)) for i in range(r)),
        row_totals=tuple(shown((i, c)) for i in range(r)),
        column_totals=tuple(shown((r, j)) for j in range(c)) if with_columns else None,
        total=shown((r, c)) if with_columns else shown((0, c)),
    )


def weighted_counts(policy: SuppressionPolicy, counts: Sequence[int], weighted: Sequence[float], columns: Sequence[str], *,
                    total: int | None = None, weighted_total: float | None = None, row: str = "") -> WeightedTable:
    """One row (a question's options), as `SuppressionPolicy.counts` with weights."""
    return weighted_table(policy, [list(counts)], [list(weighted)], [row], columns,
                          row_totals=None if total is None else [total],
                          weighted_row_totals=None if weighted_total is None else [weighted_total])


def _weighted_grid(counts, weighted, rows, columns, row_totals, weighted_row_totals) -> dict[tuple[int, int], float]:
    """The weighted cells and totals by position (as in policy.py), after checking them."""
    r, c = len(rows), len(columns)
    if len(weighted) != r or any(len(row) != c for row in weighted):
        raise ValueError(f"weighted: expected {r} rows of {c} numbers like the counts, found {[len(row) for row in weighted]}")
    values = [v for row in weighted for v in row] + list(weighted_row_totals or ())
    if any(isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0 for v in values):
        raise ValueError("weighted numbers must be finite and 0 or more")
    for i in range(r):
        for j in range(c):
            if (counts[i][j] == 0) != (weighted[i][j] == 0):
                raise ValueError(f"row {rows[i]!r}, column {columns[j]!r}: {counts[i][j]} people weigh {weighted[i][j]}; weights must be above 0")
    grid = {(i, j): float(weighted[i][j]) for i in range(r) for j in range(c)}
    for i in range(r):
        grid[(i, c)] = float(weighted_row_totals[i]) if weighted_row_totals is not None else math.fsum(weighted[i])
    for j in range(c):
        grid[(r, j)] = math.fsum(weighted[i][j] for i in range(r))
    grid[(r, c)] = math.fsum(grid[(i, c)] for i in range(r))
    return grid
