"""Sessions from the store as pandas frames: one row per answer (tidy) and one row per ballot (wide).

    from forum_toolkit.analysis import load_answers
    answers = load_answers("sqlite:///data/demo.sqlite3", ["forum-2026-11-12"], language="ar")
    answers.tidy      # one row per answer element, labels in Arabic
    answers.wide      # one row per ballot
    answers.groups    # ("age_group", "years_in_town", ...): the questions where people described themselves

The tidy frame is the export's (`forum_toolkit.export.tidy_answers`: submission_id, session_id,
language, channel, submitted_at, page_id, question_id, kind, item, value, value_label, rank, dots)
plus `consultation_id`, `question_text` and `item_label` (the option, row or statement an element is
about, in the chosen language), and one column per self-described group question holding the code
the participant chose there (`age_group`: "age_18_29"), so every answer can be grouped by who gave
it. The wide frame is the export's with `consultation_id` added.

`language` is the language of the labels; `language` *in the frames* is the one each participant
used. Labels that had to fall back to another language show it: ``[de] unter 18 Jahre``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from forum_toolkit.analysis.columnar import paused_gc, session_frames, tidy_frame
from forum_toolkit.analysis.errors import AnalysisError, UnknownLanguage, UnknownQuestion
from forum_toolkit.consultation.model import Consultation, Question
from forum_toolkit.export.labels import label


@dataclass(frozen=True)
class Answers:
    """The answers of one or more sessions, as frames, with the consultations they answered."""

    tidy: pd.DataFrame = field(repr=False)
    wide: pd.DataFrame = field(repr=False)
    consultations: Mapping[str, Consultation] = field(repr=False)  # by session id
    language: str
    sessions: tuple[str, ...]
    groups: tuple[str, ...]  # the self-described group questions, in the consultation's order

    @property
    def consultation(self) -> Consultation:
        """The consultation of the first session (every session of a forum runs the same one)."""
        return self.consultations[self.sessions[0]]

    @property
    def submissions(self) -> int:
        return len(self.wide)

    def question(self, question_id: str) -> Question:
        """The question with this id, from the first session whose consultation has it."""
        for session in self.sessions:
            consultation = self.consultations[session]
            if any(q.id == question_id for q in consultation.questions):
                return consultation.question(question_id)
        known = tuple(dict.fromkeys(q.id for c in self.consultations.values() for q in c.questions if q.takes_answer))
        raise UnknownQuestion(question_id, known)

    def text(self, question_id: str) -> str:
        """The question's text in the chosen language."""
        return label(self.question(question_id).text, self.language, self.consultation.fallbacks())

    def labels(self, question_id: str) -> dict[str, str]:
        """Code -> label in the chosen language: options, points, rows or statements of a question."""
        question = self.question(question_id)
        fallbacks = self.consultation.fallbacks()
        found: dict[str, str] = {}
        for attribute in ("options", "rows", "statements", "categories"):
            for option in getattr(question, attribute, ()):
                found[option.id] = label(option.label, self.language, fallbacks)
        for point in getattr(question, "points", ()):
            found[str(point.value)] = label(point.label, self.language, fallbacks)
        return found

    def weighted(self, weights: pd.Series) -> pd.Series:
        """`weights` (indexed by submission_id) in the wide frame's row order; 1.0 where missing."""
        return self.wide["submission_id"].map(weights).fillna(1.0).astype(float).set_axis(self.wide.index)

    # Positions for vectorised counting (computed once, on first use; the frames are never changed)

    def rows_of(self, question_id: str) -> np.ndarray:
        """The tidy frame's row positions of one question's answers, in order."""
        return self._question_rows.get(question_id, np.empty(0, dtype=np.intp))

    @cached_property
    def ballot_of_row(self) -> np.ndarray:
        """For each tidy row, the position of its ballot in the wide frame."""
        return pd.Index(self.wide["submission_id"]).get_indexer(self.tidy["submission_id"])

    def group_of_ballot(self, by: str) -> np.ndarray:
        """For each ballot (wide row), the position of its answer to the group question `by` among
        `labels(by)`; -1 for no answer. Raises UnknownQuestion unless `by` is a group question."""
        if by not in self.groups:
            raise UnknownQuestion(by, self.groups, what="group question")
        if by not in self._group_positions:
            self._group_positions[by] = positions_in(self.wide[by], list(self.labels(by)))
        return self._group_positions[by]

    @cached_property
    def _question_rows(self) -> dict[str, np.ndarray]:
        return {str(k): v for k, v in self.tidy.groupby("question_id", sort=False, observed=True).indices.items()}

    @cached_property
    def _group_positions(self) -> dict[str, np.ndarray]:
        return {}


def positions_in(values: pd.Series | pd.Categorical, wanted: list[str]) -> np.ndarray:
    """For each value, its position in `wanted`; -1 for a missing value or one not wanted."""
    codes, uniques = pd.factorize(values)
    lookup = {value: number for number, value in enumerate(wanted)}
    table = np.array([lookup.get(u, -1) for u in uniques] + [-1], dtype=np.intp)
    return table[codes]  # (code -1, a missing value, takes the last entry: -1)


def load_answers(store: Any, sessions: Iterable[str] | str | None = None, language: str = "de") -> Answers:
    """The answers of `sessions` (all sessions when None) from `store` (a Store or its URL).

    Raises UnknownSession for a session the store does not hold, and UnknownLanguage for a
    language none of the sessions' consultations offers.
    """
    if isinstance(store, str):
        from forum_toolkit.store import open_store  # noqa: PLC0415 (a URL is a convenience for notebooks)

        store = open_store(store)
    if isinstance(sessions, str):
        sessions = [sessions]
    chosen = tuple(sessions) if sessions is not None else tuple(s.id for s in store.sessions())
    if not chosen:
        raise AnalysisError("no sessions to analyse: the store holds none, or none were named")
    consultations = {session: store.consultation(session) for session in chosen}
    offered = tuple(dict.fromkeys(code for c in consultations.values() for code in c.language_codes))
    if language not in offered:
        raise UnknownLanguage(language, offered)
    with paused_gc():
        return answers_from(consultations, {session: store.submissions(session) for session in chosen}, language)


def answers_from(consultations: Mapping[str, Consultation], submissions: Mapping[str, Iterable[Any]], language: str = "de") -> Answers:
    """`Answers` from consultations and submissions (StoredSubmission records or dicts) per session.

    The frames are built column by column (see columnar.py): the same values as the export's
    row-by-row tables, with the tidy frame's repeated texts as categoricals.
    """
    sessions, groups, offset = [], [], 0
    for session, consultation in consultations.items():
        with paused_gc():
            built = session_frames(consultation, list(submissions[session]), language, offset)
        built.wide.insert(1, "consultation_id", consultation.id)
        groups.extend(q.id for q in consultation.questions if q.describes_participant and q.takes_answer)
        sessions.append(built)
        offset += len(built.wide)
    groups = list(dict.fromkeys(groups))
    wide = pd.concat([s.wide for s in sessions], ignore_index=True)
    wide["consultation_id"] = wide["consultation_id"].astype("string")
    with paused_gc():
        tidy = tidy_frame(sessions, wide, groups, language)
    return Answers(tidy, wide, dict(consultations), language, tuple(consultations), tuple(groups))
