"""Agenda item statuses as the council names them: scheduled, discussed, decided, in progress, done,
declined (were planned, discussed, decided, implemented, rejected). Stored notes are renamed:
planned -> scheduled, implemented -> done, rejected -> declined.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The name as 0003 made it (the metadata's naming convention prefixed its name once more).
OLD_NAME = "ck_agenda_statuses_ck_agenda_statuses_status"
NEW_NAME = "ck_agenda_statuses_status"
STATUSES_BEFORE = "status IN ('planned', 'discussed', 'decided', 'implemented', 'rejected')"
STATUSES_AFTER = "status IN ('scheduled', 'discussed', 'decided', 'in_progress', 'done', 'declined')"
RENAMED = {"planned": "scheduled", "implemented": "done", "rejected": "declined"}


def _rename(pairs: dict[str, str]) -> None:
    table = sa.table("agenda_statuses", sa.column("status", sa.String))
    for old, new in pairs.items():
        op.execute(table.update().where(table.c.status == old).values(status=new))


def upgrade() -> None:
    # SQLite cannot alter a CHECK constraint: batch mode copies the table (a few rows per agenda).
    with op.batch_alter_table("agenda_statuses") as batch:
        batch.drop_constraint(op.f(OLD_NAME), type_="check")  # op.f: the name as written, no convention
    _rename(RENAMED)
    with op.batch_alter_table("agenda_statuses") as batch:
        batch.create_check_constraint(op.f(NEW_NAME), STATUSES_AFTER)


def downgrade() -> None:
    with op.batch_alter_table("agenda_statuses") as batch:
        batch.drop_constraint(op.f(NEW_NAME), type_="check")
    _rename({"in_progress": "decided", **{new: old for old, new in RENAMED.items()}})
    with op.batch_alter_table("agenda_statuses") as batch:
        batch.create_check_constraint(op.f(OLD_NAME), STATUSES_BEFORE)
