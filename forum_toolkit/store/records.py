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


# ---------------------------------------------------------------------------------------------
# The live forum: shared state, what changed, moderated contributions, live counts and results.

# Self-paced: every tablet goes through the pages on its own. Facilitator-led: the facilitator opens
# one page or question at a time and every tablet shows it.
PACINGS = ("self_paced", "facilitator_led")
ROTATE = "rotate"  # the projector's second language goes round the room's languages


@dataclass(frozen=True)
class ForumState:
    """What every tablet, console and projector of a session shows now, read from the store."""

    session_id: str
    state: str  # planned, open, paused, closed
    pacing: str  # one of PACINGS
    open_page: str | None  # facilitator-led: the page open for all tablets; None: nothing open
    open_question: str | None  # the one question open on that page, or None for the whole page
    revealed: tuple[str, ...]  # questions whose results the projector may show, consultation order
    second_language: str | None  # the projector's second language: a code, ROTATE, or None
    changed_at: datetime | None  # when the facilitator last changed any of it
    phone_link_shown: bool = False  # the projector shows the QR code and address for phones

    def is_revealed(self, question_id: str) -> bool:
        return question_id in self.revealed


class Version(NamedTuple):
    """How many facts the store holds about a session, per kind. Facts are only ever added, so
    the version changes with every change to the session; compare versions for equality."""

    submissions: int
    states: int
    forum_events: int
    contributions: int
    decisions: int
    reactions: int


@dataclass(frozen=True)
class Change:
    """A watcher's news: the session's version went from `previous` to `version`."""

    session_id: str
    previous: Version
    version: Version

    @property
    def what(self) -> tuple[str, ...]:
        """The kinds of facts that were added, e.g. ``("submissions",)``."""
        return tuple(name for name, old, new in zip(Version._fields, self.previous, self.version) if new != old)


# A participant's proposal or statement: pending until a facilitator approves or rejects it, or
# merges it into another one that says the same.
ITEM_STATUSES = ("pending", "approved", "rejected", "merged")


@dataclass(frozen=True)
class Item:
    """A contribution in the moderation queue, with every decision taken on it folded in.

    `title` and `text` are as shown (corrected, if a facilitator edited them); the participant's own
    words stay in `original_title` and `original_text`. All of it is plain text: show it as text.
    """

    id: int
    session_id: str
    question_id: str
    kind: str  # proposal, statement
    status: str  # one of ITEM_STATUSES
    title: str | None
    text: str
    category: str | None
    language: str
    channel: str
    created_at: datetime
    original_title: str | None
    original_text: str
    reason: str | None  # rejected: why, in words participants read
    merged_into: int | None  # merged: the item kept
    merged: tuple[int, ...]  # the items merged into this one (and into those), by id

    @property
    def edited(self) -> bool:
        return (self.title, self.text) != (self.original_title, self.original_text)


@dataclass(frozen=True)
class ApprovedItem:
    """An approved contribution as projector and ballots show it: the approved text, nothing else."""

    id: int
    question_id: str
    kind: str
    title: str | None
    text: str
    category: str | None
    language: str
    authors: int  # participants who wrote it: 1 + the duplicates merged into it


@dataclass(frozen=True)
class StanceCount:
    """Agree, disagree and pass for one statement of the file (`statement`) or one approved item."""

    statement: str | None
    item: ApprovedItem | None
    agree: int
    disagree: int
    passed: int


@dataclass(frozen=True)
class QuestionResult:
    """The live result of one question, counted from the stored submissions.

    `counts`: per option, people (single, multiple choice, approval), dots (dots), first places
    (ranking); per point, people (scale); per value, people (number); in the consultation's order.
    `rows`: matrix, per row the people at each point; ranking, per option the people at each place.
    `stances`: statements and proposals, the file's statements then the approved items.
    `groups`: the same per group when asked; groups below the threshold are left out, and so many
    more that the left-out people together reach the threshold (`hidden_groups` says how many).
    """

    question_id: str
    kind: str
    respondents: int
    counts: tuple[tuple[str, int], ...] = ()
    rows: tuple[tuple[str, tuple[int, ...]], ...] = ()
    stances: tuple[StanceCount, ...] = ()
    groups: tuple[GroupResult, ...] = ()
    hidden_groups: int = 0


@dataclass(frozen=True)
class GroupResult:
    """A question's result among one group of participants (see QuestionResult.groups)."""

    group: str | None  # a language, a channel or an option id; None: did not answer that question
    result: QuestionResult


@dataclass(frozen=True)
class Participation:
    """Live counters for the console and projector. The breakdowns leave out groups below the
    threshold, and so many more that the left-out people together reach it."""

    session_id: str
    submissions: int
    per_question: tuple[tuple[str, int], ...]  # submissions answering each question
    per_language: tuple[tuple[str, int], ...]
    per_channel: tuple[tuple[str, int], ...]
    hidden_languages: int
    hidden_channels: int
    threshold: int
