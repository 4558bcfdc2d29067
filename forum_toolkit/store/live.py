"""The forum's shared state: pacing, the open page or question, revealed results, the projector's
second language; and the session's version, which every change moves on.

Each change is a row appended to `forum_events`; the latest row per (kind, subject) holds. Nothing
lives in a process's memory, so every Voilà process (and machine) serving the forum reads the same
state. `Store` checks the request against the consultation and owns the transaction; these
functions are its statements.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, insert, select

from forum_toolkit.consultation.model import Consultation, Kind
from forum_toolkit.store import queries
from forum_toolkit.store.errors import InvalidRequest
from forum_toolkit.store.records import PACINGS, ROTATE, ForumState, Version
from forum_toolkit.store.tables import (
    contributions,
    forum_events,
    moderation_decisions,
    reactions,
    session_states,
    sessions,
    submissions,
    utc_now,
)

DEFAULTS: dict[str, Any] = {"pacing": "self_paced", "open": None, "second_language": None}

# The tables whose rows are facts about a session, in the order of Version's fields.
VERSIONED = (submissions, session_states, forum_events, contributions, moderation_decisions, reactions)


def version_statement(session_id: str):
    """One row: whether the session exists, then its Version (counts, never ids: on PostgreSQL a
    row with a lower id can commit after one with a higher id)."""
    exists = select(func.count()).select_from(sessions).where(sessions.c.id == session_id).scalar_subquery()
    counts = [select(func.count()).select_from(table).where(table.c.session_id == session_id).scalar_subquery() for table in VERSIONED]
    return select(exists, *counts)


def read_version(connection: Connection, session_id: str) -> Version | None:
    """The session's version, or None when there is no such session."""
    exists, *counts = connection.execute(version_statement(session_id)).one()
    return Version(*counts) if exists else None


def lock_for_change(connection: Connection, session_id: str) -> bool:
    """PostgreSQL: changes of a session's forum state or moderation take turns (FOR NO KEY UPDATE,
    which ballots' FOR KEY SHARE does not wait for). False when there is no such session."""
    statement = select(sessions.c.id).where(sessions.c.id == session_id)
    if connection.dialect.name != "sqlite":
        statement = statement.with_for_update(key_share=True)
    return connection.execute(statement).first() is not None


def latest_values(connection: Connection, session_id: str) -> dict[tuple[str, str], Any]:
    """The latest value per (kind, subject), and the moment of the latest event under key None."""
    statement = select(forum_events.c.kind, forum_events.c.subject, forum_events.c.value, forum_events.c.at)
    values: dict[Any, Any] = {}
    for row in connection.execute(statement.where(forum_events.c.session_id == session_id).order_by(forum_events.c.id)):
        values[(row.kind, row.subject)] = json.loads(row.value)
        values[None] = row.at
    return values


def forum_state(connection: Connection, session_id: str, consultation: Consultation) -> ForumState:
    values = latest_values(connection, session_id)
    opened = values.get(("open", ""), DEFAULTS["open"]) or {}
    revealed = tuple(q.id for q in consultation.questions if values.get(("reveal", q.id)) is True)
    return ForumState(
        session_id=session_id,
        state=queries.current_state(connection, session_id),
        pacing=values.get(("pacing", ""), DEFAULTS["pacing"]),
        open_page=opened.get("page"),
        open_question=opened.get("question"),
        revealed=revealed,
        second_language=values.get(("second_language", ""), DEFAULTS["second_language"]),
        changed_at=values.get(None),
        phone_link_shown=values.get(("phone_link", ""), False) is True,
    )


def change(connection: Connection, session_id: str, kind: str, subject: str, value: Any) -> bool:
    """Append the event unless the value holds already; audit it. True when something changed."""
    values = latest_values(connection, session_id)
    default = DEFAULTS.get(kind, False)
    if values.get((kind, subject), default) == value:
        return False
    at = utc_now()
    connection.execute(insert(forum_events).values(session_id=session_id, kind=kind, subject=subject, value=queries.to_json(value), at=at))
    queries.add_audit(connection, session_id, "forum_changed", {"kind": kind, "subject": subject, "value": value})
    return True


def answer_rows(connection: Connection, session_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(language, channel, answers) of every stored submission of the session, oldest first."""
    statement = select(submissions.c.language, submissions.c.channel, submissions.c.answers).where(submissions.c.session_id == session_id)
    return [(row.language, row.channel, json.loads(row.answers)) for row in connection.execute(statement.order_by(submissions.c.id))]


# Checking a request against the consultation, before any transaction.


def check_pacing(pacing: str) -> str:
    if pacing not in PACINGS:
        raise InvalidRequest(f"pacing {pacing!r}: expected one of {', '.join(PACINGS)}")
    return pacing


def check_question(consultation: Consultation, session_id: str, question_id: str, *, results: bool = False):
    try:
        question = consultation.question(question_id)
    except KeyError:
        raise InvalidRequest(f"session {session_id!r}: consultation {consultation.id!r} has no question {question_id!r}") from None
    if results and question.kind is Kind.INFO:
        raise InvalidRequest(f"session {session_id!r}: question {question_id!r} is information only and has no results")
    return question


def check_page(consultation: Consultation, session_id: str, page_id: str) -> str:
    if page_id not in {page.id for page in consultation.pages}:
        raise InvalidRequest(f"session {session_id!r}: consultation {consultation.id!r} has no page {page_id!r}")
    return page_id


def check_second_language(consultation: Consultation, session_id: str, language: str | None) -> str | None:
    if language is None or language == ROTATE or language in consultation.language_codes:
        return language
    codes = ", ".join(consultation.language_codes)
    raise InvalidRequest(f"session {session_id!r}: second language {language!r}: expected one of {codes}, {ROTATE!r} or None")
