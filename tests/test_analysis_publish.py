"""Published tables on the hand-made evening of tests/analysis_data.py: weighted tables are
suppressed on the people counted and show the weighted numbers only where the counts are shown."""

import pandas as pd
import pytest
from analysis_data import evening

from forum_toolkit.analysis import AnalysisError, crosstab, published_crosstab, published_distribution
from forum_toolkit.privacy import HIDDEN, SuppressionPolicy


@pytest.fixture(scope="module")
def answers():
    return evening()


def young_weigh(answers, weight: float) -> pd.Series:
    """Young ballots weigh `weight`, the others 1."""
    return pd.Series({sid: weight if age == "young" else 1.0 for sid, age in zip(answers.wide["submission_id"], answers.wide["age"].fillna(""))})


def test_a_weighted_crosstab_adds_up_the_weights_of_the_same_people(answers):
    """mood by age: young 2, 2, 2 and old 0, 2, 2 people; the young weigh 2."""
    table = crosstab(answers, "mood", by="age", weights=young_weigh(answers, 2.0))
    assert table.counts.values.tolist() == [[2, 2, 2], [0, 2, 2]]
    assert table.weighted.values.tolist() == [[4.0, 4.0, 4.0], [0.0, 2.0, 2.0]]
    assert table.weighted_respondents.tolist() == [12.0, 4.0]
    assert crosstab(answers, "mood", by="age").weighted is None


def test_a_weighted_table_shows_weights_where_the_counts_are_shown():
    answers = evening()
    table = crosstab(answers, "mood", by="age", weights=young_weigh(answers, 2.0))
    published = published_crosstab(table, SuppressionPolicy(1))  # only the zero is small: a rectangle goes
    counted = published_crosstab(crosstab(answers, "mood", by="age"), SuppressionPolicy(1))
    assert published.table.hidden == counted.table.hidden == {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert published.weighted.cells == ((None, None, 4.0), (None, None, 2.0))
    assert published.frame.iloc[0].tolist() == [HIDDEN, HIDDEN, "4.0 (33%)", "12.0"]
    assert published.frame.loc["Σ", "n"] == "16.0"


def test_a_heavy_small_group_stays_hidden(answers):
    """Two young people weighing 50 each are 100 by weight, and still two people."""
    table = crosstab(answers, "mood", by="age", weights=young_weigh(answers, 50.0))
    published = published_crosstab(table, SuppressionPolicy(5))
    assert published.weighted.cells[0] == (None, None, None)
    assert HIDDEN in published.frame.iloc[0].tolist()[0]
    assert published.table.hidden == published_crosstab(crosstab(answers, "mood", by="age"), SuppressionPolicy(5)).table.hidden


def test_a_weighted_distribution_is_suppressed_on_its_counts(answers):
    """mood: 2, 5 and 4 people; the young weighing 2: 4, 7 and 6 of 17."""
    weights = young_weigh(answers, 2.0)
    found = published_distribution(answers, "mood", SuppressionPolicy(3), weights=weights)[0]
    assert found.table.cells == ((None, 5, None),)  # the 4 goes too, or 2 = 11 - 5 - 4
    assert found.table.primary == {(0, 0)}
    assert found.weighted.cells == ((None, 7.0, None),)
    assert found.frame["n"].tolist() == [HIDDEN, "7.0", HIDDEN, "17.0"]
    assert found.frame["%"].tolist()[:3] == [HIDDEN, "41%", HIDDEN]


def test_a_weighted_multiple_response_question_keeps_its_respondents(answers):
    """ok: a 6 (4 young) and b 5 (2 young) of the 10 who answered (6 young): by weight 10 and 7 of 16."""
    found = published_distribution(answers, "ok", SuppressionPolicy(1), weights=young_weigh(answers, 2.0))[0]
    assert found.weighted.cells == ((10.0, 7.0),)
    assert found.weighted.total == 16.0 and found.table.total == 10


def test_dots_are_not_weighted(answers):
    question = next(q.id for q in answers.consultation.questions if q.kind.value == "dots")
    with pytest.raises(AnalysisError, match="dots: its dots are published as given, not weighted"):
        published_distribution(answers, question, SuppressionPolicy(), weights=young_weigh(answers, 2.0))
