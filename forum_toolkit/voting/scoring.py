"""Methods that add up points: plurality, Borda, approval, dots (cumulative) and score voting.

Each gives every candidate a total, orders the candidates by it, and elects the highest. The score
table is kept in the steps.
"""

from __future__ import annotations

from fractions import Fraction

from forum_toolkit.voting.ballots import APPROVAL, RANKING, SCORES, Profile
from forum_toolkit.voting.registry import CannotCount, method
from forum_toolkit.voting.result import groups_by_score, single_result


@method(
    "plurality",
    title="Plurality",
    kind=RANKING,
    summary="Each person's first choice gets one vote; most votes wins.",
    monotonic=True,
)
def plurality(profile: Profile, seats: int, tiebreaker):
    """Count first choices. Partial ballots: only the first place matters, so a ballot ranking just one
    proposal counts fully. A ballot that puts several proposals first shares its one vote equally
    between them (two tied first choices get half a vote each). An empty ballot counts for nobody."""
    totals = {c: Fraction(0) for c in profile.candidates}
    empty = 0
    for ballot, count in profile.items():
        top = ballot.groups[0] if ballot.groups else ()
        if not top:
            empty += count
        for candidate in top:
            totals[candidate] += Fraction(count, len(top))
    order = groups_by_score(profile.candidates, totals)
    steps = {"scores": totals, "ballots": profile.voters, "empty ballots": empty}
    return single_result("plurality", profile, seats, tiebreaker, order, steps)


def borda_points(ballot, candidates) -> dict[str, int]:
    """One ballot's Borda points, doubled to stay whole: two for each candidate placed below, one for
    each candidate tied at the same place. Unranked candidates share the places below all ranked ones."""
    unranked = [c for c in candidates if c not in ballot.ranked]
    points = dict.fromkeys(unranked, len(unranked) - 1)
    below = len(unranked)
    for group in reversed(ballot.groups):
        for candidate in group:
            points[candidate] = 2 * below + len(group) - 1
        below += len(group)
    return points


@method(
    "borda",
    title="Borda count",
    kind=RANKING,
    summary="A proposal gets a point for every proposal it is ranked above; most points wins.",
)
def borda(profile: Profile, seats: int, tiebreaker):
    """With n candidates, a first place is worth n-1 points, a second n-2, down to 0 for the last.
    Partial and tied ballots (the rule): a candidate gets one point for each candidate ranked below it
    and half a point for each candidate tied with it. Unranked candidates are tied below all ranked
    ones, so they share the bottom places. This keeps every ballot worth the same total, n(n-1)/2."""
    doubled = dict.fromkeys(profile.candidates, 0)
    for ballot, count in profile.items():
        for candidate, points in borda_points(ballot, profile.candidates).items():
            doubled[candidate] += points * count
    totals = {c: Fraction(points, 2) for c, points in doubled.items()}
    order = groups_by_score(profile.candidates, totals)
    steps = {"scores": totals, "points for first place": len(profile.candidates) - 1}
    return single_result("borda", profile, seats, tiebreaker, order, steps)


@method(
    "approval",
    title="Approval voting",
    kind=APPROVAL,
    summary="Each person ticks every proposal they support; most ticks wins.",
)
def approval(profile: Profile, seats: int, tiebreaker):
    """Count the ticks. A proposal left unticked is simply not supported by that person."""
    totals = {c: 0 for c in profile.candidates}
    for ballot, count in profile.items():
        for candidate in ballot.approved:
            totals[candidate] += count
    order = groups_by_score(profile.candidates, totals)
    return single_result("approval", profile, seats, tiebreaker, order, {"scores": totals})


def _scored(profile: Profile) -> tuple[dict[str, int], dict[str, int]]:
    """(the sum of the numbers each candidate got, how many people gave it a number)."""
    totals = dict.fromkeys(profile.candidates, 0)
    scored = dict.fromkeys(profile.candidates, 0)
    for ballot, count in profile.items():
        for candidate, value in ballot.values:
            totals[candidate] += value * count
            scored[candidate] += count
    return totals, scored


def _totals(profile: Profile, skipped: int) -> dict[str, int]:
    """Each candidate's sum, a skipped candidate counting `skipped` from that person."""
    totals, scored = _scored(profile)
    voters = profile.voters
    return {c: totals[c] + skipped * (voters - scored[c]) for c in profile.candidates}


@method(
    "dots",
    title="Dot voting (cumulative)",
    kind=SCORES,
    summary="Each person spreads their dots over the proposals; most dots wins.",
)
def dots(profile: Profile, seats: int, tiebreaker):
    """Add up the dots. A proposal without dots from a person gets 0 from them. Dots cannot be negative;
    the number of dots each person had is checked where the ballots are taken, not here."""
    if profile.lowest < 0:
        raise CannotCount(f"dots: expected 0 or more dots per proposal, found a scale from {profile.lowest}")
    totals = _totals(profile, 0)
    order = groups_by_score(profile.candidates, totals)
    return single_result("dots", profile, seats, tiebreaker, order, {"scores": totals})


@method(
    "score",
    title="Score voting",
    kind=SCORES,
    summary="Each person gives every proposal a score; the highest total wins.",
)
def score(profile: Profile, seats: int, tiebreaker):
    """Add up the scores. A proposal a person skipped gets the lowest score of the scale from them, so
    that skipping never helps a proposal. The steps also show how many people scored each one."""
    given, scored = _scored(profile)
    totals = {c: given[c] + profile.lowest * (profile.voters - scored[c]) for c in profile.candidates}
    order = groups_by_score(profile.candidates, totals)
    steps = {"scores": totals, "scored by": scored, "skipped counts as": profile.lowest}
    return single_result("score", profile, seats, tiebreaker, order, steps)
