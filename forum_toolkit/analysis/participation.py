"""Who took part: ballots per session, language, channel and self-described group, over an evening,
how far people got through the questions, and how the participants compare with the town.

Every function takes `Answers` (see frames.py) and returns a DataFrame of counts for researchers;
`forum_toolkit.analysis.publish` turns them into tables fit for publication.
"""

from __future__ import annotations

import pandas as pd

from forum_toolkit.analysis.errors import UnknownQuestion
from forum_toolkit.analysis.frames import Answers
from forum_toolkit.analysis.population import Population
from forum_toolkit.consultation.languages import KNOWN

META = ("session_id", "language", "channel")


def submissions_by(answers: Answers, column: str) -> pd.DataFrame:
    """Ballots per value of `column`: session_id, language, channel, or a group question's id.

    Columns: the value, `label` (its name: a language in its own name, an option in the chosen
    language; "" for no answer), `submissions`, `share` of all ballots. Group questions list every
    option in the consultation's order (0 where nobody chose it), then people who did not answer.
    """
    wide = answers.wide
    if column not in META and column not in answers.groups:
        raise UnknownQuestion(column, (*META, *answers.groups), what="column")
    counts = wide[column].astype("string").fillna("").value_counts()
    if column in answers.groups:
        labels = answers.labels(column)
        order = [*labels, *(["" ] if counts.get("", 0) else [])]
    else:
        labels = _names(column, answers)
        order = list(counts.index)  # largest first
    frame = pd.DataFrame({column: order})
    frame["label"] = [labels.get(value, value) for value in order]
    frame["submissions"] = [int(counts.get(value, 0)) for value in order]
    frame["share"] = frame["submissions"] / max(len(wide), 1)
    return frame.astype({column: "string", "label": "string"})


def over_time(answers: Answers, minutes: int = 15, timezone: str | None = None) -> pd.DataFrame:
    """Ballots per `minutes`-long interval of each session: session_id, start, submissions, so_far.

    Times are UTC unless `timezone` (e.g. "Europe/Berlin") is given. Intervals without ballots
    between a session's first and last are listed with 0, so a chart shows the quiet times.
    """
    if minutes < 1:
        raise ValueError("minutes: expected 1 or more")
    times = answers.wide["submitted_at"]
    if timezone:
        times = times.dt.tz_convert(timezone)
    frame = pd.DataFrame({"session_id": answers.wide["session_id"], "start": times.dt.floor(f"{minutes}min")})
    parts = []
    for session, group in frame.groupby("session_id", sort=False):
        counts = group["start"].value_counts().sort_index()
        full = pd.date_range(counts.index.min(), counts.index.max(), freq=f"{minutes}min")
        counts = counts.reindex(full, fill_value=0)
        parts.append(pd.DataFrame({"session_id": session, "start": full, "submissions": counts.to_numpy()}))
    result = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["session_id", "start", "submissions"])
    result["so_far"] = result.groupby("session_id")["submissions"].cumsum()
    return result


def completion(answers: Answers) -> pd.DataFrame:
    """Per question that takes an answer, in the consultation's order: how many answered it, and how
    many stopped there.

    Columns: question_id, question (its text), kind, answered, answered_share (of all ballots),
    reached (ballots with an answer to this or a later question), stopped_here (ballots whose last
    answer is this one; not counted at the last question, where everybody stops), drop_out (stopped_here
    as a share of reached).
    """
    questions = [q for q in answers.consultation.questions if q.takes_answer]
    ids = [q.id for q in questions]
    wide = answers.wide[answers.wide["consultation_id"] == answers.consultation.id]
    answered_by_question = pd.DataFrame(
        {q: _answered(wide, q) for q in ids}, index=wide.index
    ).astype(bool)
    positions = answered_by_question.to_numpy()
    last = [max((i for i, done in enumerate(row) if done), default=-1) for row in positions]
    total = len(wide)
    rows = []
    for index, question in enumerate(questions):
        answered = int(positions[:, index].sum()) if total else 0
        reached = sum(1 for position in last if position >= index)
        stopped = sum(1 for position in last if position == index) if index < len(questions) - 1 else 0
        rows.append((question.id, answers.text(question.id), question.kind.value, answered, answered / total if total else 0.0,
                     reached, stopped, stopped / reached if reached else 0.0))
    return pd.DataFrame(rows, columns=["question_id", "question", "kind", "answered", "answered_share", "reached", "stopped_here", "drop_out"])


def compare_with_population(answers: Answers, population: Population, variable: str) -> pd.DataFrame:
    """Participants and residents per category of `variable` (a group question in both).

    Columns: category, label, participants, participants_share, residents, residents_share, ratio
    (participants_share / residents_share: 1 means as many as in the town, 0.5 half as many).
    Shares are of the participants who chose a category the population file has (not of those
    who said "no answer").
    """
    if variable not in answers.groups:
        raise UnknownQuestion(variable, answers.groups, what="group question")
    residents = population.of(variable)
    labels = answers.labels(variable)
    counts = answers.wide[variable].value_counts()
    participants = [int(counts.get(category, 0)) for category in residents]
    known = sum(participants)
    total = sum(residents.values())
    frame = pd.DataFrame({
        "category": list(residents),
        "label": [labels.get(category, category) for category in residents],
        "participants": participants,
        "participants_share": [p / known if known else 0.0 for p in participants],
        "residents": list(residents.values()),
        "residents_share": [r / total for r in residents.values()],
    })
    frame["ratio"] = frame["participants_share"] / frame["residents_share"].where(frame["residents_share"] > 0)
    return frame.astype({"category": "string", "label": "string"})


def _answered(wide: pd.DataFrame, question_id: str) -> pd.Series:
    columns = [c for c in wide.columns if c == question_id or c.startswith(f"{question_id}.")]
    return wide[columns].notna().any(axis=1)


def _names(column: str, answers: Answers) -> dict[str, str]:
    if column == "language":
        names = {lang.code: lang.name for c in answers.consultations.values() for lang in c.languages}
        return {code: names.get(code, KNOWN.get(code, (code,))[0]) for code in answers.wide["language"].unique()}
    return {}
