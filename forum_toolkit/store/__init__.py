"""The durable store: sessions, append-only submissions, single-use ballot codes and an audit log.

SQLAlchemy Core over SQLite (WAL, the default file data/forum.sqlite3) or PostgreSQL, the same code
for both; the schema is migrated with Alembic when a store is opened. See `store.py` to begin.
"""

from forum_toolkit.store.codes import format_code, normalize_code
from forum_toolkit.store.engine import DEFAULT_URL, URL_VARIABLE
from forum_toolkit.store.errors import (
    REFUSALS,
    DuplicateSession,
    InvalidRequest,
    StateChangeRefused,
    StoreError,
    StoreUnavailable,
    SubmissionRefused,
    UnknownSession,
)
from forum_toolkit.store.records import CHANNELS, STATES, AuditEntry, CodeCounts, Receipt, SessionInfo, StoredSubmission
from forum_toolkit.store.store import Store, open_store

__all__ = [
    "CHANNELS",
    "DEFAULT_URL",
    "REFUSALS",
    "STATES",
    "URL_VARIABLE",
    "AuditEntry",
    "CodeCounts",
    "DuplicateSession",
    "InvalidRequest",
    "Receipt",
    "SessionInfo",
    "StateChangeRefused",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "StoredSubmission",
    "SubmissionRefused",
    "UnknownSession",
    "format_code",
    "normalize_code",
    "open_store",
]
