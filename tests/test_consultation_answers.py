"""Checking submitted answers against a consultation: every kind's limits, conditions, bad types."""

from pathlib import Path

import pytest

from forum_toolkit.consultation import check_answers, load_consultation, visible_questions

EVERY_KIND = Path(__file__).parent / "consultations" / "every_kind.yaml"


@pytest.fixture(scope="module")
def every_kind():
    return load_consultation(EVERY_KIND)


VALID = {
    "age": "young",
    "topics": ["bus"],
    "mood": 3,
    "town": {"safety": 1, "shops": 2},
    "why_unsafe": "Dunkle Wege",
    "order": ["c", "a"],
    "priorities": {"a": 2, "b": 1},
    "ok": [],
    "household": 3,
    "statements": {"s1": "agree", "s2": "pass"},
    "idea": {"title": "Mehr Bänke", "text": "Am Marktplatz", "category": "culture"},
    "comment": "شكرا",
}

# The young people's page is shown only to the young: leave its answers out when age changes.
NOT_YOUNG = {"mood": ..., "town": ..., "why_unsafe": ...}


def test_valid_answers_have_no_problems(every_kind):
    assert check_answers(every_kind, VALID) == ()


def test_only_the_required_question_is_needed(every_kind):
    assert check_answers(every_kind, {"age": "old"}) == ()


def _messages(consultation, changes):
    answers = {**VALID, **changes}
    answers = {k: v for k, v in answers.items() if v is not ...}
    return [p.message for p in check_answers(consultation, answers)]


@pytest.mark.parametrize(
    "changes, messages",
    [
        ({"age": ..., **NOT_YOUNG}, ["question 'age' needs an answer"]),
        ({"age": "middle", **NOT_YOUNG}, ["question 'age': 'middle' is not one of its options"]),
        ({"age": ["young"], **NOT_YOUNG}, ["question 'age': expected one option id, found a list"]),
        ({"topics": []}, ["question 'topics': choose at least 1, found 0"]),
        ({"topics": ["bus", "park", "school"]}, ["question 'topics': choose at most 2, found 3"]),
        ({"topics": ["bus", "bus"]}, ["question 'topics': 'bus' is given more than once"]),
        ({"mood": 4}, ["question 'mood': 4 is not a point of the scale"]),
        ({"mood": True}, ["question 'mood': expected a point of the scale, found true/false"]),
        ({"mood": float("nan")}, ["question 'mood': expected a point of the scale, found a number"]),
        ({"town": {"safety": 9}, "why_unsafe": ...}, ["question 'town': 9 is not a point of the scale"]),
        ({"town": {"garden": 1}, "why_unsafe": ...}, ["question 'town': 'garden' is not one of its options"]),
        ({"order": ["a"]}, ["question 'order': rank 2 options, found 1"]),
        ({"order": ["a", "a"]}, ["question 'order': 'a' is given more than once"]),
        ({"priorities": {"a": 3}}, ["question 'priorities': at most 2 dots on 'a', found 3"]),
        ({"priorities": {"a": 2, "b": 2, "c": 1}}, ["question 'priorities': at most 4 dots in all, found 5"]),
        ({"priorities": {"a": -1}}, ["question 'priorities': at most 2 dots on 'a', found -1"]),
        ({"priorities": {"a": 1.5}}, ["question 'priorities': expected a mapping of option id to a whole number of dots, found a mapping"]),
        ({"household": 0}, ["question 'household': expected a number from 1 to 15, found 0"]),
        ({"household": 2.5}, ["question 'household': expected a whole number, found 2.5"]),
        ({"household": "3"}, ["question 'household': expected a number, found text"]),
        ({"comment": "x" * 501}, ["question 'comment': expected at most 500 characters, found 501"]),
        ({"comment": "a\x00b"}, ["question 'comment': the text contains control characters"]),
        ({"statements": {"s1": "maybe"}}, ["question 'statements': 'maybe' is not agree, disagree or pass"]),
        ({"idea": {"title": "", "text": "x"}}, ["question 'idea': expected at least 1 characters, found 0"]),
        ({"idea": {"title": "t", "author": "Ali"}}, ["question 'idea': 'author' is not one of its options"]),
        ({"idea": {"title": "t", "category": "sport"}}, ["question 'idea': 'sport' is not one of its options"]),
        ({"welcome": "hi"}, ["question 'welcome' is information only and takes no answer"]),
        ({"secret": 1}, ["there is no question 'secret' in this consultation"]),
    ],
)
def test_bad_answers_are_refused_with_a_clear_message(every_kind, changes, messages):
    assert _messages(every_kind, changes) == messages


def test_answers_to_hidden_questions_are_refused(every_kind):
    answers = {"age": "old", "mood": 2}
    assert [p.message for p in check_answers(every_kind, answers)] == [
        "question 'mood' is not shown for these answers and cannot be answered"
    ]


def test_a_question_condition_depends_on_an_earlier_answer(every_kind):
    shown = {q.id for q in visible_questions(every_kind, {"age": "young", "town": {"safety": 2}})}
    assert "mood" in shown and "why_unsafe" not in shown
    shown = {q.id for q in visible_questions(every_kind, {"age": "young", "town": {"safety": 1}})}
    assert "why_unsafe" in shown


def test_answers_that_are_not_a_mapping_are_refused(every_kind):
    assert [p.code for p in check_answers(every_kind, ["age"])] == ["wrong_type"]
