"""What the town agrees on across groups: for every statement (or option), the share in each group,
and a consensus score that is high only when every group agrees.

    agreement(answers, "town_statements", by="years_in_town")

For statements the share is of the people in the group who reacted to the statement (agree,
disagree or pass) who agreed; for multiple choice and approval, of the people in the group who
answered the question who chose the option.

The consensus score is the geometric mean over the groups of each group's agreement, each estimated
as (agree + 1) / (n + 2) (Laplace's rule, so that a group of 3 who all agree does not count as
certain). It is the normalised form of Pol.is's group-informed consensus: a product, so one group
that disagrees pulls it down however large the others are; the geometric mean keeps it on the 0..1
scale of a share, whatever the number of groups. `lowest` is the smallest group share.

Groups with fewer than `min_group` people (default 5) answering are left out of the score (their
shares say little and would single people out); a group that did not answer at all, too.
"""

from __future__ import annotations

import math

import pandas as pd

from forum_toolkit.analysis.errors import AnalysisError
from forum_toolkit.analysis.frames import Answers
from forum_toolkit.analysis.results import _with_group, answer_table, respondents_of
from forum_toolkit.consultation.model import Kind


def agreement(answers: Answers, question_id: str, by: str, *, min_group: int = 5) -> pd.DataFrame:
    """One row per statement or option: item, label, then per group `<group>: n` and `<group>: share`
    (in the group question's order), then groups (how many entered the score), consensus, lowest;
    sorted by consensus, highest first."""
    question = answers.question(question_id)
    table = agreement_counts(answers, question_id, by)
    groups = answers.labels(by)
    rows = []
    for item, item_label in _items_of(answers, question):
        row: dict = {"item": item, "label": item_label}
        smoothed, shares = [], []
        for group in groups:
            agreed, n = table.loc[(item, group), ["agree", "n"]] if (item, group) in table.index else (0, 0)
            row[f"{group}: n"] = int(n)
            row[f"{group}: share"] = agreed / n if n else math.nan
            if n >= min_group:
                smoothed.append((agreed + 1) / (n + 2))
                shares.append(agreed / n)
        row["groups"] = len(smoothed)
        row["consensus"] = math.exp(sum(math.log(s) for s in smoothed) / len(smoothed)) if smoothed else math.nan
        row["lowest"] = min(shares) if shares else math.nan
        rows.append(row)
    return pd.DataFrame(rows).sort_values("consensus", ascending=False, kind="stable", na_position="last").reset_index(drop=True)


def agreement_counts(answers: Answers, question_id: str, by: str) -> pd.DataFrame:
    """Per (item, group): `agree` (agreed, or chose the option) and `n` (reacted, or answered)."""
    question = answers.question(question_id)
    if question.kind not in (Kind.STATEMENTS, Kind.MULTIPLE_CHOICE, Kind.APPROVAL):
        raise AnalysisError(
            f"question {question_id!r} is {question.kind.value}: agreement is for statements, multiple choice and approval questions"
        )
    long = _with_group(answers, answer_table(answers, question), by).dropna(subset=[by])
    if question.kind is Kind.STATEMENTS:
        n = long.groupby(["item", by]).submission_id.nunique()
        agree = long[long["value"] == "agree"].groupby(["item", by]).submission_id.nunique()
    else:
        people = _with_group(answers, pd.DataFrame({"submission_id": respondents_of(answers, question)}), by).dropna(subset=[by])
        per_group = people.groupby(by).submission_id.nunique()
        agree = long.groupby(["value", by]).submission_id.nunique().rename_axis(["item", by])
        index = pd.MultiIndex.from_product([[o.id for o in question.options], per_group.index], names=["item", by])
        n = pd.Series([per_group[g] for _, g in index], index=index)
    frame = pd.DataFrame({"agree": agree, "n": n}).fillna(0).astype(int)
    return frame


def _items_of(answers: Answers, question) -> list[tuple[str, str]]:
    labels = answers.labels(question.id)
    options = question.statements if question.kind is Kind.STATEMENTS else question.options
    return [(o.id, labels[o.id]) for o in options]
