"""The columns of the wide export, one `Variable` each, and how a stored submission is read.

A variable is one column of `wide_answers` and one block of rows in the `codebook`: `<qid>` for a
question answered with one value, `<qid>.<part>` for one option, row, statement or proposal field.
Keeping the list here gives the wide frame and its codebook the same names in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from forum_toolkit.consultation.model import (
    Approval,
    Consultation,
    Dots,
    Matrix,
    MultipleChoice,
    Number,
    Proposal,
    Question,
    Ranking,
    Scale,
    Statements,
    Text,
)
from forum_toolkit.export.labels import PROPOSAL_PARTS

# Every export starts with these, in this order.
META_COLUMNS = ("submission_id", "session_id", "language", "channel", "submitted_at")


def read_submission(submission: Any) -> tuple[tuple[Any, ...], Mapping[str, Any]]:
    """The metadata (in META_COLUMNS order) and the answers of a stored submission.

    A submission is any object with these attributes (the store's `StoredSubmission`) or a dict
    with these keys, plus `answers`.
    """
    if isinstance(submission, Mapping):
        meta = tuple(submission[name] for name in META_COLUMNS)
        return meta, submission["answers"]
    return tuple(getattr(submission, name) for name in META_COLUMNS), submission.answers


@dataclass(frozen=True)
class Variable:
    """One wide column: the question, the part it is about (None: the whole answer) and its label."""

    name: str
    question: Question
    part: str | None = None
    part_label: Text | None = None

    @property
    def dtype(self) -> str:
        """The pandas dtype of the column: numbers are nullable integers or floats, codes are text."""
        if isinstance(self.question, Number):
            return "Int64" if self.question.integer else "Float64"
        if isinstance(self.question, (MultipleChoice, Approval, Ranking, Dots, Matrix, Scale)):
            return "Int64"
        return "string"

    def cell(self, answers: Mapping[str, Any]) -> Any:
        """This variable's value for one submission's answers; None when there is none."""
        answer = answers.get(self.question.id)
        if answer is None:
            return None
        if self.part is None:
            return answer
        if isinstance(self.question, (MultipleChoice, Approval)):
            return int(self.part in answer)
        if isinstance(self.question, Ranking):
            return answer.index(self.part) + 1 if self.part in answer else None
        if isinstance(self.question, Dots):
            return answer.get(self.part, 0)
        return answer.get(self.part)  # a matrix row, a statement or a proposal field


def variables(consultation: Consultation) -> tuple[Variable, ...]:
    """The wide columns of every question that takes an answer, in the consultation's order."""
    found: list[Variable] = []
    for question in consultation.questions:
        if not question.takes_answer:
            continue
        parts = _parts(question)
        if parts is None:
            found.append(Variable(question.id, question))
        else:
            found.extend(Variable(f"{question.id}.{part}", question, part, text) for part, text in parts)
    return tuple(found)


def _parts(question: Question) -> tuple[tuple[str, Text], ...] | None:
    if isinstance(question, (MultipleChoice, Approval, Ranking, Dots)):
        return tuple((o.id, o.label) for o in question.options)
    if isinstance(question, Matrix):
        return tuple((r.id, r.label) for r in question.rows)
    if isinstance(question, Statements):
        return tuple((s.id, s.label) for s in question.statements)
    if isinstance(question, Proposal):
        return tuple(PROPOSAL_PARTS.items())
    return None
