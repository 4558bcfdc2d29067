"""Bringing a store's schema up to date when it is opened, however many processes open it at once.

The Alembic environment ships inside the package (`migrations/`), so nobody needs an alembic.ini.
Opening a store at head costs one read. Otherwise the upgrade runs in one transaction under a lock
that every other opener waits for: on SQLite the writers' lock file (and BEGIN IMMEDIATE), on
PostgreSQL a transaction-level advisory lock. Whoever gets the lock first upgrades; the others find
the schema at head and go on. The upgrade writes a `schema_upgraded` audit entry.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, func, insert, select

from forum_toolkit.store.engine import Database
from forum_toolkit.store.errors import StoreUnavailable
from forum_toolkit.store.tables import audit_log, utc_now

MIGRATIONS = Path(__file__).with_name("migrations")
ADVISORY_LOCK_KEY = 0x666F72756D  # "forum": the key every forum_toolkit process locks on PostgreSQL


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(database: Database) -> str | None:
    """Upgrade the schema if it is behind. Returns the revision it upgraded from ("" for an empty
    database), or None when it was already at head (also when another process just upgraded it)."""
    head = head_revision()
    with database.reading() as connection:
        if current_revision(connection) == head:
            return None
    with database.writing() as connection:
        if not database.is_sqlite:
            connection.execute(select(func.pg_advisory_xact_lock(ADVISORY_LOCK_KEY)))
        current = current_revision(connection)
        if current == head:
            return None
        _check_known(database, current)
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        detail = {"from": current, "to": head}
        connection.execute(insert(audit_log).values(at=utc_now(), session_id=None, event="schema_upgraded", detail=json.dumps(detail)))
        return current or ""


def _check_known(database: Database, current: str | None) -> None:
    if current is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    if current not in {revision.revision for revision in script.walk_revisions()}:
        raise StoreUnavailable(
            database.url,
            f"the schema is at revision {current}, which this forum_toolkit does not know (it knows up to {head_revision()}); upgrade forum_toolkit",
        )
