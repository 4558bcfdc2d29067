"""Learning of a session's changes within a second, without blocking the event loop or costing
CPU while nothing happens.

    >>> async with Watcher(url, "forum-2026-11-25", max_seconds=3 * 3600) as changes:
    ...     async for change in changes:           # ends on changes.stop() or after max_seconds
    ...         redraw(store.projector_results("forum-2026-11-25"), change.what)

or, one at a time: ``change = await changes.next(timeout=5)`` (None when nothing changed).

A change is anything that adds a fact about the session: a ballot, a state change, the forum state
(open question, reveal, ...), a contribution, a moderation decision, a reaction. The watcher learns
that something may have changed, reads the session's `Version` (a handful of counts) and reports a
`Change` only when the version moved, so other sessions' writes and refusals stay quiet.

- SQLite: every commit writes the WAL file beside the database. The watcher asks the kernel
  (inotify, Linux) to wake it when a file in the database's folder is written, then compares
  ``PRAGMA data_version`` on its kept connection (it changes when another connection commits).
  The WAL is written before the commit is visible, so after a write it looks again at 20, 100,
  300 and 700 ms, until the commit shows. Idle, it looks only every `INOTIFY_POLL` seconds, in case the folder's file system does
  not report writes. Without inotify it looks every `poll_interval` (0.25 s).
- PostgreSQL: the watcher LISTENs on channels ``forum_toolkit`` (facilitators' changes) and
  ``forum_toolkit_participants`` (ballots, contributions, reactions), or only the one its `kinds`
  need; triggers on the tables notify the session id when a transaction commits (migration 0002). It waits for its socket to be readable
  and wakes for nothing else. A lost connection is opened again and the version read again.
- Both: the PRAGMA and the socket reads never wait (busy timeout 0, non-blocking), the SQLite
  version is read in a worker thread and the PostgreSQL one on psycopg's async connection; the
  version is also read every `recheck_interval` (30 s) whatever happened. `stop()` wakes the
  watcher at once, from any thread.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import sqlite3
import struct
import sys
import time
from pathlib import Path

from sqlalchemy.dialects import postgresql, sqlite

from forum_toolkit.store.engine import store_url
from forum_toolkit.store.errors import InvalidRequest, StoreUnavailable, UnknownSession
from forum_toolkit.store.live import version_statement
from forum_toolkit.store.records import Change, Version

# What participants add (many times a minute) and what facilitators change, and the PostgreSQL
# channel each notifies (migration 0002). A tablet following the facilitator watches FACILITATOR
# kinds only: on PostgreSQL it is then not even woken by ballots.
PARTICIPANT_KINDS = ("submissions", "contributions", "reactions")
FACILITATOR_KINDS = ("states", "forum_events", "decisions")
CHANNELS = {"forum_toolkit_participants": PARTICIPANT_KINDS, "forum_toolkit": FACILITATOR_KINDS}
DEFAULT_MAX_SECONDS = 4 * 3600.0  # a forum evening; then the watcher ends, so its kernel may be culled
INOTIFY_POLL = 2.0  # SQLite with inotify: the safety look at data_version while idle
LOOKS_AFTER_A_WRITE = (0.02, 0.1, 0.3, 0.7)  # SQLite with inotify: seconds after a write to look


class Watcher:
    """Changes of one session, for an asyncio task (a projector's, a console's, a tablet's).

    `kinds`: the kinds of facts (fields of `Version`) whose changes are reported, all by default; a
    tablet that follows the facilitator passes FACILITATOR_KINDS. `max_seconds`: the watch ends
    then, so that a forgotten page does not keep its kernel busy for ever.
    """

    def __init__(
        self,
        url: str | None,
        session_id: str,
        *,
        max_seconds: float = DEFAULT_MAX_SECONDS,
        poll_interval: float = 0.25,
        recheck_interval: float = 30.0,
        kinds: tuple[str, ...] = Version._fields,
    ):
        if not max_seconds > 0 or not poll_interval > 0 or not recheck_interval > 0:
            raise InvalidRequest("max_seconds, poll_interval and recheck_interval must be more than 0 seconds")
        unknown = [kind for kind in kinds if kind not in Version._fields]
        if unknown or not kinds:
            raise InvalidRequest(f"kinds {tuple(kinds)!r}: expected some of {', '.join(Version._fields)}")
        self.session_id = session_id
        self.kinds = tuple(kinds)  # the kinds of facts whose change is reported
        self._channels = [channel for channel, covered in CHANNELS.items() if set(covered) & set(kinds)]
        self._url = store_url(url)
        self._is_sqlite = self._url.get_backend_name() == "sqlite"
        compiled = version_statement(session_id).compile(dialect=_SQLITE if self._is_sqlite else _POSTGRESQL)
        self._query = (compiled.string, compiled.params)  # compiled once: the watcher reads it after every write
        self._poll = poll_interval
        self._recheck = recheck_interval
        self._ends_at = time.monotonic() + max_seconds
        self._stopped = False
        self._connection = None  # sqlite3.Connection or psycopg.AsyncConnection
        self._inotify: int | None = None  # SQLite: the inotify descriptor, if the system has one
        self._database_name = ""  # SQLite: the database file's name, which its -wal file's begins with
        self._data_version: int | None = None
        self._looks: list[float] = []  # SQLite: when to look at data_version again after a write
        self._written = False  # SQLite: inotify reported a write that no look has followed yet
        self._loop: asyncio.AbstractEventLoop | None = None  # SQLite: the loop reading inotify
        self._pending = False  # PostgreSQL: a notification for this session came
        self._checked_at = 0.0
        self._wake = None  # (loop, callback) while waiting
        self.version: Version | None = None  # the latest version seen

    # The public face

    @property
    def ended(self) -> bool:
        """True once stopped or past max_seconds: no more changes will come."""
        return self._stopped or time.monotonic() >= self._ends_at

    def stop(self) -> None:
        """End the watch; a waiting `next()` returns None at once. Safe from any thread."""
        self._stopped = True
        if self._wake is not None:
            loop, wake = self._wake
            loop.call_soon_threadsafe(wake)

    async def next(self, timeout: float | None = None) -> Change | None:
        """The next change, or None when `timeout` seconds pass first or the watcher has ended."""
        if self._connection is None and not self.ended:
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
        """Stop and let go of the connection (and inotify descriptor)."""
        self._stopped = True
        await self._close_connection()
        if self._inotify is not None:
            self._loop.remove_reader(self._inotify)
            os.close(self._inotify)
            self._inotify = None

    # Starting: the first version, which also says whether the session exists

    async def _start(self) -> None:
        if self._connection is not None:
            return
        if self._is_sqlite:
            self._connection = await asyncio.to_thread(self._open_sqlite)
            path = Path(self._url.database).resolve()
            self._inotify, self._database_name = _inotify_on(path.parent), path.name
            if self._inotify is not None:  # read as soon as readable, for as long as the watch lasts
                self._loop = asyncio.get_running_loop()
                self._loop.add_reader(self._inotify, self._folder_written)
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
        """A Change when a watched kind moved; the version is kept either way."""
        self._checked_at = time.monotonic()
        if version is None or version == self.version:
            return None
        change, self.version = Change(self.session_id, self.version, version), version
        return change if set(change.what) & set(self.kinds) else None

    async def _pause(self, seconds: float, descriptor: int | None = None) -> None:
        """Sleep until `seconds` pass, `descriptor` is readable or stop() is called."""
        loop = asyncio.get_running_loop()
        waiter = loop.create_future()

        def wake() -> None:
            if not waiter.done():
                waiter.set_result(None)

        timer = loop.call_later(max(0.0, seconds), wake)
        if descriptor is not None:
            loop.add_reader(descriptor, wake)
        self._wake = (loop, wake)
        try:
            if not self._stopped:
                await waiter
        finally:
            self._wake = None
            timer.cancel()
            if descriptor is not None:
                loop.remove_reader(descriptor)

    async def _close_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            closing = connection.close()
            if asyncio.iscoroutine(closing):
                await closing

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
        try:
            exists, *counts = self._connection.execute(*self._query).fetchone()
        except sqlite3.OperationalError:
            return self.version  # busy for a moment: unchanged, as far as we know
        return Version(*counts) if exists else None

    def _folder_written(self) -> None:
        """inotify has events: read them (so that the loop does not call again), and if one was
        about the database's files, look at data_version a few times from now."""
        if _drain(self._inotify, self._database_name):
            now = time.monotonic()
            self._looks = [now + delay for delay in LOOKS_AFTER_A_WRITE]
            self._written = True
            if self._wake is not None:
                self._wake[1]()

    async def _wait_sqlite(self, deadline: float) -> Change | None:
        while not self._stopped and time.monotonic() < deadline:
            written, self._written = self._written, False
            data_version = self._sqlite_data_version()
            if data_version is None or data_version != self._data_version or time.monotonic() - self._checked_at >= self._recheck:
                self._data_version = data_version
                if not written:
                    self._looks = []  # the write we were looking out for has committed
                change = self._changed(await asyncio.to_thread(self._sqlite_version))
                if change is not None:
                    return change
            if not self._written:
                await self._pause(min(self._interval(), deadline - time.monotonic()))
        return None

    def _interval(self) -> float:
        """How long to wait before the next look at data_version. A write to the WAL comes before
        its commit is visible (the fsync lies between), so after one the watcher looks again a few
        times (LOOKS_AFTER_A_WRITE) until data_version moves; otherwise it relies on inotify, or
        polls without it."""
        if self._inotify is None:
            return self._poll
        now = time.monotonic()
        while self._looks and self._looks[0] <= now:
            self._looks.pop(0)
        return self._looks[0] - now if self._looks else max(self._poll, INOTIFY_POLL)

    # PostgreSQL

    async def _open_postgresql(self) -> None:
        import psycopg  # noqa: PLC0415 (only PostgreSQL watchers need it)

        conninfo = self._url.set(drivername="postgresql").render_as_string(hide_password=False)
        try:
            self._connection = await psycopg.AsyncConnection.connect(conninfo, autocommit=True, connect_timeout=10)
            self._connection.add_notify_handler(self._notified)  # also for notifications read during a query
            for channel in self._channels:
                await self._connection.execute(f"LISTEN {channel}")
        except psycopg.Error as error:
            await self._close_connection()
            raise StoreUnavailable(self._url.render_as_string(hide_password=True), str(error).strip().splitlines()[0]) from None

    def _notified(self, notify) -> None:
        if notify.payload == self.session_id:
            self._pending = True

    async def _postgresql_version(self) -> Version | None:
        cursor = await self._connection.execute(*self._query)
        exists, *counts = await cursor.fetchone()
        return Version(*counts) if exists else None

    async def _wait_postgresql(self, deadline: float) -> Change | None:
        import psycopg  # noqa: PLC0415

        while not self._stopped and time.monotonic() < deadline:
            try:
                if self._connection is None:
                    await self._reopen_postgresql(deadline)
                    continue
                if self._pending or time.monotonic() - self._checked_at >= self._recheck:
                    self._pending = False
                    change = self._changed(await self._postgresql_version())
                    if change is not None:
                        return change
                    continue
                recheck_in = self._recheck - (time.monotonic() - self._checked_at)
                await self._pause(min(recheck_in, deadline - time.monotonic()), self._connection.pgconn.socket)
                pgconn = self._connection.pgconn
                pgconn.consume_input()  # never waits; raises when the server has gone
                while (notify := pgconn.notifies()) is not None:
                    pgconn.notify_handler(notify)  # psycopg's dispatch, which calls _notified
            except psycopg.OperationalError:  # the server went away: open again, then read the version
                await self._close_connection()
        return None

    async def _reopen_postgresql(self, deadline: float) -> None:
        """Connect again, a second apart, until it works, the watch ends or it is stopped."""
        while not self._stopped and time.monotonic() < deadline:
            await self._pause(min(1.0, deadline - time.monotonic()))
            try:
                await self._open_postgresql()
            except StoreUnavailable:
                continue
            self._pending = True  # changes may have come meanwhile
            return


_SQLITE = sqlite.dialect(paramstyle="named")
_POSTGRESQL = postgresql.psycopg.dialect()

# inotify (Linux): wake when a file in the database's folder is written, created or moved in.
_IN_MODIFY, _IN_MOVED_TO, _IN_CREATE = 0x2, 0x80, 0x100


def _inotify_on(folder: Path) -> int | None:
    """A non-blocking inotify descriptor watching `folder`, or None where there is none (not Linux,
    or the user's inotify instances used up): then the watcher polls."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        descriptor = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, AttributeError):
        return None
    if descriptor < 0:
        return None
    if libc.inotify_add_watch(descriptor, os.fsencode(folder), _IN_MODIFY | _IN_MOVED_TO | _IN_CREATE) < 0:
        os.close(descriptor)
        return None
    return descriptor


def _drain(descriptor: int | None, database: str) -> bool:
    """Read away the events that woke us; True when one was about the database's files (the
    database, its -wal or -journal): data_version then says whether anything committed."""
    if descriptor is None:
        return False
    prefix, ours = os.fsencode(database), False
    try:
        while buffer := os.read(descriptor, 65536):
            offset = 0
            while offset + _EVENT.size <= len(buffer):
                _, _, _, length = _EVENT.unpack_from(buffer, offset)
                name = buffer[offset + _EVENT.size : offset + _EVENT.size + length].rstrip(b"\0")
                ours = ours or name.startswith(prefix)
                offset += _EVENT.size + length
    except BlockingIOError:
        pass
    return ours


_EVENT = struct.Struct("iIII")  # struct inotify_event: wd, mask, cookie, len; then len bytes of name
