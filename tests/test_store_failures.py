"""The words for a driver's error at opening time: the drivers' wordings, one line each."""

import sqlite3

import pytest

from forum_toolkit.store.errors import StoreUnavailable
from forum_toolkit.store.failures import reason, unavailable


@pytest.mark.parametrize(
    ("driver_says", "we_say"),
    [
        (
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  password authentication failed for user "forum"',
            "the server refused the password",
        ),
        (
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: fe_sendauth: no password supplied',
            "the server asks for a password and the URL gives none",
        ),
        ('connection failed: ... failed: FATAL:  database "forum" does not exist', 'the server has no database "forum"'),
        ('connection failed: ... failed: FATAL:  role "forum" does not exist', 'the server has no user "forum"'),
        (
            'connection failed: connection to server at "127.0.0.1", port 5999 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?',
            "nothing accepts connections there; is the PostgreSQL server running?",
        ),
        ("failed to resolve host 'db.invalid': [Errno -2] Name or service not known", "the host name db.invalid cannot be resolved"),
        ("connection failed: timeout expired", "the server did not answer in time"),
        ("something new\nand more detail", "something new"),
    ],
)
def test_postgresql_wordings(driver_says, we_say):
    assert reason(Exception(driver_says)) == we_say


@pytest.mark.parametrize(
    ("driver_says", "we_say"),
    [
        ("attempt to write a readonly database", "the database file is read-only"),
        ("unable to open database file", "the database file cannot be opened or created (check the directory's permissions)"),
        ("file is not a database", "the file is not an SQLite database"),
    ],
)
def test_sqlite_wordings(driver_says, we_say):
    assert reason(sqlite3.OperationalError(driver_says)) == we_say


def test_file_system_errors_name_the_file():
    assert reason(PermissionError(13, "Permission denied", "/srv/forum.sqlite3.lock")) == "permission denied: /srv/forum.sqlite3.lock"
    assert reason(OSError(28, "No space left on device", "/srv/forum.sqlite3")) == "No space left on device: /srv/forum.sqlite3"


def test_the_message_names_the_store():
    error = unavailable("sqlite:///data/forum.sqlite3", sqlite3.OperationalError("file is not a database"))
    assert isinstance(error, StoreUnavailable)
    assert str(error) == "cannot open the store at sqlite:///data/forum.sqlite3: the file is not an SQLite database"
