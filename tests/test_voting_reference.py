"""Our methods against pref-voting (a test-only dependency) on many random profiles, ties and partial
ballots included: the same winner sets for every method both implement.

How our conventions map onto pref-voting's (see docs/voting.md):
- partial rankings: ranked candidates are above unranked ones -> `use_extended_strict_preference()`;
- a ballot with several candidates tied at its top shares its vote -> instant runoff `score_method="split"`;
- our `winners` is the whole tied set -> pref-voting's parallel-universe (PUT) variants;
- Schulze uses winning votes -> `beat_path(strength_function=support)`;
- Borda's rule for partial ballots orders like pref-voting's symmetric Borda.
"""

from math import factorial

from hypothesis import HealthCheck, given, settings
from pref_voting.c1_methods import copeland
from pref_voting.grade_methods import approval as pv_approval
from pref_voting.grade_methods import majority_judgement, score_voting
from pref_voting.grade_profiles import GradeProfile
from pref_voting.iterative_methods import coombs_put, instant_runoff_put
from pref_voting.margin_based_methods import beat_path, minimax, ranked_pairs
from pref_voting.profiles import Profile as PVProfile
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.scoring_methods import borda_for_profile_with_ties, plurality

from forum_toolkit.voting import count
from tests.voting.strategies import approval_profiles, ranking_profiles, score_profiles

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def with_ties(profile) -> ProfileWithTies:
    index = {c: i for i, c in enumerate(profile.candidates)}
    rankings = [{index[c]: place + 1 for place, group in enumerate(b.groups) for c in group} for b in profile.ballots]
    converted = ProfileWithTies(rankings, rcounts=list(profile.counts), candidates=list(range(len(index))))
    converted.use_extended_strict_preference()
    return converted


def names(profile, winners) -> set[str]:
    return {profile.candidates[i] for i in winners}


def ours(profile, method) -> set[str]:
    return set(count(profile, method).winners)


@FAST
@given(ranking_profiles())
def test_pairwise_methods_match_pref_voting(profile):
    theirs = with_ties(profile)
    assert ours(profile, "copeland") == names(profile, copeland(theirs))
    assert ours(profile, "minimax") == names(profile, minimax(theirs))
    assert ours(profile, "schulze") == names(profile, beat_path(theirs, strength_function=theirs.support))


def _tie_breaking_orders(theirs) -> int:
    """How many edge orders pref-voting's ranked pairs would try (it enumerates them all)."""
    cands = theirs.candidates
    margins = [theirs.margin(a, b) for a in cands for b in cands if a != b and theirs.margin(a, b) >= 0]
    orders = 1
    for value in set(margins):
        orders *= factorial(margins.count(value))
    return orders


@FAST
@given(ranking_profiles(max_candidates=4))
def test_ranked_pairs_matches_pref_voting(profile):
    theirs = with_ties(profile)
    if _tie_breaking_orders(theirs) > 5000:  # too many for pref-voting's enumeration; ours is checked elsewhere
        return
    assert ours(profile, "ranked-pairs") == names(profile, ranked_pairs(theirs))


@FAST
@given(ranking_profiles())
def test_borda_and_instant_runoff_match_pref_voting(profile):
    theirs = with_ties(profile)
    assert ours(profile, "borda") == names(profile, borda_for_profile_with_ties(theirs))
    assert ours(profile, "instant-runoff") == names(profile, instant_runoff_put(theirs, score_method="split"))


@FAST
@given(ranking_profiles(ties=False))
def test_plurality_matches_pref_voting_when_every_ballot_has_one_first_choice(profile):
    assert ours(profile, "plurality") == names(profile, plurality(with_ties(profile)))


@FAST
@given(ranking_profiles(ties=False, partial=False))
def test_coombs_matches_pref_voting_on_complete_rankings(profile):
    index = {c: i for i, c in enumerate(profile.candidates)}
    linear = PVProfile([[index[next(iter(g))] for g in b.groups] for b in profile.ballots], rcounts=list(profile.counts))
    assert ours(profile, "coombs") == names(profile, coombs_put(linear))


def graded(profile, top) -> GradeProfile:
    index = {c: i for i, c in enumerate(profile.candidates)}
    maps = [{index[c]: v for c, v in b.values} for b in profile.ballots]
    return GradeProfile(maps, list(range(top + 1)), gcounts=list(profile.counts), candidates=list(index.values()))


@FAST
@given(score_profiles(skips=False))
def test_score_and_majority_judgment_match_pref_voting(profile):
    theirs = graded(profile, 5)
    assert ours(profile, "score") == names(profile, score_voting(theirs))
    mj = names(profile, majority_judgement(theirs))
    # pref-voting stops at the majority gauge; we go on to Balinski and Laraki's majority value,
    # which can only split a tie that the gauge leaves, never reverse it.
    assert ours(profile, "majority-judgment") <= mj
    if len(mj) == 1:
        assert ours(profile, "majority-judgment") == mj


@FAST
@given(approval_profiles())
def test_approval_matches_pref_voting(profile):
    index = {c: i for i, c in enumerate(profile.candidates)}
    maps = [{index[c]: int(c in b.approved) for c in profile.candidates} for b in profile.ballots]
    theirs = GradeProfile(maps, [0, 1], gcounts=list(profile.counts), candidates=list(index.values()))
    assert ours(profile, "approval") == names(profile, pv_approval(theirs))
