"""What the store hands back about the council's agenda: proposals with their translations, voting
rounds, adopted agendas and the status notes of their items. Plain frozen values, like `records`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

TRANSLATION_ORIGINS = ("human", "machine")


@dataclass(frozen=True)
class Translation:
    """One version of a proposal's title and text in another language; the latest version holds."""

    id: int
    proposal_id: int
    language: str
    title: str
    text: str
    origin: str  # human: a volunteer wrote it; machine: a translation program did (shown as such)
    at: datetime


@dataclass(frozen=True)
class Proposal:
    """A proposal as the council works with it: the moderated item in its author's language, with
    the latest translation per language. No author identity: only the language and the channel."""

    id: int
    session_id: str
    question_id: str
    status: str  # pending, approved, rejected, merged
    title: str
    text: str
    category: str | None
    language: str  # the author's
    channel: str  # tablet, phone, paper (typed in by staff), assisted
    authors: int  # 1 + the duplicates merged into it
    reason: str | None  # rejected: why, in words participants read
    translations: tuple[Translation, ...]

    def translation(self, language: str) -> Translation | None:
        return next((t for t in self.translations if t.language == language), None)


@dataclass(frozen=True)
class VotingRound:
    """A session that votes on the approved proposals of another session."""

    session_id: str
    proposals_session_id: str
    question_id: str
    options: tuple[tuple[str, int], ...]  # option id -> proposal (contribution) id, in ballot order
    created_at: datetime


@dataclass(frozen=True)
class StatusNote:
    status: str
    on: date
    note: str
    at: datetime


@dataclass(frozen=True)
class AdoptedItem:
    position: int
    option_id: str
    proposal_id: int | None  # None: an option of the consultation file
    notes: tuple[StatusNote, ...]  # oldest first

    @property
    def status(self) -> str:
        """The latest status; `scheduled` until the council notes anything."""
        return self.notes[-1].status if self.notes else "scheduled"


@dataclass(frozen=True)
class AdoptedAgenda:
    """The agenda a council adopted from a count of a session, and what became of each item."""

    session_id: str
    question_id: str
    method: str
    seats: int
    tie_break: str
    ballots: int
    adopted_at: datetime
    items: tuple[AdoptedItem, ...]

    def item(self, position: int) -> AdoptedItem | None:
        return next((i for i in self.items if i.position == position), None)
