"""Connected devices: one row per Voilà process serving a session, overwritten every few seconds.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_presence",
        sa.Column("server_id", sa.String(100), nullable=False),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("connected", sa.Integer, nullable=False),
        sa.Column("started", sa.Integer, nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("server_id", name=op.f("pk_server_presence")),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name=op.f("fk_server_presence_session_id_sessions")),
        sa.CheckConstraint("connected >= 0 AND started >= 0", name=op.f("ck_server_presence_counts")),
    )
    op.create_index(op.f("ix_server_presence_session_id"), "server_presence", ["session_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_server_presence_session_id"), table_name="server_presence")
    op.drop_table("server_presence")
