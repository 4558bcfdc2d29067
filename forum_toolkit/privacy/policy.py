"""The suppression policy: which cells and totals of a count table may be published.

A published table is a grid of counts (rows: groups, columns: options) with its totals: a total per
row, and, unless the table is a single row, a total per column and a grand total. Positions are
`(row, column)`; the row totals are column `len(columns)`, the column totals are row `len(rows)`,
and the grand total is `(len(rows), len(columns))`.

1. **Primary suppression.** Every cell and total below the threshold is hidden: a group of 3 is not
   shown, and neither is "2 of the newcomers chose X". Zeros are hidden too ("nobody in this group
   chose X" says something about everybody in it). In a *multiple-response* table (each person may
   choose several options, so the cells of a row do not add up to its total) a cell is also hidden
   when fewer than the threshold did *not* choose it: "38 of 40" tells that 2 did not.
2. **Secondary suppression.** A line (a row with its total, a column with its total, the row totals
   with the grand total, the column totals with the grand total) that adds up is safe when it hides
   nothing, or hides at least two entries and, when its total is shown, the hidden cells together
   hold at least `threshold` people. A line that is not safe hides its smallest shown cell (its
   total only when no cell is left), and this repeats until every line is safe. A line with a
   single hidden entry would give it away by subtraction; hidden cells that together hold fewer
   than `threshold` people would each be known to be small (and hidden zeros would be known).

The result keeps which entries were hidden for which reason (`primary`, `secondary`), so a report
can say why a cell is empty. The policy is plain Python: counts in, a frozen table out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from forum_toolkit.privacy.errors import FreeTextNotPublished, InvalidThreshold

DEFAULT_THRESHOLD = 5
HIDDEN = "×"  # how a published table shows a hidden cell
FREE_TEXT_KINDS = ("short_text", "long_text", "proposal")

Position = tuple[int, int]


@dataclass(frozen=True)
class SuppressedTable:
    """A count table as it may be published: hidden entries are None."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...] | None  # None: a single-row table shows no column totals
    total: int | None
    threshold: int
    additive: bool  # False: multiple response, a row's cells do not add up to its total
    primary: frozenset[Position]
    secondary: frozenset[Position]

    @property
    def hidden(self) -> frozenset[Position]:
        return self.primary | self.secondary

    def share(self, row: int, column: int) -> float | None:
        """The cell as a share of its row total, when both are shown; else None."""
        cell, total = self.cells[row][column], self.row_totals[row]
        if cell is None or not total:
            return None
        return cell / total

    def shown_values(self) -> list[int]:
        """Every number the table shows: cells and totals."""
        values = [v for row in self.cells for v in row] + list(self.row_totals)
        if self.column_totals is not None:
            values += list(self.column_totals)
        values.append(self.total)
        return [v for v in values if v is not None]


@dataclass(frozen=True)
class SuppressionPolicy:
    """Hide counts below `threshold` (default 5) and whatever would let them be worked out."""

    threshold: int = DEFAULT_THRESHOLD

    def __post_init__(self):
        if not isinstance(self.threshold, int) or isinstance(self.threshold, bool) or self.threshold < 1:
            raise InvalidThreshold(self.threshold)

    def is_small(self, count: int) -> bool:
        return count < self.threshold

    def counts(self, counts: Sequence[int], columns: Sequence[str], *, total: int | None = None, row: str = "") -> SuppressedTable:
        """One row of counts (a question's options) with its total.

        Without `total` the counts add up to it (each person in one column); with `total` (the
        respondents of a multiple-response question) they need not.
        """
        return self.table([list(counts)], [row], columns, row_totals=None if total is None else [total])

    def table(
        self,
        cells: Sequence[Sequence[int]],
        rows: Sequence[str],
        columns: Sequence[str],
        *,
        row_totals: Sequence[int] | None = None,
    ) -> SuppressedTable:
        """`cells[i][j]`: people of group `rows[i]` in column `columns[j]`.

        Without `row_totals` each person is in one column and the totals are the sums; with them
        (multiple response) the row totals are the people asked, and the cells need not add up.
        A table of one row shows no column totals (they would repeat its cells).
        """
        grid = _grid(cells, rows, columns, row_totals)
        r, c = len(rows), len(columns)
        additive = row_totals is None
        with_columns = r > 1
        primary = {p for p, value in grid.items() if value < self.threshold}
        if not additive:
            primary |= {(i, j) for i in range(r) for j in range(c) if grid[(i, c)] - grid[(i, j)] < self.threshold}
        if not with_columns:
            primary = {p for p in primary if p[0] < r}
        hidden = set(primary)
        lines = _lines(r, c, additive, with_columns)
        while True:
            changed = True
            while changed:
                changed = False
                for entries, total in lines:
                    if not self._line_is_safe(entries, total, hidden, grid):
                        hidden.add(_next_to_hide(entries, total, hidden, grid))
                        changed = True
            pinned = _first_pinned(hidden, grid, r, c) if additive and with_columns else None
            if pinned is None:
                break
            hidden.add(_partner_for(pinned, hidden, grid, r, c))

        def shown(position: Position) -> int | None:
            return None if position in hidden else grid[position]

        return SuppressedTable(
            rows=tuple(rows),
            columns=tuple(columns),
            cells=tuple(tuple(shown((i, j)) for j in range(c)) for i in range(r)),
            row_totals=tuple(shown((i, c)) for i in range(r)),
            column_totals=tuple(shown((r, j)) for j in range(c)) if with_columns else None,
            total=shown((r, c)) if with_columns else shown((0, c)),
            threshold=self.threshold,
            additive=additive,
            primary=frozenset(primary),
            secondary=frozenset(hidden - primary),
        )

    def _line_is_safe(self, entries: Sequence[Position], total: Position, hidden: set[Position], grid) -> bool:
        hidden_here = [p for p in (*entries, total) if p in hidden]
        if not hidden_here:
            return True
        if len(hidden_here) < 2:
            return False
        if total in hidden:
            return True
        return sum(grid[p] for p in hidden_here) >= self.threshold


def check_publishable(question_id: str, kind: str) -> None:
    """Raise FreeTextNotPublished for a free-text question: its answers are never a published table."""
    if kind in FREE_TEXT_KINDS:
        raise FreeTextNotPublished(question_id, kind)


def _grid(cells, rows, columns, row_totals) -> dict[Position, int]:
    r, c = len(rows), len(columns)
    if len(cells) != r or any(len(row) != c for row in cells):
        raise ValueError(f"expected {r} rows of {c} counts, found {[len(row) for row in cells]}")
    values = [v for row in cells for v in row] + list(row_totals or ())
    if any(not isinstance(v, int) or isinstance(v, bool) or v < 0 for v in values):
        raise ValueError("counts must be whole numbers of 0 or more")
    grid = {(i, j): cells[i][j] for i in range(r) for j in range(c)}
    for i in range(r):
        grid[(i, c)] = row_totals[i] if row_totals is not None else sum(cells[i])
        if grid[(i, c)] < max(cells[i], default=0):
            raise ValueError(f"row {rows[i]!r}: a cell is larger than the row's total")
    for j in range(c):
        grid[(r, j)] = sum(cells[i][j] for i in range(r))
    grid[(r, c)] = sum(grid[(i, c)] for i in range(r))
    return grid


def _lines(r: int, c: int, additive: bool, with_columns: bool) -> list[tuple[list[Position], Position]]:
    """The lines that add up, each as (entries, its total)."""
    lines: list[tuple[list[Position], Position]] = []
    if additive:
        lines += [([(i, j) for j in range(c)], (i, c)) for i in range(r)]
    if with_columns:
        lines += [([(i, j) for i in range(r)], (r, j)) for j in range(c)]
        lines.append(([(i, c) for i in range(r)], (r, c)))
        if additive:
            lines.append(([(r, j) for j in range(c)], (r, c)))
    return lines


def _first_pinned(hidden: set[Position], grid, r: int, c: int) -> Position | None:
    """A hidden entry whose value follows from the numbers shown, or None.

    With the totals negated, every row and column of the table with its totals adds up to zero, so
    the hidden entries can change only along cycles that alternate +1 and -1 through hidden entries,
    one row or column at a time. An entry can take another value exactly when such a cycle passes
    through it without lowering a hidden zero (a hidden total of zero cannot rise, a cell cannot
    fall below zero). Searching for that cycle is a walk from the entry's column back to its row.
    """
    for position in sorted(hidden):
        if not any(_cycle_exists(position, sign, hidden, grid, r, c) for sign in (1, -1)):
            return position
    return None


def _cycle_exists(start: Position, sign: int, hidden: set[Position], grid, r: int, c: int) -> bool:
    def allowed(position: Position, step: int) -> bool:
        if grid[position] > 0:
            return True
        is_total = (position[0] == r) != (position[1] == c)  # a row or column total, not the grand total
        return step == (-1 if is_total else 1)  # a zero may only grow

    if not allowed(start, sign):
        return False
    edges = [p for p in hidden if p != start]
    seen_rows, seen_columns = set(), {start[1]}
    frontier = [start[1]]
    while frontier:  # from columns to rows (step -sign), then rows to columns (step +sign)
        rows = {i for (i, j) in edges if j in frontier and i not in seen_rows and allowed((i, j), -sign)}
        if start[0] in rows:
            return True
        seen_rows |= rows
        frontier = [j for (i, j) in edges if i in rows and j not in seen_columns and allowed((i, j), sign)]
        seen_columns |= set(frontier)
    return False


def _partner_for(pinned: Position, hidden: set[Position], grid, r: int, c: int) -> Position:
    """The smallest shown entry in the pinned entry's row or column (a cell before a total)."""
    candidates = [p for p in grid if p not in hidden and (p[0] == pinned[0] or p[1] == pinned[1])]
    if not candidates:
        candidates = [p for p in grid if p not in hidden]
    return min(candidates, key=lambda p: (p[0] == r or p[1] == c, grid[p], p))


def _next_to_hide(entries: Iterable[Position], total: Position, hidden: set[Position], grid) -> Position:
    """The smallest shown cell of the line; its total when no cell is left."""
    candidates = [p for p in entries if p not in hidden]
    if not candidates:
        return total
    return min(candidates, key=lambda p: (grid[p], p))
