"""The live forum: shared state events, participants' contributions, moderation decisions, reactions;
on PostgreSQL, triggers that notify watchers of every change to a session.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Serial = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Moment = sa.DateTime(timezone=True)

# The tables whose new rows are a change to a session (all of them have a session_id), and the
# channel each notifies: what participants add, many times a minute, apart from what facilitators
# change, so that a tablet that follows the facilitator is not woken by every ballot.
NOTIFYING = {
    "submissions": "forum_toolkit_participants",
    "contributions": "forum_toolkit_participants",
    "reactions": "forum_toolkit_participants",
    "session_states": "forum_toolkit",
    "forum_events": "forum_toolkit",
    "moderation_decisions": "forum_toolkit",
}

# One notification per session and channel per transaction: PostgreSQL folds identical ones and
# sends them when the transaction commits.
NOTIFY_FUNCTION = """
CREATE FUNCTION forum_toolkit_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_ARGV[0], NEW.session_id);
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "forum_events",
        sa.Column("id", Serial, nullable=False),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("subject", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("at", Moment, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_forum_events"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_forum_events_session_id_sessions"),
        sa.CheckConstraint("kind IN ('pacing', 'open', 'reveal', 'second_language')", name="ck_forum_events_kind"),
    )
    op.create_index("ix_forum_events_session_id", "forum_events", ["session_id"])
    op.create_table(
        "contributions",
        sa.Column("id", Serial, nullable=False),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("submission_id", sa.String(36), nullable=False),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("category", sa.String(100), nullable=True),
        sa.Column("created_at", Moment, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_contributions"),
        sa.UniqueConstraint("submission_id", "question_id", name="uq_contributions_submission_id"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_contributions_session_id_sessions"),
        sa.CheckConstraint("kind IN ('proposal', 'statement')", name="ck_contributions_kind"),
    )
    op.create_index("ix_contributions_session_id", "contributions", ["session_id"])
    op.create_table(
        "moderation_decisions",
        sa.Column("id", Serial, nullable=False),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("contribution_id", sa.Integer, nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("into_id", sa.Integer, nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("at", Moment, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_moderation_decisions"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_moderation_decisions_session_id_sessions"),
        sa.ForeignKeyConstraint(["contribution_id"], ["contributions.id"], name="fk_moderation_decisions_contribution_id_contributions"),
        sa.ForeignKeyConstraint(["into_id"], ["contributions.id"], name="fk_moderation_decisions_into_id_contributions"),
        sa.CheckConstraint("action IN ('approve', 'reject', 'merge', 'edit')", name="ck_moderation_decisions_action"),
    )
    op.create_index("ix_moderation_decisions_session_id", "moderation_decisions", ["session_id"])
    op.create_table(
        "reactions",
        sa.Column("id", Serial, nullable=False),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("contribution_id", sa.Integer, nullable=False),
        sa.Column("voter", sa.String(36), nullable=False),
        sa.Column("stance", sa.String(10), nullable=False),
        sa.Column("at", Moment, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reactions"),
        sa.UniqueConstraint("contribution_id", "voter", name="uq_reactions_contribution_id"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_reactions_session_id_sessions"),
        sa.ForeignKeyConstraint(["contribution_id"], ["contributions.id"], name="fk_reactions_contribution_id_contributions"),
        sa.CheckConstraint("stance IN ('agree', 'disagree', 'pass')", name="ck_reactions_stance"),
    )
    op.create_index("ix_reactions_session_id", "reactions", ["session_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(NOTIFY_FUNCTION)
        for table, channel in NOTIFYING.items():
            op.execute(
                f"CREATE TRIGGER {table}_notify AFTER INSERT ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION forum_toolkit_notify('{channel}')"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NOTIFYING:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
        op.execute("DROP FUNCTION IF EXISTS forum_toolkit_notify()")
    for table in ("reactions", "moderation_decisions", "contributions", "forum_events"):
        op.drop_table(table)
