"""What the store hands back: frozen records read from its tables, and the words it uses.

These are plain values; none of them holds a connection, so they can travel to a widget, a
notebook or another process.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

# A session goes planned → open ⇄ paused → closed; a planned session can also be closed unheld.
STATES = ("planned", "open", "paused", "closed")
NEXT_STATES: dict[str, tuple[str, ...]] = {
    "planned": ("open", "closed"),
    "open": ("paused", "closed"),
    "paused": ("open", "closed"),
    "closed": (),
}

# How a ballot reached the store: a shared tablet, a participant's own phone, a paper form typed in
# by staff, or a participant helped by staff at a tablet.
CHANNELS = ("tablet", "phone", "paper", "assisted")


@dataclass(frozen=True)
class SessionInfo:
    """One session of a consultation: an evening of the forum, or a council's collection period."""

    id: str
    consultation_id: str
    title: str
    held_on: date
    state: str
    submissions: int
    content_hash: str  # sha256 of the consultation file's text the session runs on
    created_at: datetime


@dataclass(frozen=True)
class Receipt:
    """What a participant's device is told once its submission is durable.

    `stored` is False when this submission id was already stored: a retry after a lost answer from
    the server. The ballot is in the store once, either way; `submitted_at` is when it first arrived.
    """

    submission_id: str
    session_id: str
    stored: bool
    submitted_at: datetime


@dataclass(frozen=True)
class StoredSubmission:
    submission_id: str
    session_id: str
    language: str
    channel: str
    submitted_at: datetime
    answers: dict[str, Any]


@dataclass(frozen=True)
class AuditEntry:
    """Something that happened to the store: a session created, a state changed, a refusal..."""

    id: int
    at: datetime
    session_id: str | None
    event: str
    detail: dict[str, Any]


class CodeCounts(NamedTuple):
    issued: int
    used: int
