"""Storing one ballot: every check that needs no database first, then one short transaction.

`prepare_ballot` refuses what is wrong on its face (channel, language, code missing, answers that do
not fit the consultation) without touching the database. `store_ballot` runs inside the write
transaction: it inserts the submission if the session is open and the id is new, answers a retry
(the id stored already) with the earlier receipt, and uses up the ballot code. Any refusal there
rolls the whole transaction back, so a refused ballot leaves its code unused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Row, bindparam, case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from forum_toolkit.consultation.answers import AnswerProblem, check_answers
from forum_toolkit.consultation.model import Access, Consultation
from forum_toolkit.store import queries
from forum_toolkit.store.codes import hash_code, normalize_code
from forum_toolkit.store.errors import InvalidRequest, SubmissionRefused
from forum_toolkit.store.records import CHANNELS, Receipt
from forum_toolkit.store.tables import ballot_codes, session_states, sessions, submissions, utc_now


@dataclass(frozen=True)
class Ballot:
    """A submission that passed every check that needs no database."""

    session_id: str
    submission_id: str
    language: str
    channel: str
    answers: str  # canonical JSON
    code: str | None  # normalized; None when the consultation is open to all
    submitted_at: datetime | None  # None: now, when it is stored


def prepare_ballot(
    consultation: Consultation,
    session_id: str,
    answers: Any,
    *,
    language: str,
    channel: str,
    submission_id: str,
    code: str | None,
    submitted_at: datetime | None = None,
) -> Ballot:
    """The ballot to store, or SubmissionRefused saying why not."""
    canonical_id = _canonical_uuid(submission_id)
    if canonical_id is None:
        raise SubmissionRefused("bad_submission_id")
    if channel not in CHANNELS:
        raise SubmissionRefused("bad_channel")
    if language not in consultation.language_codes:
        raise SubmissionRefused("unknown_language")
    uses_codes = consultation.access is Access.CODES
    if uses_codes and not code:
        raise SubmissionRefused("code_required")
    if not uses_codes and code is not None:
        raise SubmissionRefused("code_not_expected")
    problems = check_answers(consultation, answers)
    if problems:
        raise SubmissionRefused("invalid_answers", problems)
    normalized = normalize_code(code) if uses_codes else None
    if uses_codes and normalized is None:
        raise SubmissionRefused("code_unknown")  # cannot be a code: nobody was ever given it
    if submitted_at is not None and submitted_at.tzinfo is None:
        raise InvalidRequest(f"submitted_at {submitted_at!r}: expected a timezone-aware datetime")
    return Ballot(session_id, canonical_id, language, channel, queries.to_json(answers), normalized, submitted_at)


def store_ballot(connection: Connection, ballot: Ballot, code_salt: str) -> Receipt:
    """Store `ballot` in the transaction of `connection`; raises SubmissionRefused to roll it back."""
    if connection.dialect.name != "sqlite":
        queries.lock_session(connection, ballot.session_id, exclusive=False)
    submitted_at = ballot.submitted_at or utc_now()
    row = {
        "submission_id": ballot.submission_id,
        "session_id": ballot.session_id,
        "language": ballot.language,
        "channel": ballot.channel,
        "submitted_at": submitted_at,
        "answers": ballot.answers,
    }
    if connection.execute(_insert_if_open(connection.dialect.name), row).first() is None:
        earlier = _stored_as(connection, ballot.submission_id)
        if earlier is None:
            raise SubmissionRefused("session_not_open")
        return _retry_receipt(earlier, ballot)
    if ballot.code is not None and not _use_code(connection, ballot.session_id, hash_code(code_salt, ballot.code)):
        raise SubmissionRefused(code_refusal(connection, ballot.session_id, ballot.code))
    return Receipt(ballot.submission_id, ballot.session_id, True, submitted_at)


@cache
def _insert_if_open(dialect_name: str):
    """INSERT the submission if its session is open and its id is new; RETURNING a row if it did.

    One statement, so the writers' turn on SQLite stays short: the state check runs inside it.
    """
    columns = ("submission_id", "session_id", "language", "channel", "submitted_at", "answers")
    latest_state = (
        select(session_states.c.state)
        .where(session_states.c.session_id == bindparam("session_id"))
        .order_by(session_states.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    values = select(*(bindparam(name, type_=submissions.c[name].type) for name in columns)).where(latest_state == "open")
    insert = (sqlite if dialect_name == "sqlite" else postgresql).insert
    return (
        insert(submissions)
        .from_select(columns, values)
        .on_conflict_do_nothing(index_elements=["submission_id"])
        .returning(submissions.c.id)
    )


def _stored_as(connection: Connection, submission_id: str) -> Row | None:
    columns = submissions.c
    statement = select(columns.session_id, columns.language, columns.channel, columns.answers, columns.submitted_at)
    return connection.execute(statement.where(columns.submission_id == submission_id)).first()


def _retry_receipt(earlier: Row, ballot: Ballot) -> Receipt:
    """A retry: the ballot is stored already. Its code was used then, so it is not checked again.

    A client that reuses an id for a different ballot has a bug that would lose that ballot: refused.
    """
    if (earlier.session_id, earlier.language, earlier.channel, earlier.answers) != (
        ballot.session_id,
        ballot.language,
        ballot.channel,
        ballot.answers,
    ):
        raise SubmissionRefused("submission_id_reused")
    return Receipt(ballot.submission_id, ballot.session_id, False, earlier.submitted_at)


def _use_code(connection: Connection, session_id: str, code_hash: str) -> bool:
    """Mark the code used if it belongs to the session and is unused; False otherwise."""
    statement = (
        update(ballot_codes)
        .where(ballot_codes.c.code_hash == code_hash, ballot_codes.c.session_id == session_id, ballot_codes.c.used.is_(False))
        .values(used=True)
    )
    return connection.execute(statement).rowcount == 1


def code_problem(connection: Connection, session_id: str, code_salt: str, code: str) -> str | None:
    """None when the normalized `code` is an unused code of the session, else why not."""
    statement = select(ballot_codes.c.used).where(
        ballot_codes.c.code_hash == hash_code(code_salt, code), ballot_codes.c.session_id == session_id
    )
    used = connection.execute(statement).scalar_one_or_none()
    if used is False:
        return None
    return code_refusal(connection, session_id, code)


def code_refusal(connection: Connection, session_id: str, code: str) -> str:
    """Why a code was not accepted: used already, issued for another session, or never issued."""
    salts = dict(connection.execute(select(sessions.c.id, sessions.c.code_salt)).all())
    hashes = {hash_code(salt, code): owner for owner, salt in salts.items()}
    statement = select(ballot_codes.c.session_id).where(ballot_codes.c.code_hash.in_(hashes))
    owners = set(connection.execute(statement).scalars())
    if session_id in owners:
        return "code_used"
    return "code_other_session" if owners else "code_unknown"


def code_counts(connection: Connection, session_id: str) -> tuple[int, int]:
    """(issued, used) ballot codes of the session."""
    used = func.coalesce(func.sum(case((ballot_codes.c.used, 1), else_=0)), 0)
    statement = select(func.count(), used).where(ballot_codes.c.session_id == session_id)
    issued, used_count = connection.execute(statement).one()
    return int(issued), int(used_count)


def refusal_detail(refusal: SubmissionRefused, consultation: Consultation | None) -> dict[str, Any]:
    """What the audit log keeps of a refusal: the reason and problem codes, no participant text.

    A question id is kept only when it is one of the consultation's (a client can send any key).
    """
    known = {question.id for question in consultation.questions} if consultation else set()
    return {"reason": refusal.reason, "problems": [_problem_detail(problem, known) for problem in refusal.problems]}


def _problem_detail(problem: AnswerProblem, known: set[str]) -> dict[str, Any]:
    return {"question": problem.question if problem.question in known else None, "code": problem.code}


def _canonical_uuid(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None

