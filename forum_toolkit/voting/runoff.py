"""Methods that count in rounds and drop one proposal per round: instant-runoff and Coombs.

Each round counts every ballot for its most preferred proposal still in the race. A ballot that
puts several remaining proposals at its top place shares its vote equally between them. A ballot
that ranks none of the remaining proposals is "exhausted": it no longer counts, and the majority is
taken of the ballots still counting. A proposal with more than half of those votes wins.

Ties for elimination are broken by the tie-break policy and recorded. `winners` lists everyone who
would win under some way of breaking those ties (all of them are checked); `elected` follows the
policy.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Callable

from forum_toolkit.voting.ballots import RANKING, Profile
from forum_toolkit.voting.registry import method
from forum_toolkit.voting.result import groups_by_score, make_result


def first_choices(profile: Profile, continuing: frozenset[str]) -> tuple[dict[str, Fraction], Fraction]:
    """Votes per continuing candidate (shared among tied tops) and the exhausted votes."""
    tallies = {c: Fraction(0) for c in profile.candidates if c in continuing}
    exhausted = Fraction(0)
    for ballot, count in profile.items():
        top = ballot.top(continuing)
        if not top:
            exhausted += count
        for candidate in top:
            tallies[candidate] += Fraction(count, len(top))
    return tallies, exhausted


def last_places(profile: Profile, continuing: frozenset[str]) -> dict[str, Fraction]:
    """Last-place votes: a partial ballot's last place is shared by the remaining proposals it left unranked.
    (Counted in whole units of 1/lcm(1..n) of a vote, which is exact and much faster than fractions.)"""
    return LastPlaces(profile).votes(continuing)


class LastPlaces:
    """The last-place votes of one count whose proposals drop out one by one: the ballots are kept in
    piles by their last place (the proposals sharing it), and when proposals drop out only the piles
    whose last place held one of them are dealt again. The same numbers as looking at every ballot
    in every round, without looking at every ballot in every round."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.continuing: frozenset[str] = frozenset()
        self.piles: dict[frozenset[str], list[int]] = {}  # last place -> ballot indices
        self.weight: dict[frozenset[str], int] = {}  # last place -> people
        self.pointers: list[int] = []

    def _deal(self, numbers, continuing) -> None:
        ballots, counts, unranked, pointers = self.profile.ballots, self.profile.counts, self.profile.unranked, self.pointers
        piles, weight = self.piles, self.weight
        for number in numbers:
            bottom = unranked[number] & continuing if unranked[number] else None
            if not bottom:
                groups, place = ballots[number].groups, pointers[number]
                while place >= 0 and groups[place].isdisjoint(continuing):
                    place -= 1
                pointers[number] = place
                bottom = groups[place] & continuing if place >= 0 else None
            if bottom and counts[number]:
                if bottom in piles:
                    piles[bottom].append(number)
                    weight[bottom] += counts[number]
                else:
                    piles[bottom], weight[bottom] = [number], counts[number]

    def votes(self, continuing: frozenset[str]) -> dict[str, Fraction]:
        if not self.pointers or not continuing <= self.continuing:  # first round, or a proposal came back
            self.pointers = [len(b.groups) - 1 for b in self.profile.ballots]
            self.piles, self.weight = {}, {}
            self._deal(range(len(self.profile.ballots)), continuing)
        else:
            gone = self.continuing - continuing
            moving = [last for last in self.piles if not last.isdisjoint(gone)]
            for last in moving:
                numbers = self.piles.pop(last)
                del self.weight[last]
                self._deal(numbers, continuing)
        self.continuing = continuing
        unit = lcm(*range(1, len(continuing) + 1))
        units = {c: 0 for c in self.profile.candidates if c in continuing}
        for last, people in self.weight.items():
            share = people * unit // len(last)
            for candidate in last:
                units[candidate] += share
        return {c: Fraction(u, unit) for c, u in units.items()}


def majority(tallies: dict[str, Fraction]) -> str | None:
    active = sum(tallies.values())
    for candidate, votes in tallies.items():
        if votes * 2 > active:
            return candidate
    return None


Loser = Callable[[Profile, frozenset[str], dict[str, Fraction]], tuple[set[str], dict[str, Fraction] | None]]


def _lowest_first(profile, continuing, tallies):
    low = min(tallies.values())
    return {c for c, v in tallies.items() if v == low}, None


def _most_last(profile, continuing, tallies):
    last = last_places(profile, continuing)
    high = max(last.values())
    return {c for c, v in last.items() if v == high}, last


def _most_last_round_by_round(profile: Profile) -> Loser:
    """`_most_last` for one count, keeping the piles of last places from round to round (`LastPlaces`)."""
    places = LastPlaces(profile)

    def most_last(profile, continuing, tallies):
        last = places.votes(continuing)
        high = max(last.values())
        return {c for c, v in last.items() if v == high}, last

    return most_last


def _without_votes(losers, out, tallies) -> bool:
    """Instant-runoff candidates tied at no votes at all: dropping them in any order leaves every other
    tally unchanged, so the order is no real tie (and need not be explored)."""
    return losers is _lowest_first and len(out) < len(tallies) and all(tallies[c] == 0 for c in out)


def _put(profile: Profile, losers: Loser) -> set[str]:
    """Everyone who wins under some resolution of the elimination ties (parallel universes)."""
    memo: dict[frozenset[str], frozenset[str]] = {}

    def winners(continuing: frozenset[str]) -> frozenset[str]:
        if continuing not in memo:
            tallies, _ = first_choices(profile, continuing)
            leader = majority(tallies)
            if len(continuing) == 1 or leader:
                memo[continuing] = frozenset([leader] if leader else continuing)
            else:
                out, _ = losers(profile, continuing, tallies)
                if _without_votes(losers, out, tallies):
                    memo[continuing] = winners(continuing - out)
                else:
                    memo[continuing] = frozenset().union(*(winners(continuing - {c}) for c in out))
        return memo[continuing]

    return set(winners(frozenset(profile.candidates)))


Parcel = tuple[int, int | Fraction]  # (ballot index, the value it carries for its candidate)


def deal(profile: Profile, parcels, continuing) -> tuple[dict[str, list[Parcel]], Fraction]:
    """Give each parcel to its top continuing candidates (shared equally when tied there); return the
    new parcels per candidate, in candidate order, and the value that was exhausted. Values stay
    whole numbers (`int`) until a share or a surplus makes them fractions: exact either way, and
    whole numbers add much faster."""
    piles: dict[str, list[Parcel]] = {c: [] for c in profile.candidates if c in continuing}
    exhausted = 0
    ballots = profile.ballots
    for index, value in parcels:
        top = ballots[index].top(continuing)
        if len(top) == 1:
            for candidate in top:
                piles[candidate].append((index, value))
        elif not top:
            exhausted += value
        else:
            share = Fraction(value, len(top)) if isinstance(value, int) else value / len(top)
            for candidate in top:
                piles[candidate].append((index, share))
    return piles, exhausted


def transfer(profile: Profile, source: str, parcels, continuing, piles, votes=None) -> dict:
    """Move `parcels` from `source` to their next continuing choices, updating the piles (and the running
    `votes` when given); returns what went where."""
    gained, exhausted = deal(profile, parcels, continuing)
    received = {}
    for candidate, new in gained.items():
        if new:
            piles[candidate].extend(new)
            received[candidate] = sum(v for _, v in new)
            if votes is not None:
                votes[candidate] += received[candidate]
    return {"from": source, "to": received, "exhausted": exhausted}


def _runoff(name: str, profile: Profile, tiebreaker, losers: Loser, round_by_round: Loser | None = None):
    """Count round by round with `round_by_round` (or `losers`); the parallel universes, when a tie
    was broken, with `losers`."""
    continuing = frozenset(profile.candidates)
    piles, exhausted = deal(profile, [(i, n) for i, n in enumerate(profile.counts) if n], continuing)
    tallies = {c: sum(v for _, v in pile) for c, pile in piles.items()}
    rounds, eliminated, broke_tie = [], [], False
    while True:
        record = {"round": len(rounds) + 1, "votes": dict(tallies), "exhausted": exhausted}
        rounds.append(record)
        leader = majority(tallies)
        if leader or len(continuing) == 1:
            winner = leader or next(iter(continuing))
            record["elected"] = winner
            break
        out, last = (round_by_round or losers)(profile, continuing, tallies)
        if last is not None:
            record["last places"] = last
        if _without_votes(losers, out, tallies):  # the order in which they go changes nothing
            loser = tiebreaker.sort(out)[-1]
        else:
            broke_tie = broke_tie or len(out) > 1
            loser = tiebreaker.worst(out, f"round {record['round']}: elimination")
        record["eliminated"] = loser
        eliminated.append(loser)
        continuing = continuing - {loser}
        del tallies[loser]
        moved = transfer(profile, loser, piles.pop(loser), continuing, piles, tallies)
        exhausted += moved["exhausted"]
        record["transfers"] = [moved]
    rest = groups_by_score([c for c in profile.candidates if c in continuing and c != winner], tallies)
    order = [[winner], *rest, *([c] for c in reversed(eliminated))]
    winners = _put(profile, losers) if broke_tie else {winner}
    return make_result(name, 1, winners, [winner], order, tiebreaker, {"rounds": rounds})


@method(
    "instant-runoff",
    title="Instant-runoff voting",
    kind=RANKING,
    summary="The proposal with the fewest first choices drops out and its ballots go to their next choice, until one has a majority.",
    monotonic=False,
    single_seat=True,
)
def instant_runoff(profile: Profile, seats: int, tiebreaker):
    """Partial ballots: a ballot counts for its highest-ranked remaining proposal and is exhausted once
    none of its proposals remain. For several seats use `stv`."""
    return _runoff("instant-runoff", profile, tiebreaker, _lowest_first)


@method(
    "coombs",
    title="Coombs",
    kind=RANKING,
    summary="Unless one proposal has a majority of first choices, the proposal ranked last most often drops out.",
    monotonic=False,
    single_seat=True,
)
def coombs(profile: Profile, seats: int, tiebreaker):
    """Partial ballots: the proposals a person did not rank share that person's last place equally
    (a person who ranked every remaining proposal gives the last place to the last one)."""
    return _runoff("coombs", profile, tiebreaker, _most_last, _most_last_round_by_round(profile))
