"""Cross-tabs: how the answers to one question differ between self-described groups, with a test.

    table = crosstab(answers, "feel_at_home", by="years_in_town")
    table.counts       # groups × answers, codes as index and columns
    table.labelled()   # the same with labels in the chosen language
    table.test, table.p_value, table.note

Which test (the note says it in words):

- **chi-square** (Pearson's, without continuity correction) when the table is large enough for it:
  every expected count at least 1 and at most a fifth of them under 5 (Cochran's rule);
- **Fisher's exact test** otherwise: exact for a 2 × 2 table; for larger tables the Freeman–Halton
  extension, its p-value estimated from 9,999 random tables with the observed totals (a fixed seed,
  so the same data give the same p-value);
- none when fewer than two groups or two answers have anybody in them.

Groups are the options of a group question; people who did not answer it are left out. For matrix
and statements questions name the row or statement (`item=`). For multiple choice and approval the
cells are "chose this option" and the test compares, option by option, is not done (test None).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forum_toolkit.analysis.errors import AnalysisError
from forum_toolkit.analysis.frames import Answers, positions_in
from forum_toolkit.analysis.results import FREE_TEXT, SEVERAL_VALUES, _values, answer_rows, respondent_ballots
from forum_toolkit.consultation.model import Kind

SEED = 2026


@dataclass(frozen=True)
class CrossTab:
    question_id: str
    by: str
    item: str
    counts: pd.DataFrame = field(repr=False)  # group codes × answer codes
    group_labels: dict = field(repr=False)
    answer_labels: dict = field(repr=False)
    respondents: pd.Series = field(repr=False)  # per group: who answered (the row totals)
    additive: bool  # False: several answers per person, rows do not add up to `respondents`
    test: str | None  # "chi-square", "fisher-exact" or None
    statistic: float | None
    dof: int | None
    p_value: float | None
    note: str
    weighted: pd.DataFrame | None = field(default=None, repr=False)  # with weights: their sums per cell
    weighted_respondents: pd.Series | None = field(default=None, repr=False)

    def labelled(self) -> pd.DataFrame:
        """The counts with group and answer labels in the chosen language."""
        return self.counts.rename(index=self.group_labels, columns=self.answer_labels)


def crosstab(answers: Answers, question_id: str, by: str, *, item: str = "", weights: pd.Series | None = None) -> CrossTab:
    """Counts of `question_id`'s answers per group of `by` (see the module's docstring).

    With `weights` (by submission_id, e.g. `rake(...).weights`; 1 where missing) the table also
    has `weighted` and `weighted_respondents`: the weights of the same people added up. The test
    is always on the counts."""
    question = answers.question(question_id)
    if question.kind in FREE_TEXT or question.kind is Kind.INFO:
        raise AnalysisError(f"question {question_id!r} is {question.kind.value}: free text is not cross-tabulated")
    if question.kind in (Kind.MATRIX, Kind.STATEMENTS):
        items = [o.id for o in (question.rows if question.kind is Kind.MATRIX else question.statements)]
        if item not in items:
            raise AnalysisError(f"question {question_id!r} is {question.kind.value}: name one of its items with item= ({', '.join(items)})")
    group_of_ballot = answers.group_of_ballot(by)
    groups = answers.labels(by)
    rows = answer_rows(answers, question)
    values = dict(_values(answers, question, pd.DataFrame({"value": answers.tidy["value"].take(rows).astype("string")})) if question.kind is Kind.NUMBER else _values(answers, question, None))
    if question.kind in (Kind.MATRIX, Kind.STATEMENTS):
        rows = rows[positions_in(answers.tidy["item"].take(rows), [item]) == 0]
    elif item:
        rows = rows[:0]  # (other kinds have no items)
    ballots = answers.ballot_of_row[rows]
    value = positions_in(answers.tidy["value"].take(rows), list(values))
    index, columns = pd.Index(list(groups), name=by), pd.Index(list(values), name=question_id)
    w = None if weights is None else answers.weighted(weights).to_numpy(dtype=float)
    counted = [_people(ballots[value >= 0], value[value >= 0], group_of_ballot, len(groups), len(values), weights) for weights in (None, w)]
    counts = pd.DataFrame(counted[0].astype(int), index=index, columns=columns)
    if not item:
        ballots = respondent_ballots(answers, question)
    asked = [_people(ballots, np.zeros(len(ballots), dtype=np.intp), group_of_ballot, len(groups), 1, weights)[:, 0] for weights in (None, w)]
    respondents = pd.Series(asked[0].astype(int), index=index, name="submission_id")
    additive = question.kind not in SEVERAL_VALUES
    test, statistic, dof, p_value, note = _test(counts) if additive else (None, None, None, None, "several answers per person: no test")
    weighted = None if w is None else pd.DataFrame(counted[1], index=index, columns=columns)
    weighted_respondents = None if w is None else pd.Series(asked[1], index=index, name="weight")
    return CrossTab(question_id, by, item, counts, groups, values, respondents, additive, test, statistic, dof, p_value, note, weighted, weighted_respondents)


def _people(ballots: np.ndarray, values: np.ndarray, group_of_ballot: np.ndarray, groups: int, columns: int, weights: np.ndarray | None) -> np.ndarray:
    """groups × columns: how many different ballots of each group gave each value (position), or
    with `weights` (one per ballot) their weights added up."""
    if columns == 0:
        return np.zeros((groups, 0))
    pairs = np.unique(ballots.astype(np.int64) * columns + values)
    group = group_of_ballot[pairs // columns]
    known = group >= 0
    ballot_weights = None if weights is None else weights[pairs[known] // columns]
    cells = np.bincount(group[known] * columns + pairs[known] % columns, weights=ballot_weights, minlength=groups * columns)
    return cells.reshape(groups, columns)


def _test(counts: pd.DataFrame):
    from scipy import stats  # noqa: PLC0415 (only cross-tabs need scipy)

    table = counts.to_numpy()
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if table.shape[0] < 2 or table.shape[1] < 2:
        return None, None, None, None, "fewer than two groups or answers with anybody in them: no test"
    expected = stats.contingency.expected_freq(table)
    dof = (table.shape[0] - 1) * (table.shape[1] - 1)
    if expected.min() >= 1 and (expected < 5).mean() <= 0.2:
        chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
        return "chi-square", float(chi2), int(dof), float(p), "chi-square test: large enough for it (every expected count ≥ 1, at most a fifth under 5)"
    if table.shape == (2, 2):
        _, p = stats.fisher_exact(table)
        return "fisher-exact", None, 1, float(p), "Fisher's exact test: too few people per cell for chi-square"
    method = stats.PermutationMethod(n_resamples=9999, rng=np.random.default_rng(SEED))
    result = stats.fisher_exact(table, method=method)
    return "fisher-exact", None, dof, float(result.pvalue), "Fisher's exact test (Freeman–Halton, p from 9,999 random tables): too few people per cell for chi-square"
