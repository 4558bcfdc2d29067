"""Each method on tiny named profiles: ties as data, recorded tie-breaks, partial ballots as documented,
and every registered method run through the one signature."""

import json
from fractions import Fraction

import pytest

from forum_toolkit.voting import (
    REGISTRY,
    Approval,
    CannotCount,
    InvalidProfile,
    Profile,
    Ranking,
    Scores,
    TieBreak,
    count,
    methods_for,
)
from forum_toolkit.voting.judgment import majority_value


@pytest.fixture
def condorcet_cycle():
    """A beats B, B beats C, C beats A, each 2 to 1: a perfect three-way tie."""
    return Profile.build(["A", "B", "C"], [Ranking.of("A", "B", "C"), Ranking.of("B", "C", "A"), Ranking.of("C", "A", "B")])


@pytest.fixture
def short_ballots():
    """Top-2 ballots: most people rank two of four proposals."""
    return Profile.build(
        ["Playground", "Bus stop", "Library", "Café"],
        [(3, Ranking.of("Playground", "Café")), (2, Ranking.of("Bus stop", "Library")), (2, Ranking.of("Library")), (1, Ranking.of())],
    )


TINY = {
    "ranking": Profile.build(["A", "B", "C"], [(2, Ranking.of("A", "B")), (1, Ranking.of({"B", "C"}))]),
    "approval": Profile.build(["A", "B", "C"], [(2, Approval.of("A", "B")), (1, Approval.of("C"))]),
    "scores": Profile.build(["A", "B", "C"], [(2, Scores.of({"A": 4, "B": 1})), (1, Scores.of({"C": 5}))], scale=(0, 5)),
}


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_registered_method_counts_through_one_signature(name):
    method = REGISTRY[name]
    assert method.title and method.summary and method.function.__doc__
    result = count(TINY[method.kind], name)
    assert result.method == name and len(result.elected) == 1
    assert set(result.elected) <= set(result.winners)
    if result.order is not None:
        assert sorted(c for group in result.order for c in group) == ["A", "B", "C"]
        assert set(result.winners) <= set(result.order[0]) or len(result.order[0]) == 1
    data = json.loads(json.dumps(result.to_dict()))
    assert {"winners", "elected", "order", "tie_break", "steps"} <= set(data)


def test_every_kind_has_methods_and_the_registry_is_complete():
    assert [m.name for m in methods_for("ranking")] == [
        "plurality", "borda", "instant-runoff", "coombs", "copeland", "minimax", "schulze", "ranked-pairs", "stv",
    ]
    assert [m.name for m in methods_for("approval")] == ["approval", "equal-shares"]
    assert [m.name for m in methods_for("scores")] == ["dots", "score", "majority-judgment"]


@pytest.mark.parametrize("name", ["plurality", "borda", "copeland", "minimax", "schulze", "ranked-pairs", "instant-runoff", "coombs"])
def test_a_perfect_cycle_is_a_three_way_tie_broken_by_the_recorded_policy(name, condorcet_cycle):
    result = count(condorcet_cycle, name, tie_break=TieBreak.parse("seed:2026"))
    assert set(result.winners) == {"A", "B", "C"}
    assert len(result.elected) == 1
    assert result.tied and result.tie_break.applied
    assert result.tie_break.policy == "seed:2026"
    assert result.tie_break.priority == TieBreak.parse("seed:2026").priority(["A", "B", "C"])


def test_a_published_seed_gives_the_same_priority_every_time_and_earliest_keeps_submission_order():
    assert TieBreak.parse("seed:42").priority("ABCDE") == TieBreak.parse("seed:42").priority("ABCDE")
    assert TieBreak.parse("earliest").priority(["B", "A"]) == ("B", "A")
    assert str(TieBreak.parse(" seed:-3 ")) == "seed:-3"


def test_earliest_submission_decides_a_two_way_tie():
    profile = Profile.build(["late", "early"], [Ranking.of("late"), Ranking.of("early")])
    result = count(profile, "plurality")
    assert result.winners == ("late", "early") and result.elected == ("late",)
    assert [(u.at, u.tied, u.chosen) for u in result.tie_break.uses] == [("seat 1", ("late", "early"), ("late",))]


def test_plurality_shares_a_tied_first_place_and_ignores_empty_ballots():
    profile = Profile.build(["A", "B", "C"], [(2, Ranking.of({"A", "B"}, "C")), (1, Ranking.of("C")), (4, Ranking.of())])
    result = count(profile, "plurality")
    assert result.steps["scores"] == {"A": 1, "B": 1, "C": 1}
    assert result.steps["empty ballots"] == 4


def test_borda_rule_for_short_ballots(short_ballots):
    """Unranked proposals share the bottom places: on a ballot ranking only Playground then Café out of
    four, Playground gets 3, Café 2, and the two unranked 0.5 each."""
    scores = count(short_ballots, "borda").steps["scores"]
    assert scores == {
        "Playground": 3 * 3 + 2 * Fraction(1, 2) + 2 * 1 + 1 * Fraction(3, 2),
        "Bus stop": 3 * Fraction(1, 2) + 2 * 3 + 2 * 1 + 1 * Fraction(3, 2),
        "Library": 3 * Fraction(1, 2) + 2 * 2 + 2 * 3 + 1 * Fraction(3, 2),
        "Café": 3 * 2 + 2 * Fraction(1, 2) + 2 * 1 + 1 * Fraction(3, 2),
    }
    assert sum(scores.values()) == 8 * 6  # every ballot is worth n(n-1)/2 = 6 points


def test_instant_runoff_exhausts_short_ballots_and_takes_the_majority_of_those_still_counting(short_ballots):
    result = count(short_ballots, "instant-runoff")
    first, second, third = result.steps["rounds"]
    assert first["votes"] == {"Playground": 3, "Bus stop": 2, "Library": 2, "Café": 0}
    assert first["exhausted"] == 1 and first["eliminated"] == "Café"
    # Bus stop and Library tie at 2: dropping Library elects Playground, dropping Bus stop elects Library
    assert second["eliminated"] == "Library"
    assert [(u.at, u.tied) for u in result.tie_break.uses] == [("round 2: elimination", ("Bus stop", "Library"))]
    assert third["votes"] == {"Playground": 3, "Bus stop": 2} and third["exhausted"] == 3
    assert third["elected"] == "Playground"  # 3 of the 5 ballots still counting
    assert result.winners == ("Playground", "Library") and result.elected == ("Playground",)


def test_coombs_gives_the_last_place_of_a_short_ballot_to_its_unranked_proposals(short_ballots):
    last = count(short_ballots, "coombs").steps["rounds"][0]["last places"]
    assert last["Bus stop"] == Fraction(3, 2) + Fraction(2, 3) + Fraction(1, 4)


def test_pairwise_counts_a_ranked_proposal_above_an_unranked_one(short_ballots):
    pairwise = count(short_ballots, "copeland").steps["pairwise"]
    assert pairwise["Library"] == [4, 2, None, 4]  # over Playground, Bus stop, -, Café
    assert pairwise["Café"] == [0, 3, 3, None]


def test_ranked_pairs_lists_every_winner_over_orders_of_equal_margins():
    """A>B and B>C and C>A all by 1 after two ties: who wins depends on which equal pair is locked first."""
    profile = Profile.build(["A", "B", "C"], [Ranking.of("A", "B", "C"), Ranking.of("B", "C", "A"), Ranking.of("C", "A", "B")])
    result = count(profile, "ranked-pairs")
    assert set(result.winners) == {"A", "B", "C"}
    assert result.tie_break.uses[0].at == "pairs with margin 1"


def test_score_and_majority_judgment_count_a_skipped_proposal_as_the_lowest_grade():
    profile = Profile.build(["A", "B"], [(3, Scores.of({"A": 4})), (2, Scores.of({"A": 1, "B": 3}))], scale=(0, 4))
    assert count(profile, "score").steps["scores"] == {"A": 14, "B": 6}
    judged = count(profile, "majority-judgment")
    assert judged.steps["grades"]["B"] == {3: 2, 0: 3}
    assert judged.steps["median grade"] == {"A": 4, "B": 0}
    assert judged.winners == ("A",)


@pytest.mark.parametrize(
    ("grades", "expected"),
    [({0: 1, 1: 1, 2: 1, 3: 1, 4: 1}, (2, 1, 3, 0, 4)), ({1: 2, 2: 2}, (1, 2, 1, 2)), ({5: 1}, (5,))],
)
def test_majority_value_removes_one_median_at_a_time(grades, expected):
    assert majority_value(grades) == expected


def test_majority_judgment_splits_an_equal_median_by_who_is_above_and_below():
    profile = Profile.build(
        ["A", "B"], [(2, Scores.of({"A": 3, "B": 4})), (1, Scores.of({"A": 3, "B": 2})), (2, Scores.of({"A": 2, "B": 2}))]
    )
    result = count(profile, "majority-judgment")
    assert result.steps["median grade"] == {"A": 3, "B": 2}
    assert result.winners == ("A",)


def test_dots_refuse_negative_numbers():
    profile = Profile.build(["A", "B"], [Scores.of({"A": -1, "B": 3})])
    with pytest.raises(CannotCount, match="dots: expected 0 or more dots per proposal"):
        count(profile, "dots")


def test_equal_shares_gives_a_third_of_the_people_a_third_of_the_seats():
    profile = Profile.build(["A", "B", "C", "D"], [(4, Approval.of("A", "B", "C")), (2, Approval.of("D"))])
    assert count(profile, "approval", seats=3).elected == ("A", "B", "C")
    shares = count(profile, "equal-shares", seats=3)
    assert shares.elected == ("A", "B", "D")
    assert [r["elected"] for r in shares.steps["rounds"]] == ["A", "B", "D"]
    assert shares.steps["rounds"][0]["cost per supporter"] == {"A": Fraction(1, 4), "B": Fraction(1, 4), "C": Fraction(1, 4), "D": Fraction(1, 2)}


def test_stv_transfers_are_exact_fractions_and_exhausted_ballots_are_shown():
    profile = Profile.build(["A", "B", "C", "D"], [(7, Ranking.of("A", "B")), (2, Ranking.of("A")), (3, Ranking.of("C")), (2, Ranking.of("D", "C"))])
    result = count(profile, "stv", seats=2)
    assert result.steps["quota"] == 5
    first = result.steps["rounds"][0]
    assert first["transfers"] == [
        {"from": "A", "surplus": 4, "factor": Fraction(4, 9), "to": {"B": Fraction(28, 9)}, "exhausted": Fraction(8, 9)}
    ]
    assert result.elected == ("A", "C")


def test_several_seats_from_an_order_keep_the_tie_at_the_last_seat_whole():
    profile = Profile.build(["A", "B", "C", "D"], [(3, Approval.of("A")), (2, Approval.of("B", "C")), (1, Approval.of("D"))])
    result = count(profile, "approval", seats=2)
    assert result.winners == ("A", "B", "C") and result.elected == ("A", "B")
    assert result.tie_break.uses[0].at == "seats 2-2"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Profile.build(["A", "B"], [Ranking.of("A", "Z")]), "ballot 1: unknown candidate 'Z'"),
        (lambda: Profile.build(["A", "B"], [Ranking.of("A", "B"), Ranking.of("A", {"A", "B"})]), "ballot 2: 'A' is ranked twice"),
        (lambda: Profile.build(["A", "B"], [(-1, Approval.of("A"))]), "ballot 1: expected a count of 0 or more people, found -1"),
        (lambda: Profile.build(["A", "B"], [Approval.of("A"), Ranking.of("A")]), "ballots of different kinds in one count: approval, ranking"),
        (lambda: Profile.build(["A", "A"], []), "a candidate is listed twice"),
        (lambda: Profile.build(["A"], [Scores.of({"A": 9})], scale=(0, 5)), "ballot 1: expected a number from 0 to 5 for 'A', found 9"),
    ],
)
def test_ballots_that_cannot_be_counted_say_why(build, message):
    with pytest.raises(InvalidProfile) as error:
        build()
    assert str(error.value) == message


def test_more_seats_than_candidates_elects_everyone_and_zero_seats_is_refused():
    assert count(TINY["approval"], "approval", seats=5).elected == ("A", "B", "C")
    with pytest.raises(CannotCount, match="seats: expected a whole number of 1 or more, found 0"):
        count(TINY["approval"], "approval", seats=0)


def test_results_are_frozen():
    result = count(TINY["ranking"], "schulze")
    with pytest.raises(AttributeError):
        result.winners = ("C",)
    with pytest.raises(TypeError):
        result.steps["pairwise"] = {}


def test_proposals_without_any_first_choice_drop_out_without_a_tie_being_recorded():
    profile = Profile.build(["A", "B", "C", "D"], [(3, Ranking.of("A", "C")), (2, Ranking.of("B", "D"))])
    result = count(profile, "instant-runoff")
    assert [r.get("eliminated") for r in result.steps["rounds"]] == [None]  # A has a majority at once
    profile = Profile.build(["A", "B", "C", "D", "E"], [(2, Ranking.of("A", "B")), (2, Ranking.of("B")), (1, Ranking.of("E", "A"))])
    result = count(profile, "instant-runoff")
    assert [r.get("eliminated") for r in result.steps["rounds"]][:2] == ["D", "C"]
    assert result.winners == ("A",) and not result.tie_break.applied


def test_the_public_names_are_exported():
    import forum_toolkit.voting as voting

    public = {name for name in dir(voting) if not name.startswith("_") and not isinstance(getattr(voting, name), type(voting))}
    assert set(voting.__all__) == public - {"annotations"}
