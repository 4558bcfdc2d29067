"""Voting axioms on random profiles, for every registered method that promises them (the registry says
which: `condorcet`, `monotonic`, `proportional`)."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum_toolkit.voting import REGISTRY, Approval, Profile, Ranking, Scores, TieBreak, count
from forum_toolkit.voting.pairwise import condorcet_winner, support_matrix
from tests.voting.strategies import approval_profiles, ranking_profiles, score_profiles

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILES = {"ranking": ranking_profiles(), "approval": approval_profiles(), "scores": score_profiles()}
SINGLE_SEAT_HONEST = [m.name for m in REGISTRY.values() if not m.proportional]  # `winners` is the whole tied set
CONDORCET = [m.name for m in REGISTRY.values() if m.condorcet]
MONOTONIC = [m.name for m in REGISTRY.values() if m.monotonic]


def test_the_registry_states_the_promises_the_literature_gives():
    assert sorted(CONDORCET) == ["copeland", "minimax", "ranked-pairs", "schulze"]
    assert sorted(m.name for m in REGISTRY.values() if not m.monotonic) == ["coombs", "equal-shares", "instant-runoff", "stv"]
    assert sorted(m.name for m in REGISTRY.values() if m.proportional) == ["equal-shares", "stv"]


@pytest.mark.parametrize("method", CONDORCET)
@FAST
@given(profile=ranking_profiles())
def test_a_condorcet_winner_is_elected_by_condorcet_methods(method, profile):
    winner = condorcet_winner(profile, support_matrix(profile))
    if winner is not None:
        assert count(profile, method).winners == (winner,)


@pytest.mark.parametrize("method", list(REGISTRY))
@FAST
@given(data=st.data())
def test_anonymity_the_order_and_grouping_of_ballots_does_not_matter(method, data):
    profile = data.draw(PROFILES[REGISTRY[method].kind])
    seats = 2 if REGISTRY[method].proportional else 1
    single = [(1, b) for b, n in profile.items() for _ in range(n)]
    random.Random(data.draw(st.integers(0, 1000))).shuffle(single)
    shuffled = Profile.build(profile.candidates, single, scale=profile.scale)
    before, after = count(profile, method, seats=seats), count(shuffled, method, seats=seats)
    assert (before.winners, before.elected, before.order) == (after.winners, after.elected, after.order)


def rename(ballot, mapping):
    if isinstance(ballot, Ranking):
        return Ranking(tuple(frozenset(mapping[c] for c in g) for g in ballot.groups))
    if isinstance(ballot, Approval):
        return Approval(frozenset(mapping[c] for c in ballot.approved))
    return Scores.of({mapping[c]: v for c, v in ballot.values})


@pytest.mark.parametrize("method", SINGLE_SEAT_HONEST)
@FAST
@given(data=st.data())
def test_neutrality_swapping_candidates_on_every_ballot_swaps_the_winners(method, data):
    profile = data.draw(PROFILES[REGISTRY[method].kind])
    permuted = data.draw(st.permutations(profile.candidates))
    mapping = dict(zip(profile.candidates, permuted))
    swapped = Profile.build(profile.candidates, [(n, rename(b, mapping)) for b, n in profile.items()], scale=profile.scale)
    assert set(count(swapped, method).winners) == {mapping[c] for c in count(profile, method).winners}


def raise_winner(ballot, winner, candidates):
    """The same ballot with `winner` one step better; None if it cannot be better."""
    if isinstance(ballot, Ranking):
        groups = [set(g) for g in ballot.groups]
        place = next((i for i, g in enumerate(groups) if winner in g), None)
        if place is None:
            return Ranking((*ballot.groups, frozenset([winner])))
        if len(groups[place]) > 1:  # out of a tie, just above it
            groups[place].discard(winner)
            groups.insert(place, {winner})
        elif place > 0:
            groups[place - 1], groups[place] = groups[place], groups[place - 1]
        else:
            return None
        return Ranking(tuple(frozenset(g) for g in groups))
    if isinstance(ballot, Approval):
        return None if winner in ballot.approved else Approval(ballot.approved | {winner})
    given_ = ballot.as_dict()
    if given_.get(winner, 0) >= 5:
        return None
    return Scores.of(given_ | {winner: given_.get(winner, 0) + 1})


@pytest.mark.parametrize("method", MONOTONIC)
@FAST
@given(data=st.data())
def test_monotonicity_raising_a_winner_on_one_ballot_keeps_it_a_winner(method, data):
    profile = data.draw(PROFILES[REGISTRY[method].kind])
    result = count(profile, method)
    winner = data.draw(st.sampled_from(result.winners))
    index = data.draw(st.integers(0, len(profile.ballots) - 1))
    better = raise_winner(profile.ballots[index], winner, profile.candidates)
    if better is None:
        return
    pairs = [(n, b) for b, n in profile.items()]
    pairs[index] = (pairs[index][0], better)
    raised = Profile.build(profile.candidates, pairs, scale=profile.scale)
    assert winner in count(raised, method).winners


@FAST
@given(ranking_profiles(), st.integers(0, 99))
def test_stv_for_one_seat_elects_the_instant_runoff_winner(profile, seed):
    policy = TieBreak("seed", seed)
    assert count(profile, "stv", tie_break=policy).elected == count(profile, "instant-runoff", tie_break=policy).elected


@FAST
@given(approval_profiles(max_candidates=6), st.integers(1, 4))
def test_equal_shares_gives_every_cohesive_group_of_a_quota_a_representative(profile, seats):
    """Justified representation: no group of at least people/seats voters who all approve a common
    proposal is left with none of the proposals they approve elected."""
    result = count(profile, "equal-shares", seats=seats)
    seats = len(result.elected)
    for candidate in profile.candidates:
        unrepresented = sum(
            n for b, n in profile.items() if candidate in b.approved and not (b.approved & set(result.elected))
        )
        assert unrepresented * seats < profile.voters or unrepresented == 0


@FAST
@given(approval_profiles())
def test_equal_shares_for_one_seat_elects_an_approval_winner(profile):
    assert set(count(profile, "equal-shares").elected) <= set(count(profile, "approval").winners)


@FAST
@given(ranking_profiles(min_candidates=3), st.integers(2, 3))
def test_stv_elects_a_candidate_with_a_quota_of_first_choices(profile, seats):
    seats = min(seats, len(profile.candidates))
    result = count(profile, "stv", seats=seats)
    quota = result.steps["quota"]
    first = result.steps["rounds"][0]["votes"]
    assert {c for c, v in first.items() if v >= quota} <= set(result.elected)
    assert len(result.elected) == seats
