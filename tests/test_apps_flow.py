"""A participant's way through a ballot, stage by stage, without widgets."""

from pathlib import Path

import pytest

from forum_toolkit.apps.flow import BallotFlow, Stage, StageError
from forum_toolkit.consultation import load_consultation

CONSULTATIONS = Path(__file__).parent / "consultations"


@pytest.fixture(scope="module")
def every_kind():
    return load_consultation(CONSULTATIONS / "every_kind.yaml")


@pytest.fixture(scope="module")
def coded():
    return load_consultation(CONSULTATIONS / "every_kind_coded.yaml")


@pytest.fixture
def flow(every_kind):
    flow = BallotFlow(every_kind)
    flow.start()
    return flow


def test_a_ballot_starts_at_the_language_screen_in_the_default_language(every_kind):
    flow = BallotFlow(every_kind)
    assert (flow.stage, flow.language) == (Stage.LANGUAGE, "de")


def test_an_open_consultation_goes_straight_to_the_first_page(flow):
    assert flow.stage is Stage.PAGE
    assert flow.page.id == "about"


def test_a_coded_consultation_asks_for_the_code_first(coded):
    flow = BallotFlow(coded)
    flow.start()
    assert flow.stage is Stage.CODE
    flow.accept_code("ABCD-EFGH")
    assert (flow.stage, flow.code) == (Stage.PAGE, "ABCD-EFGH")


def test_a_required_question_stops_the_participant_with_its_problem(flow):
    problems = flow.next()
    assert {qid: [p.code for p in ps] for qid, ps in problems.items()} == {"age": ["required"]}
    assert flow.page.id == "about"


def test_limits_are_checked_on_the_page(flow):
    flow.set_answer("age", "old")
    flow.set_answer("topics", ["bus", "park", "school"])
    assert [p.code for p in flow.next()["topics"]] == ["too_many"]


def test_a_page_condition_skips_the_page(flow):
    flow.set_answer("age", "old")
    flow.set_answer("topics", ["bus"])
    assert flow.next() == {}
    assert flow.page.id == "choices"  # the young people's page is not shown


def test_a_question_condition_shows_the_question_when_it_holds(flow):
    flow.set_answer("age", "young")
    flow.set_answer("topics", ["bus"])
    flow.next()
    assert flow.page.id == "young_people"
    assert [q.id for q in flow.questions_on_page()] == ["mood", "town"]
    flow.set_answer("town", {"safety": 1, "shops": 2})
    assert [q.id for q in flow.questions_on_page()] == ["mood", "town", "why_unsafe"]


def test_answers_to_questions_hidden_later_are_not_stored(flow):
    flow.set_answer("age", "young")
    flow.set_answer("topics", ["bus"])
    flow.next()
    flow.set_answer("mood", 3)
    flow.back()
    flow.set_answer("age", "old")  # the young people's page is hidden now
    flow.next()
    flow.next()
    assert flow.stage is Stage.REVIEW
    assert flow.final_answers() == {"age": "old", "topics": ["bus"]}


def test_the_language_can_change_at_any_stage_without_losing_answers(flow):
    flow.set_answer("age", "old")
    flow.choose_language("ar")
    assert (flow.language, flow.answers) == ("ar", {"age": "old"})
    with pytest.raises(StageError):
        flow.choose_language("xx")


def test_review_can_go_back_to_a_page_and_return(flow):
    flow.set_answer("age", "old")
    flow.next()
    flow.next()
    assert flow.stage is Stage.REVIEW
    flow.go_to_page("about")
    assert (flow.stage, flow.page.id) == (Stage.PAGE, "about")


def test_empty_answers_count_as_unanswered(flow):
    flow.set_answer("topics", ["bus"])
    flow.set_answer("topics", [])
    assert "topics" not in flow.answers


@pytest.mark.parametrize("step", ["saved", "final_answers", "start", "accept_code"])
def test_steps_out_of_order_are_refused(flow, step):
    with pytest.raises(StageError):
        getattr(flow, step)(*(["ABCD-EFGH"] if step == "accept_code" else []))


def test_after_saving_nothing_can_be_changed_or_saved_again(flow):
    flow.set_answer("age", "old")
    flow.next()
    flow.next()
    flow.saved()
    assert flow.stage is Stage.THANKS
    with pytest.raises(StageError):
        flow.set_answer("age", "young")
    with pytest.raises(StageError):
        flow.saved()


def test_every_participant_gets_a_new_submission_id(every_kind):
    assert BallotFlow(every_kind).submission_id != BallotFlow(every_kind).submission_id
