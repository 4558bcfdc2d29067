"""Turning a driver's error at opening time into one line an operator can act on.

The drivers say the same things many ways (psycopg gives no SQLSTATE for a failed connection), so
this matches the known wordings; anything else keeps the driver's own first line.
"""

from __future__ import annotations

import re

from forum_toolkit.store.errors import StoreUnavailable

# (pattern in the driver's message, what to say; {0}, {1}... are the pattern's groups)
_KNOWN: tuple[tuple[str, str], ...] = (
    (r"password authentication failed", "the server refused the password"),
    (r"no password supplied", "the server asks for a password and the URL gives none"),
    (r'database "([^"]+)" does not exist', 'the server has no database "{0}"'),
    (r'role "([^"]+)" does not exist', 'the server has no user "{0}"'),
    (r"Connection refused", "nothing accepts connections there; is the PostgreSQL server running?"),
    (r"failed to resolve host '([^']+)'", "the host name {0} cannot be resolved"),
    (r"timeout expired", "the server did not answer in time"),
    (r"readonly database", "the database file is read-only"),
    (r"unable to open database file", "the database file cannot be opened or created (check the directory's permissions)"),
    (r"file is not a database", "the file is not an SQLite database"),
)


def unavailable(shown_url: str, error: BaseException) -> StoreUnavailable:
    """The StoreUnavailable to raise for `error`, raised while opening the store at `shown_url`."""
    return StoreUnavailable(shown_url, reason(error))


def reason(error: BaseException) -> str:
    if isinstance(error, StoreUnavailable):
        return error.why
    if isinstance(error, PermissionError):
        return f"permission denied: {error.filename}"
    if isinstance(error, OSError) and error.filename:
        return f"{error.strerror}: {error.filename}"
    text = str(getattr(error, "orig", None) or error)
    for pattern, words in _KNOWN:
        found = re.search(pattern, text)
        if found:
            return words.format(*found.groups())
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__
