"""An agenda built from a count: the elected proposals in order, with their texts and how they were counted.

    >>> agenda = build_agenda(result, candidates, ballots=64, title="Ausländerbeirat, Januar")
    >>> [item.candidate.title("de") for item in agenda.items]

A `Candidate` is what was counted: a resident's proposal (its author's own words, and translations
that volunteers wrote or a program made) or an option of a consultation file (its labels). Nothing
here escapes or formats participant text: the documents do that when they show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from forum_toolkit.agenda.errors import AgendaError
from forum_toolkit.voting import Result

ORIGINS = ("author", "human", "machine", "file")  # who wrote the text in that language


@dataclass(frozen=True)
class ProposalText:
    """A candidate's title and text in one language, and who wrote them there."""

    language: str
    title: str
    text: str
    origin: str  # author: as its author wrote it; human: a volunteer's translation; machine: a program's; file: the consultation file


@dataclass(frozen=True)
class Candidate:
    """One option of a count: a proposal (`proposal_id`) or an option of the consultation file."""

    option_id: str
    language: str  # the author's language (for an option of the file: the file's default language)
    texts: tuple[ProposalText, ...]
    category: str | None = None
    proposal_id: int | None = None
    authors: int = 1  # residents who proposed it: 1 + the duplicates merged into it

    def text_in(self, language: str) -> ProposalText | None:
        """The text in `language`, or None when nobody wrote or translated it into that language."""
        return next((t for t in self.texts if t.language == language), None)

    @property
    def original(self) -> ProposalText:
        return self.text_in(self.language) or self.texts[0]

    def title(self, language: str) -> str:
        """The title in `language`, else the author's own (documents mark that; see `text_in`)."""
        return (self.text_in(language) or self.original).title


@dataclass(frozen=True)
class AgendaItem:
    position: int  # 1, 2, ...
    candidate: Candidate
    by_tie_break: bool  # it was one of several tied candidates, and the tie-break put it here


@dataclass(frozen=True)
class Agenda:
    """The elected candidates in order, and what the count was: method, seats, ballots, result."""

    title: str
    session_id: str
    question_id: str
    ballots: int
    result: Result
    items: tuple[AgendaItem, ...]
    candidates: tuple[Candidate, ...]  # everyone counted, in the order they were submitted

    @property
    def method(self) -> str:
        return self.result.method

    @property
    def seats(self) -> int:
        return self.result.seats

    def candidate(self, option_id: str) -> Candidate:
        return next(c for c in self.candidates if c.option_id == option_id)


def build_agenda(result: Result, candidates: tuple[Candidate, ...] | list[Candidate], *, ballots: int, title: str, session_id: str, question_id: str) -> Agenda:
    """The agenda a count gives: the elected candidates in the order they were elected."""
    by_id = {c.option_id: c for c in candidates}
    missing = [option for option in result.elected if option not in by_id]
    if missing:
        raise AgendaError(f"the count elected {missing[0]!r}, which is not among the candidates given")
    # Placed by the tie-break: tied where the count used it, or level with another elected item in
    # the method's order (their places among each other come from the tie-break's priority order).
    tied = {c for use in result.tie_break.uses for c in use.tied}
    elected = set(result.elected)
    for group in result.order or ():
        if len(set(group) & elected) > 1:
            tied |= set(group)
    items = tuple(AgendaItem(position, by_id[option], option in tied) for position, option in enumerate(result.elected, start=1))
    return Agenda(title, session_id, question_id, ballots, result, items, tuple(candidates))
