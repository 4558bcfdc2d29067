"""Tables fit for publication: every count goes through the one suppression policy
(`forum_toolkit.privacy.SuppressionPolicy`), and free text never becomes a table.

    policy = SuppressionPolicy(threshold=5)
    published_distribution(answers, "feel_at_home", policy)      # one table per item
    published_crosstab(crosstab(answers, "feel_at_home", "age_group"), policy)
    published_counts(submissions_by(answers, "language"), "submissions", policy)
    published_agreement(answers, "town_statements", "years_in_town", policy)

Each returns `Published`: the SuppressedTable (hidden entries None, and why), and `frame`, a
DataFrame of text for a report or a notebook, hidden cells shown as "×".

Weighted tables: `published_distribution(..., weights=raked.weights)` and the cross-tab of
`crosstab(..., weights=raked.weights)` show weighted numbers (one decimal) and weighted shares.
What is hidden is decided on the people counted, never on their weights
(`forum_toolkit.privacy.weighted_table`): `table` stays the counted table that decided, and
`weighted` holds the weighted numbers shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from forum_toolkit.analysis.agreement import agreement_counts
from forum_toolkit.analysis.crosstabs import CrossTab
from forum_toolkit.analysis.frames import Answers
from forum_toolkit.analysis.results import SEVERAL_VALUES, distribution
from forum_toolkit.consultation.model import Kind
from forum_toolkit.analysis.errors import AnalysisError
from forum_toolkit.privacy import HIDDEN, SuppressedTable, SuppressionPolicy, WeightedTable, check_publishable, weighted_counts, weighted_table


@dataclass(frozen=True)
class Published:
    title: str
    table: SuppressedTable
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    frame: pd.DataFrame = field(repr=False)
    weighted: WeightedTable | None = field(default=None, repr=False)  # the weighted numbers shown, if weighted


def published_counts(frame: pd.DataFrame, count_column: str, policy: SuppressionPolicy, *, label_column: str = "label", title: str = "", total: int | None = None) -> Published:
    """One row of counts (e.g. `submissions_by(...)`): label, count and share of the total."""
    labels = [str(v) for v in frame[label_column]]
    table = policy.counts([int(v) for v in frame[count_column]], labels, total=total)
    return _one_row(title, table, labels)


def published_distribution(answers: Answers, question_id: str, policy: SuppressionPolicy, *, weights: pd.Series | None = None) -> list[Published]:
    """A question's answers as published tables: one for the question, or one per matrix row or
    statement. Raises FreeTextNotPublished for free-text questions.

    With `weights` (by submission_id) the tables show weighted numbers where the counts allow (see
    the module's docstring); dots are not weighted."""
    question = answers.question(question_id)
    check_publishable(question_id, question.kind.value)
    if weights is not None and question.kind is Kind.DOTS:
        raise AnalysisError(f"question {question_id!r} is dots: its dots are published as given, not weighted; leave weights out")
    found = distribution(answers, question_id, weights=weights)
    several = question.kind in SEVERAL_VALUES
    tables = []
    for item, rows in found.groupby("item", sort=False):
        labels = [str(v) for v in rows["label"]]
        respondents = int(rows["respondents"].iloc[0])
        column = "dots" if question.kind is Kind.DOTS else "count"
        counts = [int(v) for v in rows["count"]]
        table = policy.counts(counts, labels, total=respondents if several else None)
        if question.kind is Kind.DOTS:  # the dots follow the people: hidden where their count is
            dots = [None if shown is None else int(d) for shown, d in zip(table.cells[0], rows[column])]
            table = _replace_cells(table, dots)
        title = str(rows["item_label"].iloc[0]) if item else answers.text(question_id)
        if weights is None:
            tables.append(_one_row(title, table, labels, of_total=question.kind is not Kind.DOTS))
            continue
        weighted_total = float(rows["weighted_respondents"].iloc[0])
        shown = weighted_counts(policy, counts, [float(v) for v in rows["weighted_count"]], labels,
                                total=respondents if several else None, weighted_total=weighted_total if several else None)
        tables.append(_one_row(title, shown.counts, labels, shown=shown))
    return tables


def published_crosstab(crosstab: CrossTab, policy: SuppressionPolicy, *, title: str = "") -> Published:
    """Groups × answers with their totals, suppressed; cells as "count (share of the group)".

    A cross-tab made with weights shows them ("12.5 (40%)", shares of the group's weight), hidden
    wherever its counts are."""
    counts = crosstab.counts
    row_labels = tuple(crosstab.group_labels[g] for g in counts.index)
    column_labels = tuple(crosstab.answer_labels[v] for v in counts.columns)
    row_totals = None if crosstab.additive else [int(v) for v in crosstab.respondents]
    weighted = None
    if crosstab.weighted is None:
        table = shown = policy.table(counts.to_numpy().tolist(), row_labels, column_labels, row_totals=row_totals)
    else:
        weighted_totals = None if crosstab.additive else [float(v) for v in crosstab.weighted_respondents]
        weighted = shown = weighted_table(policy, counts.to_numpy().tolist(), crosstab.weighted.to_numpy().tolist(), row_labels, column_labels,
                                          row_totals=row_totals, weighted_row_totals=weighted_totals)
        table = weighted.counts
    total_label = "n"
    data = {label: [_cell(shown.cells[i][j], shown.row_totals[i]) for i in range(len(row_labels))] for j, label in enumerate(column_labels)}
    data[total_label] = [_number(v) for v in shown.row_totals]
    frame = pd.DataFrame(data, index=list(row_labels))
    if shown.column_totals is not None:
        frame.loc["Σ"] = [*(_number(v) for v in shown.column_totals), _number(shown.total)]
    return Published(title, table, row_labels, column_labels, frame, weighted)


def published_agreement(answers: Answers, question_id: str, by: str, policy: SuppressionPolicy, *, min_group: int | None = None) -> Published:
    """Per statement or option: the agreeing share in each group, and the consensus score (see
    agreement.py) over the groups whose share is shown, with how many groups that is ("0.41 (4/6)"):
    computed from shown numbers only, so it gives nothing hidden away."""
    minimum = policy.threshold if min_group is None else max(min_group, policy.threshold)
    counts = agreement_counts(answers, question_id, by)
    question = answers.question(question_id)
    groups = answers.labels(by)
    labels = answers.labels(question_id)
    items = [o.id for o in (question.statements if question.kind is Kind.STATEMENTS else question.options)]
    rows, cells, totals = [], [], []
    for item in items:
        agreed = [int(counts.loc[(item, g), "agree"]) if (item, g) in counts.index else 0 for g in groups]
        n = [int(counts.loc[(item, g), "n"]) if (item, g) in counts.index else 0 for g in groups]
        table = policy.table([[a] for a in agreed], list(groups.values()), ["agree"], row_totals=n)
        shares, smoothed = [], []
        for i, _ in enumerate(groups):
            shown, total = table.cells[i][0], table.row_totals[i]
            shares.append(_percent(shown / total) if shown is not None and total else HIDDEN)
            if shown is not None and total is not None and total >= minimum:
                smoothed.append((shown + 1) / (total + 2))
        consensus = math.exp(sum(math.log(s) for s in smoothed) / len(smoothed)) if smoothed else None
        score = HIDDEN if consensus is None else f"{consensus:.2f} ({len(smoothed)}/{len(groups)})"
        rows.append([labels[item], *shares, score])
        cells.append(table.cells)
        totals.append(table.row_totals)
    frame = pd.DataFrame(rows, columns=["", *groups.values(), "consensus"])
    merged = SuppressedTable(tuple(labels[i] for i in items), tuple(groups.values()),
                             tuple(tuple(c[0] for c in item_cells) for item_cells in cells), tuple(None for _ in items),
                             None, None, policy.threshold, False, frozenset(), frozenset())
    return Published(answers.text(question_id), merged, tuple(labels[i] for i in items), tuple(groups.values()), frame)


def _one_row(title: str, table: SuppressedTable, labels: list[str], *, of_total: bool = True, shown: WeightedTable | None = None) -> Published:
    numbers = table if shown is None else shown
    total = numbers.total
    frame = pd.DataFrame({
        "": labels,
        "n": [_number(v) for v in numbers.cells[0]],
        "%": [_percent(v / total) if v is not None and total and of_total else ("" if not of_total and v is not None else HIDDEN) for v in numbers.cells[0]],
    })
    frame.loc[len(frame)] = ["Σ", _number(total), ""]
    return Published(title, table, tuple(labels), ("n",), frame, shown)


def _replace_cells(table: SuppressedTable, cells: list[int | None]) -> SuppressedTable:
    from dataclasses import replace  # noqa: PLC0415

    return replace(table, cells=(tuple(cells),), total=sum(c for c in cells if c is not None) if table.total is not None and all(c is not None for c in cells) else None)


def _cell(value: float | None, total: float | None) -> str:
    if value is None:
        return HIDDEN
    return f"{_number(value)} ({_percent(value / total)})" if total else _number(value)


def _number(value: float | None) -> str:
    """A count as it is, a weighted number with one decimal; × when hidden."""
    if value is None:
        return HIDDEN
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _percent(share: float) -> str:
    return f"{share:.0%}"
