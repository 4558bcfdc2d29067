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


# -- following the facilitator ----------------------------------------------------------------------

LED, SELF = "facilitator_led", "self_paced"


def test_a_facilitator_led_ballot_starts_waiting_when_nothing_is_open(every_kind):
    flow = BallotFlow(every_kind)
    flow.follow(LED, None, None)
    flow.start()
    assert flow.stage is Stage.WAITING and not flow.can_resume


def test_an_opened_question_is_the_only_one_on_the_screen(flow):
    assert flow.follow(LED, "choices", "order") is True
    assert (flow.stage, flow.page.id, [q.id for q in flow.questions_on_page()]) == (Stage.PAGE, "choices", ["order"])
    assert flow.follow(LED, "choices", "order") is False  # nothing changed: nothing to redraw


def test_an_opened_page_shows_all_its_questions(flow):
    flow.follow(LED, "choices", None)
    assert [q.id for q in flow.questions_on_page()] == ["order", "priorities", "ok", "household", "statements", "idea", "comment"]


@pytest.mark.parametrize("stage_before", ["page", "review", "waiting"])
def test_another_opened_question_takes_her_there_with_every_answer_kept(flow, stage_before):
    flow.follow(LED, "about", "age")
    flow.set_answer("age", "young")
    if stage_before == "review":
        flow.review()
    elif stage_before == "waiting":
        assert flow.next() == {}
    flow.follow(LED, "choices", "ok")
    assert (flow.stage, [q.id for q in flow.questions_on_page()]) == (Stage.PAGE, ["ok"])
    assert flow.answers == {"age": "young"}


def test_done_checks_only_the_opened_question_then_waits(flow):
    flow.follow(LED, "about", "topics")
    flow.set_answer("topics", ["bus", "park", "school"])
    assert [p.code for p in flow.next()["topics"]] == ["too_many"]
    flow.set_answer("topics", ["bus"])
    assert flow.next() == {}  # "age", required, is not on the screen and not asked now
    assert flow.stage is Stage.WAITING and flow.can_resume
    flow.resume()
    assert [q.id for q in flow.questions_on_page()] == ["topics"]


def test_a_question_hidden_for_her_answers_keeps_her_waiting(flow):
    flow.follow(LED, "about", "age")
    flow.set_answer("age", "old")
    flow.follow(LED, "young_people", "mood")
    assert flow.stage is Stage.WAITING and not flow.can_resume


def test_an_answer_to_a_question_not_on_the_screen_is_refused(flow):
    flow.follow(LED, "choices", "ok")
    with pytest.raises(StageError, match="question 'age' is not on the screen"):
        flow.set_answer("age", "old")


def test_there_is_no_going_back_a_page_when_the_facilitator_leads(flow):
    flow.follow(LED, "choices", "ok")
    with pytest.raises(StageError, match="the facilitator sets the pace"):
        flow.back()


def test_before_submitting_a_required_question_never_opened_is_shown_to_her(flow):
    flow.follow(LED, "choices", "ok")
    flow.set_answer("ok", ["a"])
    flow.review()
    problems = flow.ready()
    assert list(problems) == ["age"]
    assert (flow.stage, flow.page.id, flow.own_page) == (Stage.PAGE, "about", True)
    assert "age" in [q.id for q in flow.questions_on_page()]  # her own page: all of it
    flow.set_answer("age", "old")
    assert flow.next() == {} and flow.stage is Stage.REVIEW  # Done: back to the review she came from
    assert flow.ready() == {} and flow.final_answers() == {"age": "old", "ok": ["a"]}


def test_back_to_her_own_pace_when_the_facilitator_stops_leading(flow):
    flow.follow(LED, None, None)
    assert flow.stage is Stage.WAITING
    assert flow.follow(SELF, None, None) is True
    assert flow.stage is Stage.PAGE and not flow.following


def test_at_her_own_pace_an_opened_question_moves_nothing(flow):
    assert flow.follow(SELF, "choices", "ok") is False
    assert (flow.stage, flow.page.id) == (Stage.PAGE, "about")


def test_nothing_moves_before_the_start_or_after_saving(every_kind):
    flow = BallotFlow(every_kind)
    assert flow.follow(LED, "choices", "ok") is False and flow.stage is Stage.LANGUAGE
    flow.start()
    assert [q.id for q in flow.questions_on_page()] == ["ok"]  # she starts where the room is


@pytest.mark.parametrize(("item", "stance", "error"), [(3, "maybe", "stance 'maybe'"), ("3", "agree", "item '3'"), (True, "agree", "item True")])
def test_a_forged_reaction_is_refused(flow, item, stance, error):
    with pytest.raises(StageError, match=error):
        flow.react(item, stance)
    assert flow.reactions == {}


def test_reactions_to_participants_statements_are_kept_apart_from_the_answers(flow):
    flow.react(7, "agree")
    flow.react(8, "pass")
    flow.react(8, None)
    assert flow.reactions == {7: "agree"} and flow.answers == {}
