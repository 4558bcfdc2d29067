"""Tie-breaks as named, recorded policies: never an arbitrary pick hidden in a `max()`.

A policy turns the candidates into one priority order, best first, that anyone can recompute:

- `earliest`: the order in which the candidates (proposals) were submitted, earliest first; for a
  ballot file, the order of the candidates in the file.
- `seed:N`: the candidates in submission order shuffled by Python's `random.Random(N).shuffle`, with a
  seed N published before the count (a council can draw it from a hat in the meeting).

When a count meets a tie that it must break (one seat, two candidates with the same score; who is
eliminated in an instant-runoff round), the candidate earlier in the priority order is preferred.
Every use is recorded with the tied candidates, who was chosen, and where in the count it happened.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from forum_toolkit.errors import ForumToolkitError


class InvalidTieBreak(ForumToolkitError):
    """A tie-break policy that cannot be read."""


@dataclass(frozen=True)
class TieBreak:
    """A named policy: `TieBreak.parse("seed:2026")`, `TieBreak.parse("earliest")`."""

    name: str  # "earliest" or "seed"
    seed: int | None = None

    @classmethod
    def parse(cls, text: str) -> "TieBreak":
        text = text.strip()
        if text == "earliest":
            return cls("earliest")
        if text.startswith("seed:"):
            number = text[len("seed:"):]
            if number.lstrip("-").isdigit():
                return cls("seed", int(number))
        raise InvalidTieBreak(f"tie-break: expected 'earliest' or 'seed:N' with a whole number N, found {text!r}")

    def __str__(self) -> str:
        return "earliest" if self.name == "earliest" else f"seed:{self.seed}"

    def priority(self, candidates: Sequence[str]) -> tuple[str, ...]:
        """All candidates, best first: who wins a tie that must be broken."""
        order = list(candidates)
        if self.name == "seed":
            random.Random(self.seed).shuffle(order)
        return tuple(order)


EARLIEST = TieBreak("earliest")


@dataclass(frozen=True)
class TieBreakUse:
    at: str  # where in the count: "seat 1", "round 3: elimination", "pair (A, B)"
    tied: tuple[str, ...]
    chosen: tuple[str, ...]


@dataclass(frozen=True)
class TieBreakRecord:
    """The policy, the priority order it gave, and each time the count used it."""

    policy: str
    priority: tuple[str, ...]
    uses: tuple[TieBreakUse, ...] = ()

    @property
    def applied(self) -> bool:
        return bool(self.uses)


@dataclass
class Tiebreaker:
    """The policy at work during one count; `record()` freezes what it did."""

    policy: TieBreak
    candidates: Sequence[str]
    uses: list[TieBreakUse] = field(default_factory=list)

    def __post_init__(self):
        self.order = self.policy.priority(self.candidates)
        self.position = {c: i for i, c in enumerate(self.order)}

    def sort(self, candidates: Iterable[str]) -> list[str]:
        """Candidates by priority, best first (no use recorded: for display order only)."""
        return sorted(candidates, key=self.position.__getitem__)

    def best(self, tied: Iterable[str], at: str, how_many: int = 1) -> list[str]:
        """The `how_many` of the tied candidates that the policy prefers; recorded when a choice was made."""
        ranked = self.sort(tied)
        chosen = ranked[:how_many]
        if len(ranked) > how_many:
            self.uses.append(TieBreakUse(at, tuple(ranked), tuple(chosen)))
        return chosen

    def worst(self, tied: Iterable[str], at: str) -> str:
        """The one tied candidate that the policy puts last (to be eliminated); recorded when a choice was made."""
        ranked = self.sort(tied)
        if len(ranked) > 1:
            self.uses.append(TieBreakUse(at, tuple(ranked), (ranked[-1],)))
        return ranked[-1]

    def record(self) -> TieBreakRecord:
        return TieBreakRecord(str(self.policy), tuple(self.order), tuple(self.uses))
