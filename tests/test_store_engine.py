"""Opening the store's database: which URL, the SQLite settings, the writers' lock, and one clear line
when it cannot be opened."""

from __future__ import annotations

import fcntl
import os
import socket
import struct
import subprocess
import threading
import time

import pytest
from sqlalchemy import text

from forum_toolkit.store import StoreUnavailable, open_store
from forum_toolkit.store.engine import open_database, store_url


def test_the_url_given_wins(monkeypatch):
    monkeypatch.setenv("FORUM_DB_URL", "sqlite:///elsewhere.sqlite3")
    assert store_url("sqlite:///given.sqlite3").database == "given.sqlite3"


def test_the_environment_names_the_store_when_no_url_is_given(monkeypatch):
    monkeypatch.setenv("FORUM_DB_URL", "sqlite:///from-env.sqlite3")
    assert store_url(None).database == "from-env.sqlite3"


def test_the_default_is_a_file_under_data(monkeypatch):
    monkeypatch.delenv("FORUM_DB_URL", raising=False)
    assert store_url(None).render_as_string() == "sqlite:///data/forum.sqlite3"


def test_plain_postgresql_urls_use_psycopg():
    assert store_url("postgresql://forum@db/forum").drivername == "postgresql+psycopg"


def test_the_default_store_opens_relative_to_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("FORUM_DB_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    with open_store() as store:
        assert store.url == "sqlite:///data/forum.sqlite3"
    assert (tmp_path / "data" / "forum.sqlite3").is_file()


def test_sqlite_settings_for_durability_and_concurrency(sqlite_url):
    database = open_database(sqlite_url)
    with database.reading() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    database.close()


def test_a_writer_holds_the_lock_file_and_readers_are_not_blocked(sqlite_url):
    database = open_database(sqlite_url)
    with database.writing() as connection:
        connection.execute(text("CREATE TABLE notes (note TEXT)"))
    inside, release = threading.Event(), threading.Event()

    def write():
        with database.writing() as connection:
            connection.execute(text("INSERT INTO notes VALUES ('uncommitted')"))
            inside.set()
            release.wait(5)

    writer = threading.Thread(target=write)
    writer.start()
    assert inside.wait(5)
    with open(database.lock_path) as lock, pytest.raises(BlockingIOError):
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    started = time.monotonic()
    with database.reading() as connection:
        assert connection.execute(text("SELECT count(*) FROM notes")).scalar() == 0
    assert time.monotonic() - started < 1
    release.set()
    writer.join()
    with open(database.lock_path) as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again
    database.close()


# --- Stores that cannot be opened --------------------------------------------------------------


def test_a_missing_directory_is_named(tmp_path):
    url = f"sqlite:///{tmp_path}/missing/forum.sqlite3"
    with pytest.raises(StoreUnavailable) as raised:
        open_store(url)
    assert str(raised.value) == (
        f"cannot open the store at {url}: the directory {tmp_path}/missing does not exist (create it, or set FORUM_DB_URL)"
    )
    assert not (tmp_path / "missing").exists()


def test_a_file_that_is_not_a_database(tmp_path):
    (tmp_path / "notes.txt").write_text("shopping list\n" * 200)
    url = f"sqlite:///{tmp_path}/notes.txt"
    with pytest.raises(StoreUnavailable) as raised:
        open_store(url)
    assert str(raised.value) == f"cannot open the store at {url}: the file is not an SQLite database"


@pytest.fixture
def read_only_store(tmp_path):
    """The path of a store file nobody may write. Root may write any file whatever its mode, but
    not an immutable one (chattr +i), so under root the file is made immutable too."""
    path = tmp_path / "forum.sqlite3"
    open_store(f"sqlite:///{path}").close()
    path.chmod(0o444)
    immutable = os.geteuid() == 0
    if immutable and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root, and chattr +i is not available to make a file read-only")
    yield path
    if immutable:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_file(read_only_store):
    url = f"sqlite:///{read_only_store}"
    with pytest.raises(StoreUnavailable) as raised:
        open_store(url)
    assert str(raised.value) == f"cannot open the store at {url}: the file {read_only_store} is read-only"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("sqlite://", "an in-memory database cannot be shared between tablets; name a file"),
        ("sqlite:///:memory:", "an in-memory database cannot be shared between tablets; name a file"),
        ("mysql://forum@localhost/forum", "mysql is not supported (use sqlite:/// or postgresql+psycopg://)"),
    ],
)
def test_stores_forum_toolkit_does_not_keep(url, why):
    with pytest.raises(StoreUnavailable) as raised:
        open_store(url)
    assert str(raised.value) == f"cannot open the store at {url}: {why}"


def test_something_that_is_not_a_url_is_named_with_its_password_masked():
    with pytest.raises(StoreUnavailable) as raised:
        open_store("forum:secret@somewhere")
    assert str(raised.value) == (
        "cannot open the store at forum:***@somewhere: this is not a database URL (expected e.g. sqlite:///data/forum.sqlite3)"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_postgresql_server_that_is_down():
    port = _free_port()
    with pytest.raises(StoreUnavailable) as raised:
        open_store(f"postgresql+psycopg://forum:secret@127.0.0.1:{port}/forum")
    assert str(raised.value) == (
        f"cannot open the store at postgresql+psycopg://forum:***@127.0.0.1:{port}/forum: "
        "nothing accepts connections there; is the PostgreSQL server running?"
    )


@pytest.mark.postgres
def test_an_unknown_database(pg_server):
    url = pg_server.set(database="no_such_forum").render_as_string(hide_password=False)
    with pytest.raises(StoreUnavailable) as raised:
        open_store(url)
    shown = pg_server.set(database="no_such_forum").render_as_string(hide_password=True)
    assert str(raised.value) == f'cannot open the store at {shown}: the server has no database "no_such_forum"'


@pytest.mark.postgres
def test_an_unknown_user(pg_server):
    url = pg_server.set(username="nobody_here", password="secret")
    with pytest.raises(StoreUnavailable) as raised:
        open_store(url.render_as_string(hide_password=False))
    assert str(raised.value) == f'cannot open the store at {url.render_as_string()}: the server has no user "nobody_here"'


@pytest.fixture
def password_refusing_server():
    """A stand-in PostgreSQL server that asks for a password and refuses it (the test server trusts
    everyone, so it cannot refuse one). Speaks just enough of the protocol: v3 startup, cleartext
    password request, a FATAL 28P01 error."""
    listener = socket.create_server(("127.0.0.1", 0))

    def receive(connection, size):
        data = b""
        while len(data) < size:
            chunk = connection.recv(size - len(data))
            if not chunk:
                raise ConnectionError
            data += chunk
        return data

    def refuse(connection):
        while True:  # SSL and GSS encryption requests are declined, then the startup message comes
            length = struct.unpack("!I", receive(connection, 4))[0]
            body = receive(connection, length - 4)
            if struct.unpack("!I", body[:4])[0] not in (80877103, 80877104):
                break
            connection.sendall(b"N")
        connection.sendall(b"R" + struct.pack("!II", 8, 3))  # AuthenticationCleartextPassword
        receive(connection, 1)
        receive(connection, struct.unpack("!I", receive(connection, 4))[0] - 4)
        fields = b'SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user "forum"\0\0'
        connection.sendall(b"E" + struct.pack("!I", len(fields) + 4) + fields)

    def serve():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                try:
                    refuse(connection)
                except (ConnectionError, OSError):
                    pass

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()


def test_a_wrong_password(password_refusing_server):
    port = password_refusing_server
    with pytest.raises(StoreUnavailable) as raised:
        open_store(f"postgresql+psycopg://forum:wrong@127.0.0.1:{port}/forum")
    assert str(raised.value) == f"cannot open the store at postgresql+psycopg://forum:***@127.0.0.1:{port}/forum: the server refused the password"
    assert "wrong" not in str(raised.value)
