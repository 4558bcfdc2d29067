"""Hypothesis strategies for the voting tests: small random profiles with ties and partial ballots."""

from hypothesis import strategies as st

from forum_toolkit.voting import Approval, Profile, Ranking, Scores

NAMES = ("A", "B", "C", "D", "E", "F")


@st.composite
def rankings(draw, candidates, *, ties=True, partial=True):
    order = draw(st.permutations(candidates))
    length = draw(st.integers(0, len(order))) if partial else len(order)
    order = order[:length]
    groups, i = [], 0
    while i < len(order):
        size = draw(st.integers(1, min(3, len(order) - i))) if ties else 1
        groups.append(frozenset(order[i : i + size]))
        i += size
    return Ranking(tuple(groups))


@st.composite
def ranking_profiles(draw, *, min_candidates=2, max_candidates=5, ties=True, partial=True, max_ballots=10):
    candidates = NAMES[: draw(st.integers(min_candidates, max_candidates))]
    ballots = draw(
        st.lists(
            st.tuples(st.integers(1, 4), rankings(candidates, ties=ties, partial=partial)),
            min_size=1,
            max_size=max_ballots,
        )
    )
    return Profile.build(candidates, ballots)


@st.composite
def approval_profiles(draw, *, max_candidates=5, max_ballots=10):
    candidates = NAMES[: draw(st.integers(2, max_candidates))]
    ballot = st.frozensets(st.sampled_from(candidates)).map(lambda s: Approval(s))
    ballots = draw(st.lists(st.tuples(st.integers(1, 4), ballot), min_size=1, max_size=max_ballots))
    return Profile.build(candidates, ballots)


@st.composite
def score_profiles(draw, *, top=5, skips=True, max_candidates=5, max_ballots=10):
    candidates = NAMES[: draw(st.integers(2, max_candidates))]
    grade = st.integers(0, top)
    if skips:
        ballot = st.dictionaries(st.sampled_from(candidates), grade).map(Scores.of)
    else:
        ballot = st.fixed_dictionaries({c: grade for c in candidates}).map(Scores.of)
    ballots = draw(st.lists(st.tuples(st.integers(1, 4), ballot), min_size=1, max_size=max_ballots))
    return Profile.build(candidates, ballots, scale=(0, top))
