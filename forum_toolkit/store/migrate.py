"""Bringing a store's schema up to date when it is opened, however many processes open it at once.

The Alembic environment ships inside the package (`migrations/`), so nobody needs an alembic.ini.
Opening a store at head costs one read, and imports no Alembic: the head is read from the
revision files' `revision`/`down_revision` lines and the store's revision from its alembic_version
table (Alembic and its templates cost every ballot kernel 11 MB; a test keeps the two readings equal
to Alembic's own). Otherwise the upgrade runs in one transaction under a lock
that every other opener waits for: on SQLite the writers' lock file (and BEGIN IMMEDIATE), on
PostgreSQL a transaction-level advisory lock. Whoever gets the lock first upgrades; the others find
the schema at head and go on. The upgrade writes a `schema_upgraded` audit entry.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, func, insert, inspect, select, text

from forum_toolkit.store.engine import Database
from forum_toolkit.store.errors import StoreUnavailable
from forum_toolkit.store.tables import audit_log, utc_now

MIGRATIONS = Path(__file__).with_name("migrations")
ADVISORY_LOCK_KEY = 0x666F72756D  # "forum": the key every forum_toolkit process locks on PostgreSQL


REVISION_LINE = re.compile(r'^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:"([^"]*)"|None)\s*$', re.M)


def alembic_config():
    from alembic.config import Config  # noqa: PLC0415 (only when upgrading: see the module)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def revisions() -> dict[str, str | None]:
    """Each revision of the shipped migrations and the one it follows (None for the first)."""
    found = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        lines = dict((name, value or None) for name, value in REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        found[lines["revision"]] = lines.get("down_revision")
    return found


@cache
def head_revision() -> str:
    """The revision no other revision follows."""
    followed = set(revisions().values())
    heads = [revision for revision in revisions() if revision not in followed]
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads ({', '.join(heads)}): expected one")
    return heads[0]


def current_revision(connection: Connection) -> str | None:
    """The store's schema revision; None for an empty database."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()


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
        from alembic import command  # noqa: PLC0415 (see the module)

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        detail = {"from": current, "to": head}
        connection.execute(insert(audit_log).values(at=utc_now(), session_id=None, event="schema_upgraded", detail=json.dumps(detail)))
        return current or ""


def _check_known(database: Database, current: str | None) -> None:
    if current is None:
        return
    if current not in revisions():
        raise StoreUnavailable(
            database.url,
            f"the schema is at revision {current}, which this forum_toolkit does not know (it knows up to {head_revision()}); upgrade forum_toolkit",
        )
