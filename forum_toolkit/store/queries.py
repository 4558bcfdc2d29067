"""The store's statements, each a small function over a connection; `Store` decides the transactions.

Kept apart from `Store` so that the transaction boundaries there stay readable.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from forum_toolkit.store.records import AuditEntry, SessionInfo, StoredSubmission
from forum_toolkit.store.tables import audit_log, consultation_snapshots, session_states, sessions, submissions, utc_now


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"cannot store {type(value).__name__} in JSON")


_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain)  # made once: it is on every ballot's path


def to_json(value: Any) -> str:
    """Canonical JSON: the same answers always give the same text (a retry is recognised by it)."""
    return _CANONICAL.encode(value)


def insert_ignoring_duplicate(connection: Connection, table, key: str, values: dict[str, Any]) -> bool:
    """INSERT ... ON CONFLICT (key) DO NOTHING; True when the row was inserted."""
    dialect = sqlite if connection.dialect.name == "sqlite" else postgresql
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing(index_elements=[key]).returning(table.c[key])
    return connection.execute(statement).first() is not None  # (rowcount is -1 with RETURNING on psycopg)


def add_audit(connection: Connection, session_id: str | None, event: str, detail: dict[str, Any]) -> None:
    connection.execute(insert(audit_log).values(at=utc_now(), session_id=session_id, event=event, detail=to_json(detail)))


def add_state(connection: Connection, session_id: str, state: str) -> None:
    connection.execute(insert(session_states).values(session_id=session_id, state=state, at=utc_now()))


def current_state(connection: Connection, session_id: str) -> str | None:
    """The session's latest state, or None when there is no such session."""
    statement = (
        select(session_states.c.state)
        .where(session_states.c.session_id == session_id)
        .order_by(session_states.c.id.desc())
        .limit(1)
    )
    return connection.execute(statement).scalar_one_or_none()


def lock_session(connection: Connection, session_id: str, *, exclusive: bool) -> bool:
    """PostgreSQL: lock the session's row so that submissions and state changes take turns.

    Submissions share the lock (FOR KEY SHARE), a state change takes it alone (FOR UPDATE): no
    submission commits into a session after the commit that closed it. SQLite's writers already
    take turns. Returns False when there is no such session.
    """
    statement = select(sessions.c.id).where(sessions.c.id == session_id)
    if connection.dialect.name != "sqlite":
        statement = statement.with_for_update(read=not exclusive, key_share=not exclusive)
    return connection.execute(statement).first() is not None


def session_rows(connection: Connection, session_id: str | None = None) -> list[Row]:
    latest = (
        select(session_states.c.session_id, func.max(session_states.c.id).label("state_row"))
        .group_by(session_states.c.session_id)
        .subquery()
    )
    counts = (
        select(submissions.c.session_id, func.count().label("submissions"))
        .group_by(submissions.c.session_id)
        .subquery()
    )
    statement = (
        select(
            sessions.c.id,
            consultation_snapshots.c.consultation_id,
            sessions.c.title,
            sessions.c.held_on,
            session_states.c.state,
            func.coalesce(counts.c.submissions, 0).label("submissions"),
            consultation_snapshots.c.content_hash,
            sessions.c.created_at,
        )
        .join(consultation_snapshots, consultation_snapshots.c.id == sessions.c.snapshot_id)
        .join(latest, latest.c.session_id == sessions.c.id)
        .join(session_states, session_states.c.id == latest.c.state_row)
        .outerjoin(counts, counts.c.session_id == sessions.c.id)
        .order_by(sessions.c.held_on, sessions.c.id)
    )
    if session_id is not None:
        statement = statement.where(sessions.c.id == session_id)
    return list(connection.execute(statement))


def session_info(row: Row) -> SessionInfo:
    return SessionInfo(**row._asdict())


def snapshot_of(connection: Connection, session_id: str) -> Row | None:
    """The session's consultation text and code salt."""
    statement = (
        select(consultation_snapshots.c.source_text, consultation_snapshots.c.content_hash, sessions.c.code_salt)
        .join(consultation_snapshots, consultation_snapshots.c.id == sessions.c.snapshot_id)
        .where(sessions.c.id == session_id)
    )
    return connection.execute(statement).first()


def stored_submissions(connection: Connection, session_id: str) -> list[StoredSubmission]:
    columns = submissions.c
    statement = (
        select(columns.submission_id, columns.session_id, columns.language, columns.channel, columns.submitted_at, columns.answers)
        .where(columns.session_id == session_id)
        .order_by(columns.id)
    )
    return [StoredSubmission(**{**row._asdict(), "answers": json.loads(row.answers)}) for row in connection.execute(statement)]


def audit_entries(connection: Connection, session_id: str | None) -> list[AuditEntry]:
    statement = select(audit_log).order_by(audit_log.c.id)
    if session_id is not None:
        statement = statement.where(audit_log.c.session_id == session_id)
    return [AuditEntry(**{**row._asdict(), "detail": json.loads(row.detail)}) for row in connection.execute(statement)]
