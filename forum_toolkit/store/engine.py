"""Connecting to the store's database: SQLite (the default, a file under data/) or PostgreSQL.

`open_database` gives a `Database`: the SQLAlchemy engine plus the two ways the store uses it,
`reading()` and `writing()`, each a short transaction.

SQLite settings and why:
- WAL journal: readers (the projector, the facilitator's console) never wait for a writer.
- ``synchronous=FULL``: a commit reaches the disk before it returns, so a vote confirmed to a
  participant survives a power cut (WAL's usual NORMAL could lose the last commits).
- writers take turns through an ``fcntl.flock`` on a lock file beside the database, held only from
  ``BEGIN IMMEDIATE`` to ``COMMIT``. Each tablet has its own Python kernel; SQLite's own busy handler
  would make waiting writers sleep and poll, wasting the disk's few commits per second, whereas a
  process blocked on the lock wakes the moment it is free. The busy timeout stays as a safety net.
PostgreSQL needs none of this: its own row locks and commits do the job.
"""

from __future__ import annotations

import fcntl
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from forum_toolkit.store.errors import StoreUnavailable
from forum_toolkit.store.failures import unavailable

DEFAULT_URL = "sqlite:///data/forum.sqlite3"
URL_VARIABLE = "FORUM_DB_URL"
BUSY_TIMEOUT_MS = 30_000
CONNECT_TIMEOUT_S = 10


@dataclass(frozen=True)
class Database:
    """An open database and how the store takes turns writing to it."""

    engine: Engine
    url: str  # for messages: the password masked
    lock_path: Path | None  # SQLite: the writers' lock file; PostgreSQL: None
    path: Path | None = None  # SQLite: the database file; PostgreSQL: None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction: one consistent view, never blocked by writers."""
        with self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction, committed (durably) when the block ends, rolled back on an error."""
        with self.engine.connect() as connection:
            if self.lock_path is None:
                with connection.begin():
                    yield connection
                return
            connection.execution_options(sqlite_begin="IMMEDIATE")
            with flocked(self.lock_path), connection.begin():
                yield connection

    def close(self) -> None:
        self.engine.dispose()


def store_url(url: str | None = None) -> URL:
    """The URL to open: the one given, else $FORUM_DB_URL, else the SQLite file data/forum.sqlite3."""
    text = url or os.environ.get(URL_VARIABLE) or DEFAULT_URL
    try:
        parsed = make_url(text)
    except ArgumentError:
        shown = re.sub(r":[^:@/]*@", ":***@", text)
        raise StoreUnavailable(shown, "this is not a database URL (expected e.g. sqlite:///data/forum.sqlite3)") from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # the driver forum_toolkit installs
    return parsed


def masked(url: URL) -> str:
    """The URL for messages: the password hidden, an SQLite path as the user wrote it."""
    if url.get_backend_name() == "sqlite":
        return f"{url.drivername}://" + (f"/{url.database}" if url.database else "")
    return url.render_as_string(hide_password=True)


def open_database(url: str | None = None) -> Database:
    """Connect to the database at `url` (see `store_url`) and check that it can be written.

    Raises StoreUnavailable, with one line naming the URL and the reason, when it cannot.
    """
    parsed = store_url(url)
    shown = masked(parsed)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = _sqlite_path(parsed, shown)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        database = Database(engine, shown, path.with_name(path.name + ".lock"), path)
    elif backend == "postgresql":
        engine = create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
        database = Database(engine, shown, None)
    else:
        raise StoreUnavailable(shown, f"{backend} is not supported (use sqlite:/// or postgresql+psycopg://)")
    try:
        with database.writing():
            pass  # SQLite: BEGIN IMMEDIATE fails on a read-only file; PostgreSQL: connects
    except Exception as error:
        database.close()
        raise unavailable(shown, error) from error
    return database


def _sqlite_path(url: URL, shown: str) -> Path:
    if url.database in (None, "", ":memory:") or url.query.get("mode") == "memory":
        raise StoreUnavailable(shown, "an in-memory database cannot be shared between tablets; name a file")
    path = Path(url.database)
    if not path.parent.is_dir():
        raise StoreUnavailable(shown, f"the directory {path.parent} does not exist (create it, or set {URL_VARIABLE})")
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreUnavailable(shown, f"the file {path} is read-only")
    return path


def sqlite_connection(path: Path) -> sqlite3.Connection:
    """A plain `sqlite3` connection with the store's settings, for the hot path of submitting ballots.

    Its transactions are begun by hand (``BEGIN IMMEDIATE``); it may be used from any thread, one at
    a time (the writers' lock sees to that).
    """
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    _configure_sqlite(connection, None)
    return connection


def _configure_sqlite(dbapi_connection, connection_record) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by _begin_sqlite, not the driver
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def flocked(lock_path: Path) -> Iterator[None]:
    """Hold the writers' lock. Opened per transaction so threads of one process also take turns."""
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
