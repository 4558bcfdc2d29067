"""Stored answers to a question of a voting round as ballots to count (`voting.Profile`).

    ranking          ["p3", "p7", ...]     a Ranking: the proposals in that order; the rest after, level
    approval         ["p3", "p7"]          an Approval (multiple choice too)
    dots             {"p3": 2, "p7": 1}    Scores from 0 to the most dots one proposal can take
    matrix (grades)  {"p3": 2, "p7": 0}    Scores on the question's grade values

Only ballots that answered the question count; an empty answer counts as a ballot that supports
nobody. The candidates are the question's options in the file's order (for a round: the order in
which the proposals were submitted, which the tie-break `earliest` reads).
"""

from __future__ import annotations

from typing import Any, Iterable

from forum_toolkit.agenda.errors import AgendaError
from forum_toolkit.consultation.model import Consultation, Kind, Question
from forum_toolkit.voting import APPROVAL, RANKING, SCORES, Approval, Profile, Ranking, Scores

BALLOT_KINDS: dict[Kind, str] = {
    Kind.RANKING: RANKING,
    Kind.APPROVAL: APPROVAL,
    Kind.MULTIPLE_CHOICE: APPROVAL,
    Kind.DOTS: SCORES,
    Kind.MATRIX: SCORES,
}


def options_of(question: Question) -> tuple[str, ...]:
    return tuple(o.id for o in (question.rows if question.kind is Kind.MATRIX else question.options))


def countable_questions(consultation: Consultation, ballot_kind: str | None = None) -> tuple[Question, ...]:
    """The questions whose answers can be counted (of one ballot kind, when given)."""
    return tuple(
        q for q in consultation.questions if q.kind in BALLOT_KINDS and ballot_kind in (None, BALLOT_KINDS[q.kind])
    )


def choose_question(consultation: Consultation, session_id: str, question_id: str | None, ballot_kind: str) -> Question:
    """The question to count: the one named, else the only one whose ballots the method counts."""
    if question_id is not None:
        question = next((q for q in consultation.questions if q.id == question_id), None)
        if question is None:
            raise AgendaError(f"session {session_id!r} has no question {question_id!r}")
        if question.kind not in BALLOT_KINDS:
            raise AgendaError(f"question {question_id!r} is {question.kind.value}: only ranking, approval, multiple choice, dots and grades (matrix) questions are counted")
        return question
    fitting = countable_questions(consultation, ballot_kind)
    if len(fitting) == 1:
        return fitting[0]
    if not fitting:
        kinds = sorted({BALLOT_KINDS[q.kind] for q in countable_questions(consultation)})
        found = f"its questions give {', '.join(kinds)} ballots" if kinds else "it has no question to count"
        raise AgendaError(f"session {session_id!r}: the method counts {ballot_kind} ballots, but {found}")
    names = ", ".join(q.id for q in fitting)
    raise AgendaError(f"session {session_id!r} has {len(fitting)} questions to count with this method ({names}); choose one with --question")


def profile_of(question: Question, answers: Iterable[dict[str, Any]]) -> Profile:
    """The ballots of `question` in the stored answers (one dict per submission)."""
    if question.kind not in BALLOT_KINDS:
        raise AgendaError(f"question {question.id!r} is {question.kind.value} and cannot be counted")
    options = options_of(question)
    ballots = []
    for submission in answers:
        if question.id not in submission:
            continue
        value = submission[question.id]
        if question.kind is Kind.RANKING:
            ballots.append(Ranking.of(*value))
        elif question.kind in (Kind.APPROVAL, Kind.MULTIPLE_CHOICE):
            ballots.append(Approval.of(*value))
        else:
            ballots.append(Scores.of({option: int(number) for option, number in value.items()}))
    scale = None
    if question.kind is Kind.DOTS:
        scale = (0, min(question.max_per_option, question.budget))
    elif question.kind is Kind.MATRIX:
        scale = (min(p.value for p in question.points), max(p.value for p in question.points))
    profile = Profile.build(options, ballots, scale=scale)
    if not ballots:  # Profile.build would say "ranking" for no ballots at all
        profile = Profile(options, BALLOT_KINDS[question.kind], (), (), scale)
    return profile
