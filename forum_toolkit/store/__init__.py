"""The durable store: sessions, append-only submissions, single-use ballot codes and an audit log.

SQLAlchemy Core over SQLite (WAL, the default file data/forum.sqlite3) or PostgreSQL, the same code
for both; the schema is migrated with Alembic when a store is opened. See `store.py` to begin.

The live forum (issue 4) lives here too: shared forum state and moderation (`forum.py`, `live.py`,
`moderation.py`), live counts and results (`tallies.py`), and change notification (`watch.py`).
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
from forum_toolkit.store.records import (
    CHANNELS,
    ITEM_STATUSES,
    PACINGS,
    ROTATE,
    STATES,
    ApprovedItem,
    AuditEntry,
    Change,
    CodeCounts,
    ForumState,
    GroupResult,
    Item,
    Participation,
    QuestionResult,
    Receipt,
    SessionInfo,
    StanceCount,
    StoredSubmission,
    Version,
)
from forum_toolkit.store.store import Store, open_store
from forum_toolkit.store.watch import FACILITATOR_KINDS, PARTICIPANT_KINDS, Watcher

__all__ = [
    "CHANNELS",
    "DEFAULT_URL",
    "FACILITATOR_KINDS",
    "ITEM_STATUSES",
    "PACINGS",
    "PARTICIPANT_KINDS",
    "REFUSALS",
    "ROTATE",
    "STATES",
    "URL_VARIABLE",
    "ApprovedItem",
    "AuditEntry",
    "Change",
    "CodeCounts",
    "DuplicateSession",
    "ForumState",
    "GroupResult",
    "InvalidRequest",
    "Item",
    "Participation",
    "QuestionResult",
    "Receipt",
    "SessionInfo",
    "StanceCount",
    "StateChangeRefused",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "StoredSubmission",
    "SubmissionRefused",
    "UnknownSession",
    "Version",
    "Watcher",
    "format_code",
    "normalize_code",
    "open_store",
]
