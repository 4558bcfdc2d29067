"""Learning of a session's changes within a second, without blocking the event loop.

    >>> async with Watcher(url, "forum-2026-11-25", max_seconds=3 * 3600) as changes:
    ...     async for change in changes:           # ends on changes.stop() or after max_seconds
    ...         redraw(store.projector_results("forum-2026-11-25"), change.what)

or, one at a time: ``change = await changes.next(timeout=5)`` (None when nothing changed).

A change is anything that adds a fact about the session: a ballot, a state change, the forum state
(open question, reveal, ...), a contribution, a moderation decision, a reaction. The watcher learns
that something may have changed, then reads the session's `Version` (a handful of counts) and
reports a `Change` only when the version moved.

- SQLite: the watcher keeps a connection and asks ``PRAGMA data_version`` every `poll_interval`
  (0.2 s): it changes when any other connection commits. The PRAGMA takes microseconds and never
  waits (busy timeout 0); the version is read in a worker thread.
- PostgreSQL: the watcher LISTENs on channel ``forum_toolkit`` with psycopg's async connection;
  triggers on the tables notify the session id at commit (migration 0002). Idle, it wakes once a
  second to see whether it was asked to stop. A lost connection is opened again, and the version
  read again, so nothing is missed.

Either way the version is also read every `recheck_interval` (30 s) whatever happened.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

from sqlalchemy.dialects import postgresql, sqlite

from forum_toolkit.store.engine import store_url
from forum_toolkit.store.errors import InvalidRequest, StoreUnavailable, UnknownSession
from forum_toolkit.store.live import version_statement
from forum_toolkit.store.records import Change, Version

CHANNEL = "forum_toolkit"
DEFAULT_MAX_SECONDS = 4 * 3600.0  # a forum evening; then the watcher ends, so its kernel may be culled
PG_WAKE_SECONDS = 1.0  # how soon a PostgreSQL watcher notices stop()


class Watcher:
    """Changes of one session, for an asyncio task (a projector's, a console's, a tablet's)."""

    def __init__(
        self,
        url: str | None,
        session_id: str,
        *,
        max_seconds: float = DEFAULT_MAX_SECONDS,
        poll_interval: float = 0.2,
        recheck_interval: float = 30.0,
    ):
        if not max_seconds > 0 or not poll_interval > 0 or not recheck_interval > 0:
            raise InvalidRequest("max_seconds, poll_interval and recheck_interval must be more than 0 seconds")
        self.session_id = session_id
        self._url = store_url(url)
        self._is_sqlite = self._url.get_backend_name() == "sqlite"
        self._poll = poll_interval
        self._recheck = recheck_interval
        self._ends_at = time.monotonic() + max_seconds
        self._stopped = False
        self._connection = None  # sqlite3.Connection or psycopg.AsyncConnection
        self._data_version: int | None = None
        self._checked_at = 0.0
        self.version: Version | None = None  # the latest version seen

    # The public face

    @property
    def ended(self) -> bool:
        """True once stopped or past max_seconds: no more changes will come."""
        return self._stopped or time.monotonic() >= self._ends_at

    def stop(self) -> None:
        """End the watch: the waiting `next()` returns None within a poll (SQLite) or a second."""
        self._stopped = True

    async def next(self, timeout: float | None = None) -> Change | None:
        """The next change, or None when `timeout` seconds pass first or the watcher has ended."""
        if self.version is None:
            await self._start()
        deadline = min(self._ends_at, time.monotonic() + timeout) if timeout is not None else self._ends_at
        wait = self._wait_sqlite if self._is_sqlite else self._wait_postgresql
        return await wait(deadline)

    def __aiter__(self) -> Watcher:
        return self

    async def __anext__(self) -> Change:
        while not self.ended:
            change = await self.next()
            if change is not None:
                return change
        await self.aclose()
        raise StopAsyncIteration

    async def __aenter__(self) -> Watcher:
        await self._start()
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        self._stopped = True
        connection, self._connection = self._connection, None
        if connection is not None:
            closing = connection.close()
            if asyncio.iscoroutine(closing):
                await closing

    # Starting: the first version, which also says whether the session exists

    async def _start(self) -> None:
        if self._connection is not None:
            return
        if self._is_sqlite:
            self._connection = await asyncio.to_thread(self._open_sqlite)
            self._data_version = self._sqlite_data_version()
            self.version = await asyncio.to_thread(self._sqlite_version)
        else:
            await self._open_postgresql()
            self.version = await self._postgresql_version()
        if self.version is None:
            await self.aclose()
            raise UnknownSession(self.session_id)
        self._checked_at = time.monotonic()

    def _changed(self, version: Version | None) -> Change | None:
        self._checked_at = time.monotonic()
        if version is None or version == self.version:
            return None
        change, self.version = Change(self.session_id, self.version, version), version
        return change

    # SQLite

    def _open_sqlite(self) -> sqlite3.Connection:
        try:
            uri = Path(self._url.database).resolve().as_uri() + "?mode=rw"  # never creates a database
            connection = sqlite3.connect(uri, uri=True, timeout=0, check_same_thread=False)
        except sqlite3.Error as error:
            raise StoreUnavailable(f"sqlite:///{self._url.database}", str(error)) from None
        connection.isolation_level = None
        return connection

    def _sqlite_data_version(self) -> int | None:
        try:
            return self._connection.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.OperationalError:  # busy for a moment: look again next time
            return None

    def _sqlite_version(self) -> Version | None:
        compiled = version_statement(self.session_id).compile(dialect=_SQLITE)
        try:
            exists, *counts = self._connection.execute(compiled.string, compiled.params).fetchone()
        except sqlite3.OperationalError:
            return self.version  # busy for a moment: unchanged, as far as we know
        return Version(*counts) if exists else None

    async def _wait_sqlite(self, deadline: float) -> Change | None:
        while not self._stopped and time.monotonic() < deadline:
            data_version = self._sqlite_data_version()
            if data_version is None or data_version != self._data_version or time.monotonic() - self._checked_at >= self._recheck:
                self._data_version = data_version
                change = self._changed(await asyncio.to_thread(self._sqlite_version))
                if change is not None:
                    return change
            await asyncio.sleep(max(0.0, min(self._poll, deadline - time.monotonic())))
        return None

    # PostgreSQL

    async def _open_postgresql(self) -> None:
        import psycopg  # noqa: PLC0415 (only PostgreSQL watchers need it)

        conninfo = self._url.set(drivername="postgresql").render_as_string(hide_password=False)
        try:
            self._connection = await psycopg.AsyncConnection.connect(conninfo, autocommit=True, connect_timeout=10)
            await self._connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as error:
            raise StoreUnavailable(self._url.render_as_string(hide_password=True), str(error).strip().splitlines()[0]) from None

    async def _postgresql_version(self) -> Version | None:
        compiled = version_statement(self.session_id).compile(dialect=_POSTGRESQL)
        cursor = await self._connection.execute(compiled.string, compiled.params)
        exists, *counts = await cursor.fetchone()
        return Version(*counts) if exists else None

    async def _wait_postgresql(self, deadline: float) -> Change | None:
        import psycopg  # noqa: PLC0415

        while not self._stopped and time.monotonic() < deadline:
            if self._connection is None:
                await self._reopen_postgresql(deadline)
                continue
            due = time.monotonic() - self._checked_at >= self._recheck
            try:
                if not due:
                    wake = max(0.0, min(PG_WAKE_SECONDS, deadline - time.monotonic()))
                    async for notify in self._connection.notifies(timeout=wake):
                        if notify.payload == self.session_id:
                            due = True
                            break
                if due:
                    change = self._changed(await self._postgresql_version())
                    if change is not None:
                        return change
            except psycopg.OperationalError:  # the server went away: open again, then read the version
                await self._reopen_postgresql(deadline)
        return None

    async def _reopen_postgresql(self, deadline: float) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            await connection.close()
        while not self._stopped and time.monotonic() < deadline:
            await asyncio.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
            try:
                await self._open_postgresql()
            except StoreUnavailable:
                continue
            self._checked_at = 0.0  # read the version at once: changes may have come meanwhile
            return


_SQLITE = sqlite.dialect(paramstyle="named")
_POSTGRESQL = postgresql.psycopg.dialect()
