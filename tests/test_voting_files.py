"""Ballot files: PrefLib and CSV read and written by our own code, round trips, and bad files that
name file:line, what was expected and what was found."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum_toolkit.voting import Approval, Profile, Ranking, Scores, count
from forum_toolkit.voting import csvfile, preflib
from forum_toolkit.voting.files import BallotFileError, read_ballots, write_ballots
from tests.voting.strategies import approval_profiles, ranking_profiles, score_profiles

HERE = Path(__file__).parent / "voting"
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def same(a: Profile, b: Profile) -> bool:
    return (a.candidates, a.kind, a.ballots, a.counts) == (b.candidates, b.kind, b.ballots, b.counts)


def test_the_tennessee_file_reads_as_published():
    profile = read_ballots(HERE / "tennessee.soc")
    assert profile.candidates == ("Memphis", "Nashville", "Chattanooga", "Knoxville")
    assert profile.counts == (42, 26, 15, 17)
    assert profile.ballots[0] == Ranking.of("Memphis", "Nashville", "Chattanooga", "Knoxville")
    assert count(profile, "instant-runoff").winners == ("Knoxville",)


def test_a_toi_file_keeps_ties_and_short_ballots():
    profile = read_ballots(HERE / "agenda.toi")
    assert profile.voters == 19
    assert profile.ballots[1] == Ranking.of("Bus stop", {"Playground", "Library hours"})
    assert profile.ballots[4] == Ranking.of("Bike racks")


@pytest.mark.parametrize(
    ("data_type", "ballots"),
    [
        ("soc", [(3, Ranking.of("A", "B", "C"))]),
        ("soi", [(2, Ranking.of("B")), (1, Ranking.of())]),
        ("toc", [(1, Ranking.of({"A", "C"}, "B"))]),
        ("toi", [(4, Ranking.of({"A", "C"})), (1, Ranking.of("C", "A"))]),
    ],
)
def test_each_order_type_is_written_and_read_back(data_type, ballots, tmp_path):
    profile = Profile.build(["A", "B", "C"], ballots)
    path = tmp_path / f"ballots.{data_type}"
    write_ballots(profile, path)
    assert f"# DATA TYPE: {data_type}" in path.read_text(encoding="utf-8")
    assert same(read_ballots(path), profile)


def test_the_written_file_is_plain_preflib():
    profile = Profile.build(["Bus stop", "Café, evenings"], [(3, Ranking.of("Café, evenings", "Bus stop")), (1, Ranking.of({"Bus stop", "Café, evenings"}))])
    assert preflib.dumps(profile, file_name="council.toc") == (
        "# FILE NAME: council.toc\n"
        "# TITLE: ballots written by forum_toolkit\n"
        "# DATA TYPE: toc\n"
        "# MODIFICATION TYPE: original\n"
        "# NUMBER ALTERNATIVES: 2\n"
        "# NUMBER VOTERS: 4\n"
        "# NUMBER UNIQUE ORDERS: 2\n"
        "# ALTERNATIVE NAME 1: Bus stop\n"
        "# ALTERNATIVE NAME 2: Café, evenings\n"
        "3: 2,1\n"
        "1: {1,2}\n"
    )


def test_a_profile_that_does_not_fit_the_type_is_refused(tmp_path):
    profile = Profile.build(["A", "B"], [Ranking.of({"A", "B"})])
    with pytest.raises(BallotFileError) as error:
        write_ballots(profile, tmp_path / "ties.soc")
    assert str(error.value) == "ties.soc: expected ballots that fit .soc (strict complete orders), found orders with ties, complete"


def test_approval_and_grades_travel_as_categories(tmp_path):
    approvals = Profile.build(["A", "B", "C"], [(2, Approval.of("A", "C")), (1, Approval.of())])
    write_ballots(approvals, tmp_path / "approval.cat")
    assert "2: {1,3},{2}" in (tmp_path / "approval.cat").read_text(encoding="utf-8")
    assert same(read_ballots(tmp_path / "approval.cat"), approvals)
    grades = Profile.build(["A", "B"], [(1, Scores.of({"A": 3, "B": 0})), (2, Scores.of({"A": 1}))], scale=(0, 3))
    write_ballots(grades, tmp_path / "grades.cat")
    back = read_ballots(tmp_path / "grades.cat")
    assert same(back, grades) and back.scale == (0, 3)


@FAST
@given(ranking_profiles(max_candidates=6))
def test_rankings_round_trip_through_preflib_and_csv(profile):
    assert same(preflib.parse(preflib.dumps(profile), "x", data_type=preflib.fitting_type(profile)), profile)
    assert same(preflib.parse(preflib.dumps(profile, data_type="toi"), "x", data_type="toi"), profile)
    assert same(csvfile.parse(csvfile.dumps(profile), "x", kind="ranking"), profile)


@FAST
@given(st.one_of(approval_profiles(), score_profiles()))
def test_approvals_and_scores_round_trip_through_cat_and_csv(profile):
    assert same(csvfile.parse(csvfile.dumps(profile), "x", kind=profile.kind), profile)
    back = preflib.parse(preflib.dumps(profile), "x", data_type="cat")
    assert same(back, profile)


def test_csv_reads_places_ticks_and_scores():
    text = "count,Playground,Bus stop,Library\n3,1,2,\n1,1,1,2\n\n"
    assert csvfile.parse(text, "r.csv", kind="ranking").ballots == (
        Ranking.of("Playground", "Bus stop"),
        Ranking.of({"Playground", "Bus stop"}, "Library"),
    )
    ticks = csvfile.parse("A,B,C\nx,,1\nyes,0,\n", "a.csv", kind="approval")
    assert ticks.ballots == (Approval.of("A", "C"), Approval.of("A")) and ticks.counts == (1, 1)
    scores = csvfile.parse("A,B\n5,\n2,3\n", "s.csv", kind="scores")
    assert scores.ballots == (Scores.of({"A": 5}), Scores.of({"A": 2, "B": 3}))


BROKEN_PREFLIB = [
    ("soc", "# DATA TYPE: soc\n# NUMBER ALTERNATIVES: 2\n1: 1,2\n2: 1\n", "b.soc:4: expected all 2 alternatives in a .soc file, found 2 missing"),
    ("soi", "# NUMBER ALTERNATIVES: 3\n1: 1,{2,3}\n", "b.soi:2: expected strict orders in a .soi file, found a tie {...}"),
    ("toi", "# NUMBER ALTERNATIVES: 3\n1: 1,4\n", "b.toi:2: expected alternatives 1 to 3, found 4"),
    ("toi", "# NUMBER ALTERNATIVES: 3\n1: 1,2,1\n", "b.toi:2: alternative 1 appears twice in one order"),
    ("toi", "# NUMBER ALTERNATIVES: 3\n\n1: 1,,2\n", "b.toi:3: entry 2: expected an alternative number or a {group} of them, found ''"),
    ("toi", "# NUMBER ALTERNATIVES: 3\nthree: 1,2\n", "b.toi:2: expected 'count: preferences' such as '3: 1,2,3', found 'three: 1,2'"),
    ("toi", "# NUMBER ALTERNATIVES: 3\n1: 1,{2,3\n", "b.toi:2: entry 2: expected an alternative number or a {group} of them, found '{2'"),
    ("toi", "# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 5\n1: 1\n", "b.toi:2: NUMBER VOTERS: the header says 5, the ballots add up to 1"),
    ("toi", "# DATA TYPE: soc\n# NUMBER ALTERNATIVES: 3\n", "b.toi:1: expected DATA TYPE toi for a .toi file, found 'soc'"),
    ("toi", "1: 1,2\n", "b.toi: expected a header line '# NUMBER ALTERNATIVES: n', found none"),
    ("toi", "# NUMBER ALTERNATIVES: many\n", "b.toi:1: NUMBER ALTERNATIVES: expected a whole number, found 'many'"),
    ("toi", "# a comment without a colon\n", "b.toi:1: expected a header line '# KEY: value', found '# a comment without a colon'"),
    ("cat", "# NUMBER ALTERNATIVES: 2\n# NUMBER CATEGORIES: 2\n1: {1}\n", "b.cat:3: expected 2 categories, found 1"),
    ("cat", "# NUMBER ALTERNATIVES: 2\n# NUMBER CATEGORIES: 2\n1: {1},{1,2}\n", "b.cat:3: alternative 1 is in two categories"),
    ("cat", "# NUMBER ALTERNATIVES: 2\n1: {1},{2}\n", "b.cat: NUMBER CATEGORIES: expected a whole number of 2 or more, found ''"),
]


@pytest.mark.parametrize(("suffix", "text", "message"), BROKEN_PREFLIB)
def test_broken_preflib_files_name_file_line_expected_and_found(suffix, text, message, tmp_path):
    path = tmp_path / f"b.{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BallotFileError) as error:
        read_ballots(path)
    assert str(error.value) == str(tmp_path / message)


BROKEN_CSV = [
    ("ranking", "", "b.csv:1: expected a header row naming the candidates, found an empty file"),
    ("ranking", "A,A\n1,2\n", "b.csv:1: expected each candidate once in the header, found 'A' twice"),
    ("ranking", "A,,C\n1,2,3\n", "b.csv:1: column 2: expected a candidate name, found an empty header"),
    ("ranking", "A,B\n1,2\n1\n", "b.csv:3: expected 2 cells as in the header, found 1"),
    ("ranking", "A,B\n1,first\n", "b.csv:2: B: expected a whole number from 1, found 'first'"),
    ("ranking", "A,B\n0,1\n", "b.csv:2: A: expected a whole number from 1, found 0"),
    ("ranking", "count,A,B\n-2,1,2\n", "b.csv:2: count: expected a whole number from 0, found -2"),
    ("approval", "A,B\nx,maybe\n", "b.csv:2: B: expected 1, x or yes (approved) or 0 or empty, found 'maybe'"),
    ("scores", "A,B\n4.5,1\n", "b.csv:2: A: expected a whole number, found '4.5'"),
]


@pytest.mark.parametrize(("kind", "text", "message"), BROKEN_CSV)
def test_broken_csv_files_name_file_line_expected_and_found(kind, text, message, tmp_path):
    path = tmp_path / "b.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BallotFileError) as error:
        read_ballots(path, kind=kind)
    assert str(error.value) == str(tmp_path / message)


def test_a_missing_file_and_an_unknown_extension(tmp_path):
    with pytest.raises(BallotFileError, match=r"nothing\.soi: no such file$"):
        read_ballots(tmp_path / "nothing.soi")
    (tmp_path / "ballots.txt").write_text("1: 1\n", encoding="utf-8")
    with pytest.raises(BallotFileError, match=r"ballots\.txt: expected a file ending in \.soc, \.soi, \.toc, \.toi, \.cat or \.csv, found \.txt$"):
        read_ballots(tmp_path / "ballots.txt")
    (tmp_path / "latin1.csv").write_bytes("A,Caf\xe9\n1,2\n".encode("latin-1"))
    with pytest.raises(BallotFileError, match=r"latin1\.csv: expected UTF-8 text, found a byte that is not"):
        read_ballots(tmp_path / "latin1.csv")
