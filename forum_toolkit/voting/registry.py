"""One signature, one registry: every method registers its name, the ballot kind it counts, and what it
promises; the CLI, the docs and the tests read the registry.

A method is `function(profile, seats, tiebreaker) -> Result`; call it through `count()`, which checks
the ballot kind and the seats and sets up the tie-break.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from forum_toolkit.errors import ForumToolkitError
from forum_toolkit.voting.ballots import Profile
from forum_toolkit.voting.result import Result
from forum_toolkit.voting.tiebreak import EARLIEST, TieBreak, Tiebreaker

Counter = Callable[[Profile, int, Tiebreaker], Result]


class CannotCount(ForumToolkitError):
    """An unknown method name, ballots of a kind the method does not count, or no seats to fill."""


@dataclass(frozen=True)
class Method:
    name: str
    title: str
    kind: str  # the ballot kind it counts: ranking, approval or scores
    summary: str  # one plain sentence for a council
    function: Counter
    condorcet: bool = False  # elects the Condorcet winner whenever there is one
    proportional: bool = False  # made for several seats: seats go to groups in proportion
    monotonic: bool = True  # ranking a winner higher (or giving it more) never makes it lose
    single_seat: bool = False  # fills one seat only


REGISTRY: dict[str, Method] = {}


def method(name: str, *, title: str, kind: str, summary: str, **promises: bool):
    """Register a counting function under `name`."""

    def register(function: Counter) -> Counter:
        if name in REGISTRY:
            raise ValueError(f"voting method {name!r} is registered twice")
        REGISTRY[name] = Method(name, title, kind, summary, function, **promises)
        return function

    return register


def get_method(name: str) -> Method:
    try:
        return REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise CannotCount(f"unknown method {name!r}; expected one of: {known}") from None


def methods_for(kind: str) -> list[Method]:
    """Every registered method that counts ballots of this kind, in registration order."""
    return [m for m in REGISTRY.values() if m.kind == kind]


def count(profile: Profile, method: str, *, seats: int = 1, tie_break: TieBreak = EARLIEST) -> Result:
    """Count `profile` with the registered method `method`, electing `seats` candidates."""
    chosen = get_method(method)
    if chosen.kind != profile.kind:
        raise CannotCount(
            f"method {method!r} counts {chosen.kind} ballots, but these are {profile.kind} ballots"
        )
    if not isinstance(seats, int) or seats < 1:
        raise CannotCount(f"seats: expected a whole number of 1 or more, found {seats!r}")
    if seats > 1 and chosen.single_seat:
        raise CannotCount(f"method {method!r} fills one seat; for {seats} seats use stv (ranking) or equal-shares (approval)")
    if not profile.candidates:
        raise CannotCount("there are no candidates to count")
    seats = min(seats, len(profile.candidates))
    return chosen.function(profile, seats, Tiebreaker(tie_break, profile.candidates))
