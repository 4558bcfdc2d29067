"""Participation, completion, the population file and raking weights, on hand-made data."""

import pandas as pd
import pytest
from analysis_data import evening

from forum_toolkit.analysis import (
    AnalysisError,
    InvalidPopulation,
    UnknownLanguage,
    compare_with_population,
    completion,
    load_answers,
    over_time,
    rake,
    read_population,
    submissions_by,
)


@pytest.fixture(scope="module")
def answers():
    return evening()


@pytest.fixture
def population(tmp_path):
    path = tmp_path / "population.csv"
    path.write_text("variable,category,residents,source\nage,young,300,register\nage,old,700,register\n", encoding="utf-8")
    return read_population(path)


def test_ballots_per_language_largest_first_with_their_own_names(answers):
    found = submissions_by(answers, "language")
    assert found[["language", "label", "submissions"]].values.tolist() == [["de", "Deutsch", 8], ["ar", "العربية", 3], ["en", "English", 1]]
    assert found["share"].sum() == pytest.approx(1)


def test_ballots_per_group_in_the_consultations_order_then_no_answer(answers):
    found = submissions_by(answers, "age")
    assert found[["age", "submissions"]].values.tolist() == [["young", 6], ["old", 4], ["", 2]]
    assert found["label"].tolist()[2] == ""


def test_an_unknown_column_names_the_ones_there_are(answers):
    with pytest.raises(AnalysisError, match="column 'town': expected one of session_id, language, channel, age"):
        submissions_by(answers, "town")


def test_ballots_over_time_in_intervals_with_the_quiet_ones(answers):
    found = over_time(answers, minutes=15)
    assert found["submissions"].tolist() == [5, 3, 4]  # minutes 1-14, 16-21, 33-41
    assert found["so_far"].tolist() == [5, 8, 12]
    assert str(found["start"].iloc[0]) == "2026-11-12 18:00:00+00:00"
    assert str(over_time(answers, minutes=15, timezone="Europe/Berlin")["start"].iloc[0]) == "2026-11-12 19:00:00+01:00"


def test_completion_and_where_people_stopped(answers):
    found = completion(answers).set_index("question_id")
    assert found.loc["age", ["answered", "reached"]].tolist() == [10, 11]
    assert found.loc["mood", "answered"] == 11
    # ballot 10 answered mood only: it stopped at mood; the first ten stopped at the statements
    assert found.loc["mood", "stopped_here"] == 1
    assert found.loc["statements", "stopped_here"] == 10
    assert found.loc["statements", "drop_out"] == 1.0
    assert found.loc["comment", "stopped_here"] == 0  # the last question: nobody "drops out" there


def test_participants_compared_with_the_town(answers, population):
    found = compare_with_population(answers, population, "age")
    assert found[["category", "participants", "residents"]].values.tolist() == [["young", 6, 300], ["old", 4, 700]]
    assert found["ratio"].tolist() == pytest.approx([0.6 / 0.3, 0.4 / 0.7])


def test_raking_one_variable_gives_the_ratio_of_shares(answers, population):
    raked = rake(answers, population, ["age"])
    weights = raked.weights
    # 6 young should be 30 % of the 10 who answered, 4 old 70 %; the two without an answer keep 1
    young = 0.3 * 10 / 6
    old = 0.7 * 10 / 4
    assert weights["evening-00"] == pytest.approx(young)
    assert weights["evening-06"] == pytest.approx(old)
    assert weights["evening-11"] == pytest.approx(1)
    assert weights.sum() == pytest.approx(12)
    assert raked.converged and raked.iterations == 2
    w = weights.to_numpy()
    assert raked.design_effect == pytest.approx(12 * (w**2).sum() / w.sum() ** 2)


def test_raking_refuses_a_category_nobody_is_in(answers, tmp_path):
    path = tmp_path / "population.csv"
    path.write_text("variable,category,residents\nage,young,300\nage,old,600\nage,middle,100\n", encoding="utf-8")
    with pytest.raises(AnalysisError, match="cannot weight by age: nobody in category 'middle' took part"):
        rake(answers, read_population(path), ["age"])


def test_raking_two_variables_matches_both_margins():
    demo = load_answers_of_two_groups()
    population = demo["population"]
    raked = rake(demo["answers"], population, ["age", "lives"])
    wide = demo["answers"].wide.set_index("submission_id")
    for variable in ("age", "lives"):
        shares = raked.weights.groupby(wide[variable]).sum() / raked.weights.sum()
        for category, share in population.shares(variable).items():
            assert shares[category] == pytest.approx(share, abs=1e-6)


def load_answers_of_two_groups():
    """Twelve ballots over two group questions, built without a store."""
    from forum_toolkit.analysis import answers_from
    from forum_toolkit.consultation.load import load_consultation_text

    text = (
        "id: two\ntitle: {de: Zwei}\nlanguages: [de]\ndefault_language: de\naccess: open\npages:\n"
        "  - id: p\n    title: {de: P}\n    questions:\n"
        "      - {id: age, kind: single_choice, describes_participant: true, text: {de: Alter}, options: [{id: young, label: {de: jung}}, {id: old, label: {de: alt}}]}\n"
        "      - {id: lives, kind: single_choice, describes_participant: true, text: {de: Wo}, options: [{id: town, label: {de: Stadt}}, {id: village, label: {de: Dorf}}]}\n"
    )
    consultation = load_consultation_text(text, source="two.yaml")
    cells = [("young", "town")] * 5 + [("young", "village")] * 1 + [("old", "town")] * 2 + [("old", "village")] * 4
    submissions = [
        {"submission_id": f"b{i}", "session_id": "s", "language": "de", "channel": "tablet",
         "submitted_at": pd.Timestamp("2026-11-12T18:00Z"), "answers": {"age": a, "lives": b}}
        for i, (a, b) in enumerate(cells)
    ]
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "population.csv"
    path.write_text("variable,category,residents\nage,young,400\nage,old,600\nlives,town,700\nlives,village,300\n", encoding="utf-8")
    return {"answers": answers_from({"s": consultation}, {"s": submissions}), "population": read_population(path)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("variable,category\nage,young\n", ":1: missing column 'residents'"),
        ("variable,category,residents\nage,young,many\n", ":2: residents: expected a whole number of 0 or more, found 'many'"),
        ("variable,category,residents\nage,young,3\nage,young,4\n", ":3: age young is listed twice"),
        ("variable,category,residents\nage,young,3\nlives,town,4\n", ": lives adds up to 4 residents, but age to 3"),
    ],
)
def test_a_broken_population_file_is_named_with_its_line(tmp_path, text, message):
    path = tmp_path / "population.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidPopulation) as error:
        read_population(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_the_shipped_population_is_a_town_of_nine_thousand():
    population = read_population()
    assert population.variables == ("age_group", "years_in_town", "home_language", "neighbourhood")
    assert {population.total(v) for v in population.variables} == {9000}


def test_loading_names_an_unknown_session_and_language(tmp_path):
    from forum_toolkit.store import UnknownSession, open_store

    store = open_store(f"sqlite:///{tmp_path}/empty.sqlite3")
    with pytest.raises(AnalysisError, match="no sessions to analyse"):
        load_answers(store)
    with pytest.raises(UnknownSession, match="there is no session 'nope' in the store"):
        load_answers(store, "nope")


def test_an_unknown_label_language_is_refused():
    from forum_toolkit.analysis import answers_from
    from forum_toolkit.analysis.frames import load_answers as _  # noqa: F401

    class Store:
        def consultation(self, session):
            return evening().consultation

        def submissions(self, session):
            return []

    with pytest.raises(UnknownLanguage, match=r"language 'fa': expected one of the consultation's languages \(de, en, ar\)"):
        load_answers(Store(), ["evening"], "fa")
    assert answers_from is not None
