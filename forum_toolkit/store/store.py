"""The store: sessions of consultations, the ballots cast in them, their codes and an audit log.

    >>> store = open_store("sqlite:///data/forum.sqlite3")
    >>> store.create_session(consultation, text, "forum-2026-11-25", "Forum evening", date(2026, 11, 25))
    >>> store.set_state("forum-2026-11-25", "open")
    >>> store.submit("forum-2026-11-25", {"park": "park"}, language="ar", channel="tablet",
    ...              submission_id=str(uuid.uuid4()))
    Receipt(..., stored=True, ...)

A submission returns only once it is committed: a receipt means the ballot survives a power cut
(SQLite: synchronous=FULL; PostgreSQL: as long as the server keeps its default synchronous_commit=on).
On SQLite, ballots submitted at the same moment by many processes share one commit (see
`group_commit`); on PostgreSQL each has its own (`ballot_writer`).
Every refusal raises SubmissionRefused and leaves an audit entry with the reason, never the answers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from forum_toolkit.consultation.model import Access, Consultation
from forum_toolkit.store import ballots, queries
from forum_toolkit.store.ballot_writer import BallotWriter
from forum_toolkit.store.codes import hash_code, new_codes, new_salt, normalize_code
from forum_toolkit.store.engine import Database, open_database
from forum_toolkit.store.errors import DuplicateSession, InvalidRequest, StateChangeRefused, SubmissionRefused, UnknownSession
from forum_toolkit.store.failures import unavailable
from forum_toolkit.store.council import CouncilMethods
from forum_toolkit.store.forum import ForumMethods
from forum_toolkit.store.migrate import upgrade_to_head
from forum_toolkit.store.records import NEXT_STATES, STATES, AuditEntry, CodeCounts, Receipt, SessionInfo, StoredSubmission
from forum_toolkit.store.tables import ballot_codes, consultation_snapshots, sessions, utc_now

SESSION_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
MAX_CODES = 10_000
REASON = re.compile(r"^[a-z][a-z_]{0,39}$")


def open_store(url: str | None = None) -> Store:
    """Open the store at `url`, else $FORUM_DB_URL, else sqlite:///data/forum.sqlite3, bringing its
    schema up to date. Raises StoreUnavailable (one line, password masked) when it cannot."""
    database = open_database(url)
    try:
        upgraded_from = upgrade_to_head(database)
    except Exception as error:
        database.close()
        raise unavailable(database.url, error) from error
    return Store(database, upgraded_from)


class Store(ForumMethods, CouncilMethods):
    """One open store. Safe to share between threads; every process opens its own.

    The live forum's methods (shared state, moderation, live counts and results) are in `forum.py`.
    """

    def __init__(self, database: Database, upgraded_from: str | None = None):
        self._database = database
        self._consultations: dict[str, Consultation] = {}  # frozen, so cached per session
        self._salts: dict[str, str] = {}
        self._ballots = BallotWriter(database)
        self.upgraded_from = upgraded_from  # the schema revision opening upgraded from; None: none

    @property
    def url(self) -> str:
        """The store's URL, password masked."""
        return self._database.url

    def close(self) -> None:
        self._ballots.close()
        self._database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.url}>"

    # Sessions

    def create_session(self, consultation: Consultation, source_text: str, session_id: str, title: str, held_on: date) -> SessionInfo:
        """A new session (state `planned`) of `consultation`, whose file's full text is `source_text`."""
        if not SESSION_ID.match(session_id):
            raise InvalidRequest(f"session id {session_id!r}: expected lower-case letters, digits, '-' and '_', e.g. forum-2026-11-25")
        content_hash = hashlib.sha256(source_text.encode("utf-8")).hexdigest()
        snapshot = {"consultation_id": consultation.id, "content_hash": content_hash, "source_text": source_text, "created_at": utc_now()}
        session = {"id": session_id, "title": title, "held_on": held_on, "created_at": utc_now(), "code_salt": new_salt()}
        try:
            with self._writing() as connection:
                if queries.lock_session(connection, session_id, exclusive=True):
                    raise DuplicateSession(session_id)
                queries.insert_ignoring_duplicate(connection, consultation_snapshots, "content_hash", snapshot)
                snapshot_id = connection.execute(
                    select(consultation_snapshots.c.id).where(consultation_snapshots.c.content_hash == content_hash)
                ).scalar_one()
                connection.execute(sessions.insert().values(snapshot_id=snapshot_id, **session))
                queries.add_state(connection, session_id, "planned")
                queries.add_audit(connection, session_id, "session_created", {"consultation_id": consultation.id, "content_hash": content_hash})
        except IntegrityError:
            raise DuplicateSession(session_id) from None  # created by another process meanwhile
        self._consultations[session_id] = consultation
        return self.session(session_id)

    def sessions(self) -> list[SessionInfo]:
        """Every session, by date."""
        with self._database.reading() as connection:
            return [queries.session_info(row) for row in queries.session_rows(connection)]

    def session(self, session_id: str) -> SessionInfo:
        with self._database.reading() as connection:
            rows = queries.session_rows(connection, session_id)
        if not rows:
            raise UnknownSession(session_id)
        return queries.session_info(rows[0])

    def consultation(self, session_id: str) -> Consultation:
        """The consultation the session runs, rebuilt from the file text stored with it."""
        if session_id not in self._consultations:
            from forum_toolkit.consultation.load import load_consultation_text  # noqa: PLC0415 (load is heavy)

            snapshot = self._snapshot(session_id)
            source = f"{self.url} session {session_id} (snapshot {snapshot.content_hash[:12]})"
            self._consultations[session_id] = load_consultation_text(snapshot.source_text, source=source)
        return self._consultations[session_id]

    def set_state(self, session_id: str, state: str) -> SessionInfo:
        """Move the session to `state`: planned → open ⇄ paused → closed (closed is final)."""
        if state not in STATES:
            raise InvalidRequest(f"state {state!r}: expected one of {', '.join(STATES)}")
        with self._writing() as connection:
            if not queries.lock_session(connection, session_id, exclusive=True):
                raise UnknownSession(session_id)
            current = queries.current_state(connection, session_id)
            if state not in NEXT_STATES[current]:
                raise StateChangeRefused(session_id, current, state)
            queries.add_state(connection, session_id, state)
            queries.add_audit(connection, session_id, "state_changed", {"from": current, "to": state})
        return self.session(session_id)

    # Ballots

    def submit(
        self,
        session_id: str,
        answers: dict,
        *,
        language: str,
        channel: str,
        submission_id: str,
        code: str | None = None,
        submitted_at: datetime | None = None,
    ) -> Receipt:
        """Store one participant's answers; returns once they are durable, or raises SubmissionRefused.

        `submission_id` is a UUID the client makes once per ballot and sends again on a retry: a
        retry is answered with `stored=False` and stores nothing. `code` is the ballot code as
        typed, required exactly when the consultation's access is `codes`. `submitted_at` is for
        ballots cast earlier than they are stored (paper forms typed in, demo data); default now.
        """
        consultation = None
        try:
            try:
                consultation = self.consultation(session_id)
            except UnknownSession:
                raise SubmissionRefused("unknown_session") from None
            ballot = ballots.prepare_ballot(
                consultation, session_id, answers, language=language, channel=channel, submission_id=submission_id, code=code,
                submitted_at=submitted_at,
            )
            salt = self._salt(session_id)
            return self._ballots.store(ballot, salt)
        except SubmissionRefused as refusal:
            event = "code_refused" if refusal.reason.startswith("code_") else "submission_refused"
            known_session = None if refusal.reason == "unknown_session" else session_id
            self._audit(known_session, event, ballots.refusal_detail(refusal, consultation))
            raise

    def check_code(self, session_id: str, code: str) -> str | None:
        """Would `code` (as typed) open a ballot in the session now? None if so, else the reason
        a submission with it would be refused (`code_unknown`, `code_used`, ...).

        For the code screen, before the questions. Nothing is used up: only `submit` spends a code,
        so two tablets may both be told yes and the later submission is still refused. Every
        refusal is audited, so that guessing shows in the log.
        """
        reason = self._code_problem(session_id, code)
        if reason is not None:
            self._audit(None if reason == "unknown_session" else session_id, "code_refused", {"reason": reason, "problems": []})
        return reason

    def record_refusal(self, session_id: str, reason: str, detail: dict | None = None) -> None:
        """Audit something a client did that the ballot refused (a replayed Submit, a forged tap).

        `reason` is a short code such as ``repeated_submit``; `detail` must hold no participant text.
        """
        if not REASON.match(reason):
            raise InvalidRequest(f"reason {reason[:60]!r}: expected a short code of lower-case letters and '_'")
        try:
            self._salt(session_id)
        except UnknownSession:
            session_id = None
        self._audit(session_id, "tap_refused", {"reason": reason, **(detail or {})})

    def create_codes(self, session_id: str, count: int) -> list[str]:
        """`count` new single-use codes for the session, printed form (``ABCD-EFGH``).

        They are shown once, here: the store keeps only their salted hashes.
        """
        if not 1 <= count <= MAX_CODES:
            raise InvalidRequest(f"count {count}: expected 1 to {MAX_CODES} codes")
        consultation = self.consultation(session_id)
        if consultation.access is not Access.CODES:
            raise InvalidRequest(f"session {session_id!r}: consultation {consultation.id!r} is open to all (access: open) and takes no codes")
        salt = self._salt(session_id)
        now = utc_now()
        with self._writing() as connection:
            codes: list[str] = []
            while len(codes) < count:  # a clash with an earlier code is unlikely; then draw again
                fresh = {hash_code(salt, normalize_code(code)): code for code in new_codes(count - len(codes))}
                taken = set(connection.execute(select(ballot_codes.c.code_hash).where(ballot_codes.c.code_hash.in_(fresh))).scalars())
                rows = [{"code_hash": h, "session_id": session_id, "created_at": now} for h in fresh if h not in taken]
                connection.execute(ballot_codes.insert(), rows)
                codes.extend(fresh[row["code_hash"]] for row in rows)
            queries.add_audit(connection, session_id, "codes_created", {"count": count})
        return codes

    def code_counts(self, session_id: str) -> CodeCounts:
        """How many codes the session has issued and how many of them were used."""
        self.session(session_id)
        with self._database.reading() as connection:
            return CodeCounts(*ballots.code_counts(connection, session_id))

    def submissions(self, session_id: str) -> list[StoredSubmission]:
        """Every ballot stored for the session, in the order they arrived."""
        self.session(session_id)
        with self._database.reading() as connection:
            return queries.stored_submissions(connection, session_id)

    def audit(self, session_id: str | None = None) -> list[AuditEntry]:
        """The audit log, oldest first: all of it, or one session's entries."""
        with self._database.reading() as connection:
            return queries.audit_entries(connection, session_id)

    def _code_problem(self, session_id: str, code: str) -> str | None:
        try:
            consultation = self.consultation(session_id)
        except UnknownSession:
            return "unknown_session"
        if consultation.access is not Access.CODES:
            return "code_not_expected"
        if not code:
            return "code_required"
        normalized = normalize_code(code)
        if normalized is None:
            return "code_unknown"
        with self._database.reading() as connection:
            return ballots.code_problem(connection, session_id, self._salt(session_id), normalized)

    def _audit(self, session_id: str | None, event: str, detail: dict) -> None:
        with self._writing() as connection:
            queries.add_audit(connection, session_id, event, detail)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction other than a ballot's. On SQLite, ballots that came meanwhile are
        then handed to a leader (see `group_commit`) rather than left to wait for their next look."""
        try:
            with self._database.writing() as connection:
                yield connection
        finally:
            self._ballots.after_other_write()

    def _snapshot(self, session_id: str):
        with self._database.reading() as connection:
            snapshot = queries.snapshot_of(connection, session_id)
        if snapshot is None:
            raise UnknownSession(session_id)
        self._salts[session_id] = snapshot.code_salt
        return snapshot

    def _salt(self, session_id: str) -> str:
        if session_id not in self._salts:
            self._snapshot(session_id)
        return self._salts[session_id]

