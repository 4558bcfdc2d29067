"""Single transferable vote: several seats, filled in proportion to what people ranked.

- Quota (Droop): the smallest whole number of votes that only as many candidates as there are seats
  can reach: floor(valid ballots / (seats + 1)) + 1. Empty ballots are not valid ballots.
- A candidate who reaches the quota is elected. The votes above the quota (the surplus) move on:
  every ballot the candidate holds moves to its next choice at a value reduced by the factor
  surplus / the candidate's votes (the inclusive Gregory method), computed with exact fractions,
  never rounded.
- When nobody reaches the quota, the candidate with the fewest votes is eliminated and each of their
  ballots moves on at its current value.
- When the candidates left are exactly as many as the seats left, they are all elected.

Partial ballots: a ballot moves to its next ranked candidate still in the count; if there is none it
is exhausted and is shown as such in each round. A ballot with several candidates tied at its next
place splits its value equally between them.
"""

from __future__ import annotations

from fractions import Fraction

from forum_toolkit.voting.ballots import RANKING, Profile
from forum_toolkit.voting.registry import method
from forum_toolkit.voting.result import make_result
from forum_toolkit.voting.runoff import deal, transfer

@method(
    "stv",
    title="Single transferable vote (STV)",
    kind=RANKING,
    summary="Candidates reaching the quota are elected; extra votes and votes for dropped candidates move to the next choice.",
    proportional=True,
    monotonic=False,
)
def stv(profile: Profile, seats: int, tiebreaker):
    """Several seats by STV with the Droop quota and exact fractional transfers (see the module)."""
    valid = sum(count for ballot, count in profile.items() if ballot.groups)
    quota = Fraction(valid // (seats + 1) + 1)
    continuing = frozenset(profile.candidates)
    piles, exhausted = deal(profile, [(i, n) for i, n in enumerate(profile.counts) if n], continuing)
    elected: list[str] = []
    rounds: list[dict] = []
    while len(elected) < seats and continuing:
        votes = {c: sum(v for _, v in piles[c]) for c in profile.candidates if c in continuing}
        record: dict = {"round": len(rounds) + 1, "votes": votes, "exhausted": exhausted}
        rounds.append(record)
        if len(continuing) <= seats - len(elected):
            filling = _by_votes(list(votes), votes, tiebreaker, f"round {record['round']}: order of election")
            record["elected"] = filling
            elected.extend(filling)
            break
        reached = [c for c in votes if votes[c] >= quota]
        if reached:
            newly = _by_votes(reached, votes, tiebreaker, f"round {record['round']}: order of election")
            record["elected"] = newly
            elected.extend(newly)
            continuing = continuing - set(newly)
            transfers = []
            for candidate in newly:
                surplus = votes[candidate] - quota
                if surplus > 0 and len(elected) < seats:
                    factor = Fraction(surplus) / votes[candidate]
                    parcels = [(i, v * factor) for i, v in piles[candidate]]
                    moved = transfer(profile, candidate, parcels, continuing, piles)
                    transfers.append({"from": candidate, "surplus": surplus, "factor": factor} | moved)
            record["transfers"] = transfers
        else:
            low = min(votes.values())
            lowest = [c for c in votes if votes[c] == low]
            loser = tiebreaker.worst(lowest, f"round {record['round']}: elimination")
            record["eliminated"] = loser
            continuing = continuing - {loser}
            moved = transfer(profile, loser, piles[loser], continuing, piles)
            record["transfers"] = [{"from": loser, "surplus": None, "factor": None} | moved]
        exhausted += sum(moved["exhausted"] for moved in record.get("transfers", []))
        piles = {c: piles[c] for c in profile.candidates if c in continuing}
    steps = {"quota": quota, "valid ballots": valid, "seats": seats, "rounds": rounds}
    return make_result("stv", seats, elected, elected, None, tiebreaker, steps)


def _by_votes(candidates, votes, tiebreaker, at: str) -> list[str]:
    ordered: list[str] = []
    for value in sorted({votes[c] for c in candidates}, reverse=True):
        group = [c for c in candidates if votes[c] == value]
        ordered.extend(tiebreaker.best(group, at, len(group)) if len(group) > 1 else group)
    return ordered

