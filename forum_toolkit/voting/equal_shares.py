"""The Method of Equal Shares (Peters and Skowron): several seats from approval ballots, in proportion.

Every person gets an equal share of the seats as a budget: seats / people. Electing a proposal costs 1,
paid by the people who approved it. In each round the proposal is elected that its supporters can pay
for with the smallest largest contribution (rho): each supporter pays rho, or all they have left if
that is less. Supporters of already elected proposals have less money left, so a large group cannot
take every seat. When no proposal can be paid for any more, the remaining seats go to the proposals
with the most approvals (the usual completion). All sums are exact fractions.

Skipped proposals: a proposal not ticked is not supported by that person, who does not pay for it.
"""

from __future__ import annotations

from fractions import Fraction

from forum_toolkit.voting.ballots import APPROVAL, Profile
from forum_toolkit.voting.registry import method
from forum_toolkit.voting.result import make_result


def _cost_share(groups: list[tuple[Fraction, int]]) -> Fraction | None:
    """The smallest rho such that sum(min(budget, rho) * people) = 1, or None if they cannot pay."""
    remaining, people = Fraction(1), sum(n for _, n in groups)
    for budget, count in sorted(groups):
        if budget * people >= remaining:
            return remaining / people
        remaining -= budget * count
        people -= count
    return None


@method(
    "equal-shares",
    title="Method of Equal Shares",
    kind=APPROVAL,
    summary="Everyone gets an equal budget; each seat is paid for by the people who support it, so every group gets seats in proportion to its size.",
    proportional=True,
    monotonic=False,
)
def equal_shares(profile: Profile, seats: int, tiebreaker):
    """Several seats from approval ballots by the Method of Equal Shares (see the module)."""
    voters = profile.voters
    budget = [Fraction(seats, voters) if voters else Fraction(0)] * len(profile.ballots)
    supporters = {c: [i for i, (b, n) in enumerate(profile.items()) if n and c in b.approved] for c in profile.candidates}
    approvals = {c: sum(profile.counts[i] for i in supporters[c]) for c in profile.candidates}
    elected: list[str] = []
    rounds: list[dict] = []
    while len(elected) < seats:
        shares = {}
        for candidate in profile.candidates:
            if candidate in elected:
                continue
            people_with: dict[Fraction, int] = {}  # supporters grouped by the money they have left
            for i in supporters[candidate]:
                people_with[budget[i]] = people_with.get(budget[i], 0) + profile.counts[i]
            share = _cost_share(list(people_with.items())) if people_with else None
            if share is not None:
                shares[candidate] = share
        if not shares:
            break
        cheapest = min(shares.values())
        at = f"round {len(rounds) + 1}: equal cost per supporter"
        chosen = tiebreaker.best([c for c, s in shares.items() if s == cheapest], at)[0]
        for i in supporters[chosen]:
            budget[i] -= min(budget[i], cheapest)
        elected.append(chosen)
        rounds.append({"round": len(rounds) + 1, "cost per supporter": shares, "elected": chosen})
    completion = []
    while len(elected) < seats:
        left = [c for c in profile.candidates if c not in elected]
        most = max(approvals[c] for c in left)
        chosen = tiebreaker.best([c for c in left if approvals[c] == most], f"completion seat {len(elected) + 1}")[0]
        elected.append(chosen)
        completion.append(chosen)
    steps = {
        "budget per person": Fraction(seats, voters) if voters else Fraction(0),
        "approvals": approvals,
        "rounds": rounds,
        "completed by approvals": completion,
    }
    return make_result("equal-shares", seats, elected, elected, None, tiebreaker, steps)
