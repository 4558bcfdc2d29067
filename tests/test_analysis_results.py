"""Distributions, Wilson intervals, Likert summaries, cross-tabs, agreement and counts on the
hand-made evening of tests/analysis_data.py, with the answers worked out by hand."""

import math

import pandas as pd
import pytest
from analysis_data import evening

from forum_toolkit.analysis import AnalysisError, agreement, compare_methods, count_question, crosstab, distribution, likert, wilson


@pytest.fixture(scope="module")
def answers():
    return evening()


# Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3.
@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)],
)
def test_wilson_intervals_are_newcombes(successes, n, low, high):
    assert wilson(successes, n) == pytest.approx((low, high), abs=5e-5)


def test_wilson_of_nobody_is_unknown_and_a_bad_confidence_is_refused():
    assert all(math.isnan(v) for v in wilson(0, 0))
    with pytest.raises(ValueError, match="between 0 and 1"):
        wilson(1, 2, confidence=95)


def test_a_scale_counts_every_point_of_the_people_who_answered(answers):
    found = distribution(answers, "mood")
    assert found["value"].tolist() == ["1", "2", "3"]
    assert found["count"].tolist() == [2, 5, 4]
    assert found["respondents"].tolist() == [11, 11, 11]
    assert found["share"].tolist() == pytest.approx([2 / 11, 5 / 11, 4 / 11])
    assert (found.loc[1, "low"], found.loc[1, "high"]) == pytest.approx(wilson(5, 11))


def test_weighted_shares_use_kishs_effective_size(answers):
    """Young ballots weigh 2, the others 1: mood 1 is 2 of 11 people, but 4 of 17 weight."""
    weights = pd.Series({sid: 2.0 if age == "young" else 1.0 for sid, age in zip(answers.wide["submission_id"], answers.wide["age"].fillna(""))})
    found = distribution(answers, "mood", weights=weights)
    assert found.loc[0, "weighted_share"] == pytest.approx(4 / 17)
    effective = 17**2 / (6 * 4 + 5 * 1)  # (Σw)² / Σw²
    assert (found.loc[0, "weighted_low"], found.loc[0, "weighted_high"]) == pytest.approx(wilson(4 / 17 * effective, effective))


def test_multiple_answers_are_shares_of_the_people_asked_including_who_chose_nothing(answers):
    found = distribution(answers, "ok")
    assert found[["value", "count", "respondents"]].values.tolist() == [["a", 6, 10], ["b", 5, 10]]


def test_statements_count_per_statement(answers):
    found = distribution(answers, "statements")
    s1 = found[found["item"] == "s1"]
    assert s1[["value", "count"]].values.tolist() == [["agree", 6], ["disagree", 3], ["pass", 1]]
    assert set(found[found["item"] == "s2"]["count"]) == {0}


def test_ranking_counts_first_places(answers):
    assert distribution(answers, "order")["count"].tolist() == [5, 3, 2]


def test_free_text_has_no_distribution(answers):
    with pytest.raises(AnalysisError, match="'comment' is long_text: it has no distribution"):
        distribution(answers, "comment")


def test_likert_per_group(answers):
    found = likert(answers, "mood", by="age").set_index("age")
    assert found.loc["young", ["n", "mean", "median"]].tolist() == [6, 2.0, 2.0]
    assert found.loc["old", ["n", "mean", "median"]].tolist() == [4, 2.5, 2.5]
    assert found.loc["young", ["negative", "middle", "positive"]].tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 3])


def test_a_small_two_by_two_table_gets_fishers_exact_test(answers):
    table = crosstab(answers, "town", "age", item="safety")
    assert table.counts.values.tolist() == [[4, 2], [0, 4]]
    assert table.test == "fisher-exact"
    # the tables as or more extreme with these totals: [[4,2],[0,4]] and [[6,0],[0,4]]... by hand
    hyper = {k: math.comb(6, k) * math.comb(4, 4 - k) / math.comb(10, 4) for k in range(0, 5)}  # old row's "2" count
    observed = hyper[4]
    assert table.p_value == pytest.approx(sum(p for p in hyper.values() if p <= observed * (1 + 1e-7)))


def test_a_big_enough_table_gets_chi_square():
    from forum_toolkit.analysis.crosstabs import _test

    counts = pd.DataFrame([[30, 10], [20, 40]])
    test, chi2, dof, p, note = _test(counts)
    # expected [[20, 20], [30, 30]]: (10² / 20) * 2 + (10² / 30) * 2 = 16.667
    assert (test, dof) == ("chi-square", 1)
    assert chi2 == pytest.approx(50 / 3)
    assert p == pytest.approx(math.erfc(math.sqrt(50 / 3 / 2)))
    assert note.startswith("chi-square test")


def test_matrix_cross_tabs_need_their_row(answers):
    with pytest.raises(AnalysisError, match=r"name one of its items with item= \(safety, shops\)"):
        crosstab(answers, "town", "age")


def test_agreement_shares_per_group_and_a_consensus_high_only_when_all_agree(answers):
    found = agreement(answers, "statements", "age", min_group=1).set_index("item")
    # young: 4 of 6 agree with s1; old: 2 of 4
    assert found.loc["s1", ["young: n", "young: share", "old: n", "old: share"]].tolist() == [6, 4 / 6, 4, 0.5]
    assert found.loc["s1", "consensus"] == pytest.approx(math.sqrt((5 / 8) * (3 / 6)))
    assert found.loc["s1", "lowest"] == 0.5
    assert found.loc["s1", "groups"] == 2


def test_agreement_leaves_small_groups_out_of_the_score(answers):
    found = agreement(answers, "statements", "age", min_group=5).set_index("item")
    assert found.loc["s1", "groups"] == 1
    assert found.loc["s1", "consensus"] == pytest.approx(5 / 8)


def test_rankings_are_counted_with_the_voting_methods(answers):
    result = count_question(answers, "order", "schulze")
    assert result.winners == ("a",)
    methods = compare_methods(answers, "order").set_index("method")
    assert methods.loc["plurality", "elected"] == "A"
    assert "schulze" in methods.index
