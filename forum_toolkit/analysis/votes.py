"""Rankings, approval and dots counted with the project's counting methods (forum_toolkit.voting).

    profile(answers, "agenda_ranking")                    # a voting.Profile of the ballots
    count_question(answers, "agenda_ranking", "schulze")  # a voting.Result, with its steps
    compare_methods(answers, "agenda_ranking")            # every method for the ballot kind

A ranking question gives ranking ballots (options not ranked come last, tied), an approval or
multiple choice question approval ballots, a dots question score ballots (0 up to the most dots
allowed on one option). Only ballots that answered the question count.
"""

from __future__ import annotations

import pandas as pd

from forum_toolkit.analysis.errors import AnalysisError
from forum_toolkit.analysis.frames import Answers
from forum_toolkit.consultation.model import Kind
from forum_toolkit.voting import Approval, Profile, Ranking, Result, Scores, count, methods_for


def profile(answers: Answers, question_id: str) -> Profile:
    """The ballots of one ranking, approval, multiple choice or dots question as a Profile."""
    question = answers.question(question_id)
    options = [o.id for o in getattr(question, "options", ())]
    columns = [f"{question_id}.{o}" for o in options]
    if question.kind not in (Kind.RANKING, Kind.APPROVAL, Kind.MULTIPLE_CHOICE, Kind.DOTS):
        raise AnalysisError(f"question {question_id!r} is {question.kind.value}: only ranking, approval, multiple choice and dots questions are counted")
    wide = answers.wide
    wide = wide.loc[wide[columns].notna().any(axis=1), columns]
    ballots = []
    for row in wide.itertuples(index=False):
        values = dict(zip(options, row))
        if question.kind is Kind.RANKING:
            ranked = sorted((int(v), o) for o, v in values.items() if not pd.isna(v))
            ballots.append(Ranking.of(*(o for _, o in ranked)))
        elif question.kind is Kind.DOTS:
            ballots.append(Scores.of({o: int(v) for o, v in values.items() if not pd.isna(v)}))
        else:
            ballots.append(Approval.of(*(o for o, v in values.items() if v == 1)))
    scale = (0, question.max_per_option or question.budget) if question.kind is Kind.DOTS else None
    return Profile.build(options, ballots, scale=scale)


def count_question(answers: Answers, question_id: str, method: str, *, seats: int = 1) -> Result:
    """Count one question's ballots with a registered method (see docs/voting.md)."""
    return count(profile(answers, question_id), method, seats=seats)


def compare_methods(answers: Answers, question_id: str) -> pd.DataFrame:
    """Every method for the question's ballot kind: method, title, elected, order (labels in the
    chosen language; tied options joined by " = "), tied (the tie-break decided)."""
    ballots = profile(answers, question_id)
    labels = answers.labels(question_id)
    rows = []
    for method in methods_for(ballots.kind):
        result = count(ballots, method.name)
        order = " > ".join(" = ".join(labels[c] for c in group) for group in result.order) if result.order else ""
        rows.append((method.name, method.title, ", ".join(labels[c] for c in result.elected), order, result.tied))
    return pd.DataFrame(rows, columns=["method", "title", "elected", "order", "tied"])
