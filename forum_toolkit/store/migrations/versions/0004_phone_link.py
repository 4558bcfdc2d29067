"""The projector's QR code for phones: a forum event of kind 'phone_link' (shown or not).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The names as 0002 made them (the metadata's naming convention prefixed its name once more).
OLD_NAME = "ck_forum_events_ck_forum_events_kind"
KINDS_BEFORE = "kind IN ('pacing', 'open', 'reveal', 'second_language')"
KINDS_AFTER = "kind IN ('pacing', 'open', 'reveal', 'second_language', 'phone_link')"


def upgrade() -> None:
    # SQLite cannot alter a CHECK constraint: batch mode copies the table (a few rows per session).
    with op.batch_alter_table("forum_events") as batch:
        batch.drop_constraint(op.f(OLD_NAME), type_="check")  # op.f: the name as written, no convention
        batch.create_check_constraint(op.f("ck_forum_events_kind"), KINDS_AFTER)


def downgrade() -> None:
    op.execute("DELETE FROM forum_events WHERE kind = 'phone_link'")
    with op.batch_alter_table("forum_events") as batch:
        batch.drop_constraint(op.f("ck_forum_events_kind"), type_="check")
        batch.create_check_constraint(op.f(OLD_NAME), KINDS_BEFORE)
