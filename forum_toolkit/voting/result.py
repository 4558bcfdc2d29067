"""The result of a count: frozen, and keeping the steps that explain it.

- `winners`: every candidate who wins under some way of breaking the ties the method met (the whole
  tied set when there is a tie; for several seats, everyone who could take one of them).
- `elected`: exactly as many as there are seats (fewer only when there are fewer candidates), after
  the tie-break policy was applied.
- `order`: the full order where the method gives one, best first, as groups of tied candidates.
- `tie_break`: the policy, the priority order it gave, and every time the count used it.
- `steps`: plain data (numbers, text, lists, mappings) to show and to serialise: pairwise matrix,
  strongest paths, rounds with transfers, score tables.

Numbers in steps are exact: whole numbers stay `int`, fractions stay `fractions.Fraction`; `to_dict()`
writes a fraction as text like "13/4" so that JSON keeps it exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

from forum_toolkit.voting.tiebreak import TieBreakRecord, Tiebreaker


@dataclass(frozen=True)
class Result:
    method: str
    seats: int
    winners: tuple[str, ...]
    elected: tuple[str, ...]
    order: tuple[tuple[str, ...], ...] | None
    tie_break: TieBreakRecord
    steps: Mapping[str, Any]

    @property
    def tied(self) -> bool:
        """True when the method alone did not decide who is elected."""
        return len(self.winners) > len(self.elected) or self.tie_break.applied

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: `winners`, `elected`, `order`, `tie_break`, `steps` (fractions as "p/q" text)."""
        return {
            "method": self.method,
            "seats": self.seats,
            "winners": list(self.winners),
            "elected": list(self.elected),
            "order": [list(group) for group in self.order] if self.order is not None else None,
            "tie_break": {
                "policy": self.tie_break.policy,
                "priority": list(self.tie_break.priority),
                "applied": [
                    {"at": use.at, "tied": list(use.tied), "chosen": list(use.chosen)} for use in self.tie_break.uses
                ],
            },
            "steps": plain(self.steps),
        }


def plain(value: Any) -> Any:
    """Steps as JSON values: fractions become "p/q" text unless whole, tuples and sets become lists."""
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (frozenset, set)):
        return sorted(plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def make_result(
    method: str,
    seats: int,
    winners: Iterable[str],
    elected: Iterable[str],
    order: Sequence[Iterable[str]] | None,
    tiebreaker: Tiebreaker,
    steps: Mapping[str, Any],
) -> Result:
    sort = tiebreaker.sort
    return Result(
        method=method,
        seats=seats,
        winners=tuple(sort(winners)),
        elected=tuple(elected),
        order=tuple(tuple(sort(group)) for group in order) if order is not None else None,
        tie_break=tiebreaker.record(),
        steps=MappingProxyType(dict(steps)),
    )


def groups_by_score(candidates: Iterable[str], score: Mapping[str, Any], *, reverse: bool = True) -> list[list[str]]:
    """Candidates in groups of equal score, highest first (lowest first with reverse=False)."""
    values = sorted({score[c] for c in candidates}, reverse=reverse)
    return [[c for c in candidates if score[c] == v] for v in values]


def top_of_order(order: Sequence[Sequence[str]], seats: int, tiebreaker: Tiebreaker) -> tuple[list[str], list[str]]:
    """(winners, elected) for `seats` from an order of tied groups: the group that straddles the last
    seat is wholly among the winners, and the tie-break picks who of it is elected."""
    winners: list[str] = []
    elected: list[str] = []
    for group in order:
        if len(elected) >= seats:
            break
        winners.extend(group)
        free = seats - len(elected)
        if len(group) <= free:
            elected.extend(tiebreaker.sort(group))
        else:
            at = "seat 1" if seats == 1 else f"seats {len(elected) + 1}-{seats}"
            elected.extend(tiebreaker.best(group, at, free))
    return winners, elected


def single_result(method, profile, seats, tiebreaker, order, steps) -> Result:
    """The result of a method that gives an order: the first `seats` of it."""
    winners, elected = top_of_order(order, seats, tiebreaker)
    return make_result(method, seats, winners, elected, order, tiebreaker, steps)
