"""`forum-toolkit tally` as an operator uses it: real files, exact output, exit codes, one-line errors."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from forum_toolkit.cli import main

HERE = Path(__file__).parent / "voting"
TENNESSEE = HERE / "tennessee.soc"
AGENDA = HERE / "agenda.toi"


@pytest.fixture
def run():
    def invoke(*args):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


def test_json_names_winners_order_tie_break_and_steps(run):
    result = run("tally", TENNESSEE, "--method", "schulze", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["winners"] == ["Nashville"] and data["elected"] == ["Nashville"]
    assert data["order"] == [["Nashville"], ["Chattanooga"], ["Knoxville"], ["Memphis"]]
    assert data["tie_break"] == {
        "policy": "earliest",
        "priority": ["Memphis", "Nashville", "Chattanooga", "Knoxville"],
        "applied": [],
    }
    assert data["steps"]["pairwise"]["Nashville"] == [58, None, 68, 68]
    assert data["steps"]["strongest paths"]["Memphis"] == [None, 0, 0, 0]


def test_text_shows_the_rounds_of_an_instant_runoff(run):
    result = run("tally", TENNESSEE, "--method", "instant-runoff")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "Instant-runoff voting: 100 ballots, 4 candidates, 1 seat",
        "elected: Knoxville",
        "order: Knoxville > Memphis > Nashville > Chattanooga",
        "tie-break: earliest, not needed",
        "round 1: Memphis 42, Nashville 26, Chattanooga 15, Knoxville 17; eliminated Chattanooga; votes of Chattanooga moved: Knoxville +15",
        "round 2: Memphis 42, Nashville 26, Knoxville 32; eliminated Nashville; votes of Nashville moved: Knoxville +26",
        "round 3: Memphis 42, Knoxville 58; elected Knoxville",
    ]


def test_a_tie_is_shown_whole_and_the_seed_recorded(run, tmp_path):
    ballots = tmp_path / "tie.csv"
    ballots.write_text("count,Playground,Bus stop,Library\n2,1,2,\n2,2,1,\n", encoding="utf-8")
    data = json.loads(run("tally", ballots, "-m", "borda", "--tie-break", "seed:7", "--format", "json").output)
    assert data["winners"] == sorted(["Playground", "Bus stop"], key=data["tie_break"]["priority"].index)
    assert data["tie_break"]["policy"] == "seed:7"
    assert data["tie_break"]["applied"] == [{"at": "seat 1", "tied": data["winners"], "chosen": data["elected"]}]
    assert data["elected"] == [data["tie_break"]["priority"][0] if data["tie_break"]["priority"][0] != "Library" else data["tie_break"]["priority"][1]]
    text = run("tally", ballots, "-m", "borda", "--tie-break", "seed:7").output
    assert f"tied: {', '.join(data['winners'])} (the tie-break chose)" in text
    assert "tie-break: seed:7, used seat 1:" in text


def test_stv_for_several_seats_reads_csv_counts(run, tmp_path):
    ballots = tmp_path / "food.csv"
    ballots.write_text(
        "count,Oranges,Pears,Chocolate,Strawberries,Sweets\n4,1,,,,\n2,2,1,,,\n8,,,1,2,\n4,,,1,,2\n1,,,,1,\n1,,,,,1\n",
        encoding="utf-8",
    )
    result = run("tally", ballots, "--method", "stv", "--seats", "3", "--format", "json")
    data = json.loads(result.output)
    assert data["elected"] == ["Chocolate", "Oranges", "Strawberries"]
    assert data["order"] is None and data["steps"]["quota"] == 6


def test_compare_shows_every_method_and_where_they_disagree(run):
    result = run("tally", TENNESSEE, "--compare")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "100 ballots, 4 candidates, ranking ballots"
    assert lines[-4:] == [
        "the methods disagree:",
        "  Memphis: plurality",
        "  Nashville: borda, coombs, copeland, minimax, schulze, ranked-pairs",
        "  Knoxville: instant-runoff, stv",
    ]
    data = json.loads(run("tally", TENNESSEE, "--compare", "--format", "json").output)
    assert data["agree"] is False
    assert set(data["results"]) == {"plurality", "borda", "instant-runoff", "coombs", "copeland", "minimax", "schulze", "ranked-pairs", "stv"}


def test_compare_for_several_seats_leaves_out_single_seat_methods(run):
    data = json.loads(run("tally", AGENDA, "--compare", "--seats", "2", "--format", "json").output)
    assert "instant-runoff" not in data["results"] and "coombs" not in data["results"]
    assert data["results"]["stv"]["seats"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--method", "condorcet"), "error: unknown method 'condorcet'; expected one of: approval, borda, coombs, copeland, dots, equal-shares, instant-runoff, majority-judgment, minimax, plurality, ranked-pairs, schulze, score, stv"),
        (("--method", "approval"), "error: method 'approval' counts approval ballots, but these are ranking ballots"),
        (("--method", "coombs", "--seats", "2"), "error: method 'coombs' fills one seat; for 2 seats use stv (ranking) or equal-shares (approval)"),
        (("--method", "borda", "--tie-break", "coin"), "error: tie-break: expected 'earliest' or 'seed:N' with a whole number N, found 'coin'"),
        ((), "error: tally: expected --method NAME or --compare; see forum-toolkit tally --help"),
    ],
)
def test_bad_options_give_one_line_and_exit_1(run, args, message):
    result = run("tally", TENNESSEE, *args)
    assert result.exit_code == 1
    assert result.stderr == message + "\n"


def test_a_bad_file_gives_file_line_and_exit_1(run, tmp_path):
    broken = tmp_path / "broken.soi"
    broken.write_text("# NUMBER ALTERNATIVES: 2\n3: 1,2\n1: 2,2\n", encoding="utf-8")
    result = run("tally", broken, "--method", "borda")
    assert result.exit_code == 1
    assert result.stderr == f"error: {broken}:3: alternative 2 appears twice in one order\n"
    assert "Traceback" not in result.output


def test_approval_csv_with_equal_shares(run, tmp_path):
    ballots = tmp_path / "approve.csv"
    ballots.write_text("count,A,B,C,D\n4,1,1,1,\n2,,,,1\n", encoding="utf-8")
    data = json.loads(run("tally", ballots, "-m", "equal-shares", "-k", "3", "--format", "json").output)
    assert data["elected"] == ["A", "B", "D"]
    assert data["steps"]["rounds"][0]["cost per supporter"]["D"] == "1/2"


def test_help_explains_the_command(run):
    result = run("tally", "--help")
    assert result.exit_code == 0
    assert "--tie-break seed:N|earliest" in result.output
    assert "PrefLib" in result.output


DOCS = Path(__file__).parent.parent / "docs" / "voting.md"


def test_the_docs_explain_every_registered_method():
    from forum_toolkit.voting import REGISTRY

    text = DOCS.read_text(encoding="utf-8")
    for name in REGISTRY:
        assert f"(`{name}`" in text, f"docs/voting.md does not explain {name}"


def test_the_sessions_in_the_docs_are_real_output(run, monkeypatch):
    monkeypatch.chdir(DOCS.parent.parent)
    block = DOCS.read_text(encoding="utf-8").split("## The command\n\n```\n")[1].split("```")[0]
    sessions = [s for s in block.split("$ forum-toolkit ") if s.strip()]
    assert len(sessions) == 2
    for session in sessions:
        command, _, shown = session.partition("\n")
        assert run(*command.split()).output.strip() == shown.strip()


def test_kind_says_what_the_numbers_in_a_csv_file_are(run, tmp_path):
    ballots = tmp_path / "grades.csv"
    ballots.write_text("Playground,Bus stop\n4,2\n1,3\n3,\n", encoding="utf-8")
    data = json.loads(run("tally", ballots, "--compare", "--kind", "scores", "--format", "json").output)
    assert set(data["results"]) == {"dots", "score", "majority-judgment"}
    assert data["results"]["score"]["steps"]["scores"] == {"Playground": 8, "Bus stop": 5}
    assert data["results"]["majority-judgment"]["steps"]["median grade"] == {"Playground": 3, "Bus stop": 2}
    as_ranks = json.loads(run("tally", ballots, "-m", "borda", "--format", "json").output)
    assert as_ranks["steps"]["scores"] == {"Playground": 2, "Bus stop": 1}  # the same cells read as places
