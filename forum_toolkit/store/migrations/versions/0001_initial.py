"""The store's first schema: snapshots, sessions and their states, submissions, ballot codes, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Serial = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "consultation_snapshots",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("consultation_id", sa.String(100), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source_text", sa.Text, nullable=False),
        sa.Column("created_at", Moment, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_consultation_snapshots"),
        sa.UniqueConstraint("content_hash", name="uq_consultation_snapshots_content_hash"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(100), nullable=False),
        sa.Column("snapshot_id", sa.Integer, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("created_at", Moment, nullable=False),
        sa.Column("code_salt", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        sa.ForeignKeyConstraint(["snapshot_id"], ["consultation_snapshots.id"], name="fk_sessions_snapshot_id_consultation_snapshots"),
    )
    op.create_table(
        "session_states",
        sa.Column("id", Serial, nullable=False),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("at", Moment, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_session_states"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_session_states_session_id_sessions"),
        sa.CheckConstraint("state IN ('planned', 'open', 'paused', 'closed')", name="ck_session_states_state"),
    )
    op.create_index("ix_session_states_session_id", "session_states", ["session_id"])
    op.create_table(
        "submissions",
        sa.Column("id", Serial, nullable=False),
        sa.Column("submission_id", sa.String(36), nullable=False),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("submitted_at", Moment, nullable=False),
        sa.Column("answers", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
        sa.UniqueConstraint("submission_id", name="uq_submissions_submission_id"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_submissions_session_id_sessions"),
        sa.CheckConstraint("channel IN ('tablet', 'phone', 'paper', 'assisted')", name="ck_submissions_channel"),
    )
    op.create_index("ix_submissions_session_id", "submissions", ["session_id"])
    op.create_table(
        "ballot_codes",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("created_at", Moment, nullable=False),
        sa.Column("used", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("code_hash", name="pk_ballot_codes"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_ballot_codes_session_id_sessions"),
    )
    op.create_index("ix_ballot_codes_session_id", "ballot_codes", ["session_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", Serial, nullable=False),
        sa.Column("at", Moment, nullable=False),
        sa.Column("session_id", sa.String(100), nullable=True),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_audit_log_session_id_sessions"),
    )
    op.create_index("ix_audit_log_session_id", "audit_log", ["session_id"])


def downgrade() -> None:
    for table in ("audit_log", "ballot_codes", "submissions", "session_states", "sessions", "consultation_snapshots"):
        op.drop_table(table)
