"""The council's agenda: translations of proposals, voting rounds over approved proposals, adopted
agendas and the status notes of their items.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Serial = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "proposal_translations",
        sa.Column("id", Serial, nullable=False),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("contribution_id", sa.Integer, nullable=False),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("at", Moment, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_proposal_translations"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_proposal_translations_session_id_sessions"),
        sa.ForeignKeyConstraint(["contribution_id"], ["contributions.id"], name="fk_proposal_translations_contribution_id_contributions"),
        sa.CheckConstraint("origin IN ('human', 'machine')", name="ck_proposal_translations_origin"),
    )
    op.create_index("ix_proposal_translations_session_id", "proposal_translations", ["session_id"])
    op.create_table(
        "voting_rounds",
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("proposals_session_id", sa.String(100), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("created_at", Moment, nullable=False),
        sa.PrimaryKeyConstraint("session_id", name="pk_voting_rounds"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_voting_rounds_session_id_sessions"),
        sa.ForeignKeyConstraint(["proposals_session_id"], ["sessions.id"], name="fk_voting_rounds_proposals_session_id_sessions"),
    )
    op.create_table(
        "agendas",
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("method", sa.String(40), nullable=False),
        sa.Column("seats", sa.Integer, nullable=False),
        sa.Column("tie_break", sa.String(40), nullable=False),
        sa.Column("ballots", sa.Integer, nullable=False),
        sa.Column("adopted_at", Moment, nullable=False),
        sa.PrimaryKeyConstraint("session_id", name="pk_agendas"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_agendas_session_id_sessions"),
    )
    op.create_table(
        "agenda_items",
        sa.Column("id", Serial, nullable=False),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("option_id", sa.String(100), nullable=False),
        sa.Column("contribution_id", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_agenda_items"),
        sa.UniqueConstraint("session_id", "position", name="uq_agenda_items_session_id"),
        sa.ForeignKeyConstraint(["session_id"], ["agendas.session_id"], name="fk_agenda_items_session_id_agendas"),
        sa.ForeignKeyConstraint(["contribution_id"], ["contributions.id"], name="fk_agenda_items_contribution_id_contributions"),
    )
    op.create_index("ix_agenda_items_session_id", "agenda_items", ["session_id"])
    op.create_table(
        "agenda_statuses",
        sa.Column("id", Serial, nullable=False),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("agenda_item_id", sa.Integer, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("on_date", sa.Date, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("at", Moment, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_agenda_statuses"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_agenda_statuses_session_id_sessions"),
        sa.ForeignKeyConstraint(["agenda_item_id"], ["agenda_items.id"], name="fk_agenda_statuses_agenda_item_id_agenda_items"),
        sa.CheckConstraint(
            "status IN ('planned', 'discussed', 'decided', 'implemented', 'rejected')", name="ck_agenda_statuses_status"
        ),
    )
    op.create_index("ix_agenda_statuses_session_id", "agenda_statuses", ["session_id"])


def downgrade() -> None:
    for table in ("agenda_statuses", "agenda_items", "agendas", "voting_rounds", "proposal_translations"):
        op.drop_table(table)
