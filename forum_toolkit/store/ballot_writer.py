"""Writing a checked ballot: grouped commits on SQLite, a transaction of its own on PostgreSQL.

`Store.submit` checks a ballot (`ballots.prepare_ballot`) and hands it here. On PostgreSQL the
server's row locks and its own commits let many connections write at once: each ballot gets its
transaction (`ballots.store_ballot`). On SQLite one writer commits at a time, so ballots go through
`group_commit`, which stores them in batches; this module turns a ballot into the entry the batch
stores and the batch's outcome back into a receipt or a refusal.
"""

from __future__ import annotations

from datetime import timezone

from forum_toolkit.store import ballots
from forum_toolkit.store.engine import Database
from forum_toolkit.store.errors import SubmissionRefused
from forum_toolkit.store.group_commit import GroupCommit
from forum_toolkit.store.records import Receipt
from forum_toolkit.store.sqlite_ballots import STORED, TimeText, entry_for
from forum_toolkit.store.tables import utc_now


class BallotWriter:
    """How one open store writes ballots. Safe to share between threads."""

    def __init__(self, database: Database):
        self._database = database
        self._group = GroupCommit(database) if database.is_sqlite else None
        self._times = TimeText(database.engine.dialect)

    def store(self, ballot: ballots.Ballot, code_salt: str) -> Receipt:
        """Store `ballot`; returns once it is durable, or raises SubmissionRefused."""
        if self._group is None:
            return self.store_alone(ballot, code_salt)
        submitted_at = ballot.submitted_at or utc_now()  # now: before the wait for the lock, not after
        outcome = self._group.store(entry_for(ballot, code_salt, self._times, submitted_at))
        if outcome == STORED:
            return Receipt(ballot.submission_id, ballot.session_id, True, submitted_at.astimezone(timezone.utc))
        kind, detail = outcome.split(" ", 1)
        if kind == "earlier":
            return Receipt(ballot.submission_id, ballot.session_id, False, self._times.from_text(detail))
        if detail == "code":  # only this process knows the code: which refusal was it?
            with self._database.reading() as connection:
                detail = ballots.code_refusal(connection, ballot.session_id, ballot.code)
        raise SubmissionRefused(detail)

    def store_alone(self, ballot: ballots.Ballot, code_salt: str) -> Receipt:
        """Store `ballot` in a transaction of its own (PostgreSQL's way)."""
        with self._database.writing() as connection:
            return ballots.store_ballot(connection, ballot, code_salt)

    def after_other_write(self) -> None:
        """Call after any other write transaction: ballots that waited for it get a leader."""
        if self._group is not None:
            self._group.hand_off()

    def close(self) -> None:
        if self._group is not None:
            self._group.close()
