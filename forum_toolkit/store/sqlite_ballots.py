"""Storing a ballot on SQLite with a few prepared statements on a plain `sqlite3` connection.

Everything is worked out before the writers' turn: `entry_for` turns a checked `Ballot` into an
`Entry` of the very texts the columns will hold (the time as SQLite stores it, the answers as
canonical JSON, the code as its salted hash). In the turn, `store_entry` only runs statements that
`sqlite3` keeps compiled, and says what became of the ballot in a short `outcome` text:

- ``stored``: inserted, and its code (if any) used up, in the current transaction;
- ``earlier <time>``: a retry, the id was stored before (at that time, as SQLite stores it);
- ``refused <reason>``: ``session_not_open``, ``submission_id_reused``, or ``code`` (the code was
  not an unused code of the session; `Store` asks afterwards which of the code refusals it was,
  since only the participant's process knows the code itself).

The statements are the SQL that `ballots.store_ballot` builds with SQLAlchemy for PostgreSQL: the
session's state is checked inside the INSERT, and a ballot with a code is inserted and its code used
inside one SAVEPOINT, so a refused code leaves nothing of the ballot behind. A batch of ballots in
one transaction (see `group_commit`) therefore refuses one ballot without touching the others.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from forum_toolkit.store.ballots import Ballot
from forum_toolkit.store.codes import hash_code
from forum_toolkit.store.tables import submissions

INSERT_IF_OPEN = """
INSERT INTO submissions (submission_id, session_id, language, channel, submitted_at, answers)
SELECT :submission_id, :session_id, :language, :channel, :submitted_at, :answers
WHERE (SELECT state FROM session_states WHERE session_id = :session_id ORDER BY id DESC LIMIT 1) = 'open'
ON CONFLICT (submission_id) DO NOTHING
"""
STORED_AS = "SELECT session_id, language, channel, answers, submitted_at FROM submissions WHERE submission_id = ?"
USE_CODE = "UPDATE ballot_codes SET used = 1 WHERE code_hash = ? AND session_id = ? AND used = 0"
STORED = "stored"


@dataclass(frozen=True)
class Entry:
    """A ballot as SQLite will store it: every field the text of its column."""

    session_id: str
    submission_id: str
    language: str
    channel: str
    submitted_at: str  # as SQLite stores it, e.g. '2026-11-25 18:45:00.000000' (UTC)
    answers: str  # canonical JSON
    code_hash: str  # sha256 of salt + code; "" when the consultation is open to all

    def parameters(self) -> dict[str, str]:
        return {
            "submission_id": self.submission_id,
            "session_id": self.session_id,
            "language": self.language,
            "channel": self.channel,
            "submitted_at": self.submitted_at,
            "answers": self.answers,
        }


class TimeText:
    """Times as the store's SQLite columns hold them, both ways (the same conversion as SQLAlchemy's)."""

    def __init__(self, dialect):
        column_type = submissions.c.submitted_at.type.dialect_impl(dialect)
        self.to_text: Callable[[datetime], str] = column_type.bind_processor(dialect)
        self.from_text: Callable[[str], datetime] = column_type.result_processor(dialect, None)


def entry_for(ballot: Ballot, code_salt: str, times: TimeText, submitted_at: datetime) -> Entry:
    """The entry to store for `ballot`, submitted at `submitted_at`."""
    code_hash = hash_code(code_salt, ballot.code) if ballot.code is not None else ""
    submitted_at = times.to_text(submitted_at)
    return Entry(ballot.session_id, ballot.submission_id, ballot.language, ballot.channel, submitted_at, ballot.answers, code_hash)


def store_entry(connection: sqlite3.Connection, entry: Entry) -> str:
    """Store `entry` in the open transaction of `connection`; gives its outcome (see the module)."""
    if not entry.code_hash:
        if connection.execute(INSERT_IF_OPEN, entry.parameters()).rowcount == 1:
            return STORED
        return _not_inserted(connection, entry)
    connection.execute("SAVEPOINT ballot")  # (an error rolls the whole transaction back: no try needed)
    outcome = STORED if connection.execute(INSERT_IF_OPEN, entry.parameters()).rowcount == 1 else _not_inserted(connection, entry)
    if outcome == STORED and connection.execute(USE_CODE, (entry.code_hash, entry.session_id)).rowcount != 1:
        connection.execute("ROLLBACK TO ballot")
        outcome = "refused code"
    connection.execute("RELEASE ballot")
    return outcome


def _not_inserted(connection: sqlite3.Connection, entry: Entry) -> str:
    """A retry (the id is stored: same ballot, or a different one under a reused id), or a session not open."""
    earlier = connection.execute(STORED_AS, (entry.submission_id,)).fetchone()
    if earlier is None:
        return "refused session_not_open"
    session_id, language, channel, answers, submitted_at = earlier
    if (session_id, language, channel, answers) != (entry.session_id, entry.language, entry.channel, entry.answers):
        return "refused submission_id_reused"
    return f"earlier {submitted_at}"
