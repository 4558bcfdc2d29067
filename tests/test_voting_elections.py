"""Published elections with known results (tests/voting/elections.json, each with its source): every
result and every matrix in the file is checked."""

import json
from pathlib import Path

import pytest

from forum_toolkit.voting import Profile, Ranking, Scores, count

ELECTIONS = json.loads((Path(__file__).parent / "voting" / "elections.json").read_text(encoding="utf-8"))["elections"]
BY_NAME = {e["name"]: e for e in ELECTIONS}


def profile_of(election) -> Profile:
    return Profile.build(election["candidates"], [(n, Ranking.of(*order)) for n, order in election["ballots"]])


def ranking(result) -> list[str]:
    assert all(len(group) == 1 for group in result.order), f"a tie in the order: {result.order}"
    return [group[0] for group in result.order]


def test_every_election_has_a_source_and_results():
    assert {e["name"] for e in ELECTIONS} == {"wikipedia-schulze", "tennessee-capital", "wikipedia-stv-food"}
    for election in ELECTIONS:
        assert election["source"] and election["expected"]


@pytest.mark.parametrize("election", ELECTIONS, ids=lambda e: e["name"])
def test_pairwise_matrix_and_strongest_paths_are_the_published_ones(election):
    result = count(profile_of(election), "schulze")
    if "pairwise_row_over_column" in election:
        assert result.steps["pairwise"] == election["pairwise_row_over_column"]
    if "strongest_paths_row_over_column" in election:
        assert result.steps["strongest paths"] == election["strongest_paths_row_over_column"]
    assert result.steps["condorcet winner"] == election["expected"].get("condorcet_winner", result.steps["condorcet winner"])


# (election, key in "expected", method, how to read the result)
WINNERS = [
    ("wikipedia-schulze", "plurality_winner", "plurality"),
    ("tennessee-capital", "plurality_winner", "plurality"),
    ("tennessee-capital", "irv_winner", "instant-runoff"),
    ("tennessee-capital", "copeland_winner", "copeland"),
    ("tennessee-capital", "minimax_winner", "minimax"),
]
RANKINGS = [
    ("wikipedia-schulze", "schulze_ranking", "schulze"),
    ("wikipedia-schulze", "ranked_pairs_margins_ranking", "ranked-pairs"),
    ("tennessee-capital", "schulze_ranking", "schulze"),
    ("tennessee-capital", "ranked_pairs_ranking", "ranked-pairs"),
]


@pytest.mark.parametrize(("name", "key", "method"), WINNERS)
def test_published_winners(name, key, method):
    election = BY_NAME[name]
    result = count(profile_of(election), method)
    assert result.winners == (election["expected"][key],)
    assert result.elected == (election["expected"][key],)


@pytest.mark.parametrize(("name", "key", "method"), RANKINGS)
def test_published_rankings(name, key, method):
    election = BY_NAME[name]
    assert ranking(count(profile_of(election), method)) == election["expected"][key]


@pytest.mark.parametrize(("name", "key"), [("wikipedia-schulze", "borda_scores_4_to_0"), ("tennessee-capital", "borda_scores_3_to_0")])
def test_published_borda_scores(name, key):
    election = BY_NAME[name]
    result = count(profile_of(election), "borda")
    assert result.steps["scores"] == election["expected"][key]
    assert ranking(result) == list(election["expected"][key])  # the file lists them highest first


def test_schulze_and_ranked_pairs_disagree_on_the_wikipedia_example_as_published():
    profile = profile_of(BY_NAME["wikipedia-schulze"])
    assert count(profile, "schulze").winners == ("E",)
    assert count(profile, "ranked-pairs").winners == ("A",)


def test_irv_on_the_wikipedia_example_meets_the_noted_tie_and_records_it():
    """The file notes that B and E tie after D is out; both ways of breaking it elect C."""
    for policy in ("earliest", "seed:1", "seed:2"):
        from forum_toolkit.voting import TieBreak

        result = count(profile_of(BY_NAME["wikipedia-schulze"]), "instant-runoff", tie_break=TieBreak.parse(policy))
        assert result.winners == ("C",)
        rounds = result.steps["rounds"]
        assert rounds[0]["eliminated"] == "D"
        assert rounds[1]["votes"]["B"] == rounds[1]["votes"]["E"] == 8
        assert [u.tied for u in result.tie_break.uses] == [tuple(sorted(("B", "E"), key=result.tie_break.priority.index))]


def test_tennessee_majority_judgment_with_ranks_read_as_grades():
    """Rank 1 to 4 graded excellent, good, fair, poor (3 to 0), as the file describes."""
    election = BY_NAME["tennessee-capital"]
    ballots = [(n, Scores.of({c: 3 - place for place, c in enumerate(order)})) for n, order in election["ballots"]]
    profile = Profile.build(election["candidates"], ballots, scale=(0, 3))
    expected = election["expected"]["majority_judgment_winner_when_rank1to4_graded_excellent_good_fair_poor"]
    assert count(profile, "majority-judgment").winners == (expected,)


def test_tennessee_irv_rounds():
    result = count(profile_of(BY_NAME["tennessee-capital"]), "instant-runoff")
    assert [r.get("eliminated") for r in result.steps["rounds"]] == ["Chattanooga", "Nashville", None]
    assert result.steps["rounds"][0]["transfers"] == [{"from": "Chattanooga", "to": {"Knoxville": 15}, "exhausted": 0}]
    assert result.steps["rounds"][2]["votes"] == {"Memphis": 42, "Knoxville": 58}


def test_stv_food_election_quota_transfers_and_elected_set():
    election = BY_NAME["wikipedia-stv-food"]
    result = count(profile_of(election), "stv", seats=election["seats"])
    assert result.steps["quota"] == election["expected"]["droop_quota"]
    assert sorted(result.elected) == sorted(election["expected"]["stv_elected_set"])
    assert result.elected == ("Chocolate", "Oranges", "Strawberries")  # in order of election, as the note tells
    first, second, third, fourth, fifth = result.steps["rounds"]
    assert first["elected"] == ["Chocolate"]
    assert first["transfers"] == [
        {"from": "Chocolate", "surplus": 6, "factor": pytest.approx(0.5), "to": {"Strawberries": 4, "Sweets": 2}, "exhausted": 0}
    ]
    assert second["eliminated"] == "Pears"
    assert third["votes"]["Oranges"] == 6 and third["elected"] == ["Oranges"]
    assert fourth["eliminated"] == "Sweets"
    assert fifth["elected"] == ["Strawberries"]
    assert result.to_dict()["steps"]["rounds"][0]["transfers"][0]["factor"] == "1/2"
