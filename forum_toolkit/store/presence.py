"""Connected devices, as the Voilà processes serving a session report them (see `tables.server_presence`).

Each process overwrites its own row every few seconds (`report`); the console adds up the rows that
are fresh (`connected`). A process that stopped reporting (stopped, crashed, its machine off the
network) drops out after `FRESH_SECONDS`, and with it the pages it served.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Connection, select

from forum_toolkit.store import queries
from forum_toolkit.store.tables import server_presence, utc_now

FRESH_SECONDS = 30


@dataclass(frozen=True)
class Presence:
    """Pages connected to the session's fresh servers, and how many servers report."""

    connected: int
    servers: int


def report(connection: Connection, server_id: str, session_id: str, connected: int, started: int) -> None:
    """Overwrite this server's row (insert it the first time)."""
    values = {"session_id": session_id, "connected": connected, "started": started, "seen_at": utc_now()}
    if not queries.insert_ignoring_duplicate(connection, server_presence, "server_id", {"server_id": server_id, **values}):
        connection.execute(server_presence.update().where(server_presence.c.server_id == server_id).values(**values))


def current(connection: Connection, session_id: str, fresh_seconds: int = FRESH_SECONDS) -> Presence:
    """What the servers that reported in the last `fresh_seconds` say."""
    since = utc_now() - timedelta(seconds=fresh_seconds)
    rows = connection.execute(
        select(server_presence.c.connected).where(server_presence.c.session_id == session_id, server_presence.c.seen_at >= since)
    ).scalars().all()
    return Presence(sum(rows), len(rows))
