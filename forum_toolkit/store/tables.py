"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Facts are appended, never changed: snapshots, sessions, state changes, submissions and the audit
log. The one exception is `ballot_codes.used`, flipped once from false to true.

Why a ballot cannot be traced to its code: `submissions` has no column naming a code, and
`ballot_codes` has no `used_at` and no submission reference. A timestamp on the code would match
the ballot's `submitted_at`, so either would link them. Codes are stored only as salted hashes.
What remains is below the tables: on PostgreSQL both rows carry the id of the transaction that
wrote them (the `xmin` system column), so codes must be handed out without any record of who got
which one; then a code identifies nobody.

The migrations in `migrations/versions/` create exactly these tables; a test compares the two.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# An autoincrementing 64-bit id on PostgreSQL; SQLite only autoincrements INTEGER PRIMARY KEY.
Serial = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator):
    """A moment in UTC, given back timezone-aware on both backends (SQLite would drop the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"expected a timezone-aware datetime, found {value!r}")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


consultation_snapshots = Table(
    "consultation_snapshots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("consultation_id", String(100), nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),  # sha256 hex of source_text
    Column("source_text", Text, nullable=False),  # the consultation file's full text
    Column("created_at", UTCDateTime, nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(100), primary_key=True),  # e.g. forum-2026-11-25
    Column("snapshot_id", Integer, ForeignKey("consultation_snapshots.id"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("code_salt", String(64), nullable=False),  # hashes this session's ballot codes
)

session_states = Table(
    "session_states",
    metadata,
    Column("id", Serial, primary_key=True),  # the current state is the row with the highest id
    Column("session_id", String(100), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("state", String(10), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    CheckConstraint("state IN ('planned', 'open', 'paused', 'closed')", name="state"),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", Serial, primary_key=True),
    Column("submission_id", String(36), nullable=False, unique=True),  # the client's UUID
    Column("session_id", String(100), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("language", String(20), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("answers", Text, nullable=False),  # JSON
    CheckConstraint("channel IN ('tablet', 'phone', 'paper', 'assisted')", name="channel"),
)

ballot_codes = Table(
    "ballot_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),  # sha256(session salt + normalized code)
    Column("session_id", String(100), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("used", Boolean, nullable=False, server_default=false()),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Serial, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("session_id", String(100), ForeignKey("sessions.id"), nullable=True),
    Column("event", String(40), nullable=False),
    Column("detail", Text, nullable=False),  # JSON; reason codes and counts, never participant text
    Index("ix_audit_log_session_id", "session_id"),
)

# ---------------------------------------------------------------------------------------------
# The live forum (migration 0002): shared state, participants' contributions and their moderation.
# Every change is a row appended here, so that every Voilà process serving the forum sees the same
# thing, and a watcher learns of it (see `watch.py`; on PostgreSQL a trigger on each of these
# tables and on `submissions` and `session_states` notifies channel ``forum_toolkit``).

forum_events = Table(
    "forum_events",
    metadata,
    Column("id", Serial, primary_key=True),
    Column("session_id", String(100), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # pacing, open, reveal, second_language, phone_link
    Column("subject", String(100), nullable=False),  # reveal: the question id; otherwise ""
    Column("value", Text, nullable=False),  # JSON; the latest row per (kind, subject) holds
    Column("at", UTCDateTime, nullable=False),
    CheckConstraint("kind IN ('pacing', 'open', 'reveal', 'second_language', 'phone_link')", name="kind"),
)

contributions = Table(
    "contributions",
    metadata,
    Column("id", Serial, primary_key=True),  # the item's number in the moderation queue
    Column("session_id", String(100), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("question_id", String(100), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("submission_id", String(36), nullable=False),  # the ballot it came with, or the client's UUID
    Column("language", String(20), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("title", Text, nullable=True),  # proposals only; as the participant wrote it, never changed
    Column("text", Text, nullable=False),
    Column("category", String(100), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("submission_id", "question_id", name="uq_contributions_submission_id"),
    CheckConstraint("kind IN ('proposal', 'statement')", name="kind"),
)

moderation_decisions = Table(
    "moderation_decisions",
    metadata,
    Column("id", Serial, primary_key=True),
    Column("session_id", String(100), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("contribution_id", Integer, ForeignKey("contributions.id"), nullable=False),
    Column("action", String(10), nullable=False),
    Column("reason", Text, nullable=True),  # reject: the reason participants read
    Column("into_id", Integer, ForeignKey("contributions.id"), nullable=True),  # merge: the item kept
    Column("title", Text, nullable=True),  # edit: the corrected title and text
    Column("text", Text, nullable=True),
    Column("at", UTCDateTime, nullable=False),
    CheckConstraint("action IN ('approve', 'reject', 'merge', 'edit')", name="action"),
)

reactions = Table(
    "reactions",
    metadata,
    Column("id", Serial, primary_key=True),
    Column("session_id", String(100), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("contribution_id", Integer, ForeignKey("contributions.id"), nullable=False),
    Column("voter", String(36), nullable=False),  # the device's UUID for this session, nothing more
    Column("stance", String(10), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    UniqueConstraint("contribution_id", "voter", name="uq_reactions_contribution_id"),
    CheckConstraint("stance IN ('agree', 'disagree', 'pass')", name="stance"),
)

# ---------------------------------------------------------------------------------------------
# The council's agenda (migration 0003). A proposal is a contribution (above) and is moderated
# there; here are its translations (every version kept; the latest per language holds), the voting
# rounds run over approved proposals (each its own session, linked to the session that collected
# them), the agendas a council adopted from a count, and what became of each agenda item.

proposal_translations = Table(
    "proposal_translations",
    metadata,
    Column("id", Serial, primary_key=True),  # the latest row per (contribution, language) holds
    Column("session_id", String(100), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("contribution_id", Integer, ForeignKey("contributions.id"), nullable=False),
    Column("language", String(20), nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("origin", String(10), nullable=False),  # human: a volunteer; machine: a translation program
    Column("at", UTCDateTime, nullable=False),
    CheckConstraint("origin IN ('human', 'machine')", name="origin"),
)

voting_rounds = Table(
    "voting_rounds",
    metadata,
    Column("session_id", String(100), ForeignKey("sessions.id"), primary_key=True),  # the round's own session
    Column("proposals_session_id", String(100), ForeignKey("sessions.id"), nullable=False),  # where they were collected
    Column("question_id", String(100), nullable=False),  # the round's question
    Column("options", Text, nullable=False),  # JSON: option id -> contribution id
    Column("created_at", UTCDateTime, nullable=False),
)

agendas = Table(
    "agendas",
    metadata,
    Column("session_id", String(100), ForeignKey("sessions.id"), primary_key=True),  # the counted session; one agenda each
    Column("question_id", String(100), nullable=False),
    Column("method", String(40), nullable=False),
    Column("seats", Integer, nullable=False),
    Column("tie_break", String(40), nullable=False),
    Column("ballots", Integer, nullable=False),
    Column("adopted_at", UTCDateTime, nullable=False),
)

agenda_items = Table(
    "agenda_items",
    metadata,
    Column("id", Serial, primary_key=True),
    Column("session_id", String(100), ForeignKey("agendas.session_id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),  # 1, 2, ...: the order of the agenda
    Column("option_id", String(100), nullable=False),
    Column("contribution_id", Integer, ForeignKey("contributions.id"), nullable=True),  # None: an option of the file
    UniqueConstraint("session_id", "position", name="uq_agenda_items_session_id"),
)

agenda_statuses = Table(
    "agenda_statuses",
    metadata,
    Column("id", Serial, primary_key=True),  # the latest row per item holds
    Column("session_id", String(100), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("agenda_item_id", Integer, ForeignKey("agenda_items.id"), nullable=False),
    Column("status", String(12), nullable=False),
    Column("on_date", Date, nullable=False),  # the day it happened (a meeting), as the council says
    Column("note", Text, nullable=False),  # public: what the council says about it
    Column("at", UTCDateTime, nullable=False),
    CheckConstraint("status IN ('scheduled', 'discussed', 'decided', 'in_progress', 'done', 'declined')", name="status"),
)

# ---------------------------------------------------------------------------------------------
# Connected devices (migration 0006): each Voilà process serving a session says, every few seconds,
# how many pages hold a live connection to it. Not a fact but a gauge: one row per process,
# overwritten, never audited, and no watcher is woken by it (it is in no `Version`).

server_presence = Table(
    "server_presence",
    metadata,
    Column("server_id", String(100), primary_key=True),  # host:port:pid of the Voilà process
    Column("session_id", String(100), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("connected", Integer, nullable=False),  # pages with a live connection to a kernel
    Column("started", Integer, nullable=False),  # kernels this process holds (warm ones too)
    Column("seen_at", UTCDateTime, nullable=False),
    CheckConstraint("connected >= 0 AND started >= 0", name="counts"),
)
