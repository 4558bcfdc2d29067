"""What people answered: distributions with Wilson intervals (weighted and unweighted) and Likert
summaries. Cross-tabs, agreement across groups and counting methods have modules of their own.

    distribution(answers, "feel_at_home")                        # one row per point of the scale
    distribution(answers, "feel_at_home", weights=raked.weights) # adds weighted shares
    likert(answers, "town_life", by="years_in_town")             # per row of the matrix and group

A distribution lists every option (or point, statement stance, matrix row and point) in the
consultation's order, with 0 where nobody chose it, so that tables and charts always have the same
rows. `share` is of the people who answered the question (for matrix rows and statements: who
answered that row or reacted to that statement); `low` and `high` are its Wilson score interval.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd

from forum_toolkit.analysis.errors import AnalysisError
from forum_toolkit.analysis.frames import Answers
from forum_toolkit.consultation.model import Kind, Question
from forum_toolkit.export.labels import STANCE_LABELS, label

# Kinds where each person gives at most one value per item, so the counts of an item add up to its
# respondents; in the others (several options each) they need not.
ONE_VALUE = (Kind.SINGLE_CHOICE, Kind.SCALE, Kind.NUMBER, Kind.MATRIX, Kind.STATEMENTS, Kind.RANKING)
SEVERAL_VALUES = (Kind.MULTIPLE_CHOICE, Kind.APPROVAL, Kind.DOTS)
FREE_TEXT = (Kind.SHORT_TEXT, Kind.LONG_TEXT, Kind.PROPOSAL)


def wilson(successes: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval for a proportion `successes / n` (Wilson 1927).

    Unlike the textbook p ± z·se it stays within 0..1 and is not empty at 0 or n: 0 of 20 gives
    (0, 0.161). `n` may be a weighted (effective) size, `successes` a weighted count. n = 0 gives
    (nan, nan).
    """
    if not 0 < confidence < 1:
        raise ValueError("confidence: expected a number between 0 and 1, such as 0.95")
    if n <= 0:
        return (math.nan, math.nan)
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def distribution(answers: Answers, question_id: str, *, weights: pd.Series | None = None, confidence: float = 0.95) -> pd.DataFrame:
    """Counts, shares and Wilson intervals of one question's answers (see the module's docstring).

    Columns: item, item_label (matrix rows, statements; "" otherwise), value, label, count,
    respondents, share, low, high; with `weights` (by submission_id, e.g. `rake(...).weights`) also
    weighted_count, weighted_respondents (the weights of those people added up), weighted_share,
    weighted_low, weighted_high, the intervals using Kish's effective sample size.
    Dots questions also have `dots`: the dots given to each option. Ranking questions count first
    places. Free text has no distribution.
    """
    question = answers.question(question_id)
    if question.kind in FREE_TEXT or question.kind is Kind.INFO:
        raise AnalysisError(f"question {question_id!r} is {question.kind.value}: it has no distribution of answers")
    long = answer_table(answers, question)
    w = None if weights is None else answers.weighted(weights).set_axis(answers.wide["submission_id"])
    rows = []
    for item, item_label in _items(answers, question):
        here = long[long["item"] == item]
        people = here["submission_id"].unique() if item else respondents_of(answers, question)
        respondents = len(people)
        for value, value_label in _values(answers, question, long):
            chosen = here.loc[here["value"] == value, "submission_id"].unique()
            count = len(chosen)
            low, high = wilson(count, respondents, confidence)
            row = {"item": item, "item_label": item_label, "value": value, "label": value_label, "count": count,
                   "respondents": respondents, "share": count / respondents if respondents else math.nan, "low": low, "high": high}
            if question.kind is Kind.DOTS:
                row["dots"] = int(here.loc[here["value"] == value, "dots"].sum())
            if w is not None:
                row.update(_weighted(w, people, chosen, confidence))
            rows.append(row)
    columns = ["item", "item_label", "value", "label", "count", "respondents", "share", "low", "high"]
    frame = pd.DataFrame(rows, columns=[*columns, *(k for k in (rows[0] if rows else {}) if k not in columns)])
    return frame.astype({c: "string" for c in ("item", "item_label", "value", "label")})


def likert(answers: Answers, question_id: str, *, by: str | None = None) -> pd.DataFrame:
    """For a scale or matrix: per item (matrix row; "" for a scale) and group, the number who
    answered, the mean and median point, and the shares below, at and above the middle of the scale.

    Columns: item, item_label, [by, group_label], n, mean, median, negative, middle, positive.
    """
    question = answers.question(question_id)
    if question.kind not in (Kind.SCALE, Kind.MATRIX):
        raise AnalysisError(f"question {question_id!r} is {question.kind.value}: Likert summaries are for scale and matrix questions")
    points = [p.value for p in question.points]
    middle = (min(points) + max(points)) / 2
    long = answer_table(answers, question)
    long["point"] = pd.to_numeric(long["value"])
    groups = [("", "")]
    if by is not None:
        long = _with_group(answers, long, by)
        groups = list(answers.labels(by).items())
    rows = []
    for item, item_label in _items(answers, question):
        for group, group_label in groups:
            here = long[long["item"] == item]
            if by is not None:
                here = here[here[by] == group]
            values = here["point"].to_numpy(dtype=float)
            n = len(values)
            row = {"item": item, "item_label": item_label}
            if by is not None:
                row.update({by: group, "group_label": group_label})
            row.update({
                "n": n,
                "mean": values.mean() if n else math.nan,
                "median": float(np.median(values)) if n else math.nan,
                "negative": (values < middle).mean() if n else math.nan,
                "middle": (values == middle).mean() if n else math.nan,
                "positive": (values > middle).mean() if n else math.nan,
            })
            rows.append(row)
    return pd.DataFrame(rows)


def answer_rows(answers: Answers, question: Question) -> np.ndarray:
    """The positions of the tidy rows of one question (of a ranking: its first places)."""
    rows = answers.rows_of(question.id)
    if question.kind is Kind.RANKING:
        rows = rows[(answers.tidy["rank"].take(rows) == 1).fillna(False).to_numpy(dtype=bool)]
    return rows


def answer_table(answers: Answers, question: Question) -> pd.DataFrame:
    """The tidy rows of one question as (submission_id, item, value, dots): one row per person and
    item. Options chosen (multiple choice, approval, dots) and first places (ranking) become
    values of the item ""."""
    tidy = answers.tidy.take(answer_rows(answers, question))
    kind = question.kind
    table = pd.DataFrame({
        "submission_id": tidy["submission_id"],
        "item": tidy["item"] if kind in (Kind.MATRIX, Kind.STATEMENTS) else "",
        "value": tidy["value"],
        "dots": tidy["dots"],
    })
    return table.astype({"item": "string", "value": "string"})


def respondents_of(answers: Answers, question: Question):
    """The submission ids that answered `question` (choosing nothing counts as an answer)."""
    return answers.wide["submission_id"].take(respondent_ballots(answers, question)).unique()


def respondent_ballots(answers: Answers, question: Question) -> np.ndarray:
    """The positions (wide rows) of the ballots that answered `question`."""
    wide = answers.wide
    columns = [c for c in wide.columns if c == question.id or c.startswith(f"{question.id}.")]
    return np.flatnonzero(wide[columns].notna().any(axis=1).to_numpy())


def _with_group(answers: Answers, long: pd.DataFrame, by: str) -> pd.DataFrame:
    if by not in answers.groups:
        from forum_toolkit.analysis.errors import UnknownQuestion  # noqa: PLC0415

        raise UnknownQuestion(by, answers.groups, what="group question")
    groups = answers.wide.set_index("submission_id")[by]
    long = long.copy()
    long[by] = long["submission_id"].map(groups).astype("string")
    return long


def _items(answers: Answers, question: Question) -> list[tuple[str, str]]:
    if question.kind is Kind.MATRIX:
        return [(row.id, answers.labels(question.id)[row.id]) for row in question.rows]
    if question.kind is Kind.STATEMENTS:
        return [(s.id, answers.labels(question.id)[s.id]) for s in question.statements]
    return [("", "")]


def _values(answers: Answers, question: Question, long: pd.DataFrame) -> list[tuple[str, str]]:
    if question.kind is Kind.STATEMENTS:
        fallbacks = answers.consultation.fallbacks()
        return [(stance, label(text, answers.language, fallbacks)) for stance, text in STANCE_LABELS.items()]
    if question.kind is Kind.NUMBER:
        values = sorted(long["value"].dropna().unique(), key=float)
        return [(v, v) for v in values]
    labels = answers.labels(question.id)
    if question.kind is Kind.MATRIX:
        return [(str(p.value), labels[str(p.value)]) for p in question.points]
    return list(labels.items())


def _weighted(w: pd.Series, people, chosen, confidence: float) -> dict[str, float]:
    among = w.reindex(people).to_numpy(dtype=float)
    total = among.sum()
    share = w.reindex(chosen).to_numpy(dtype=float).sum() / total if total else math.nan
    effective = total**2 / (among**2).sum() if total else 0.0
    low, high = wilson(share * effective, effective, confidence) if total else (math.nan, math.nan)
    return {"weighted_count": float(w.reindex(chosen).to_numpy(dtype=float).sum()), "weighted_respondents": float(total),
            "weighted_share": share, "weighted_low": low, "weighted_high": high}
