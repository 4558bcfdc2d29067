"""Written answers, numbers and proposals: text fields with live counters; numbers read in Python."""

from __future__ import annotations

import pytest

from forum_toolkit.consultation.answers import check_answer
from forum_toolkit.widgets import view_for
from forum_toolkit.widgets.number import read_number, show_number
from test_widgets_base import ATTACK, FakeWording, Heard, button, no_widget_errors, plain, question, texts  # noqa: F401

# -- short and long text ---------------------------------------------------------------------------


def test_typing_answers_the_text_and_the_counter_follows_live():
    heard = Heard()
    view = view_for(question("idea"), FakeWording(), on_change=heard)  # at most 30
    assert plain(view.counter.widget.value) == "30 characters left"
    view.field.value = "Mehr Bänke"
    assert view.answer() == "Mehr Bänke"
    assert plain(view.counter.widget.value) == "20 characters left"
    view.field.value = "x" * 29
    assert plain(view.counter.widget.value) == "1 character left"
    assert heard.calls[-1] == ("idea", "x" * 29)


def test_past_the_limit_the_counter_says_how_many_too_many_and_nothing_is_cut():
    view = view_for(question("idea"), FakeWording())
    view.field.value = "y" * 100_000  # a forged value of 100 kB
    assert view.answer() == "y" * 100_000
    assert plain(view.counter.widget.value) == "99970 characters too many"
    assert "ft-over" in view.counter.widget._dom_classes
    assert [p.code for p in check_answer(question("idea"), view.answer())] == ["too_long"]


@pytest.mark.parametrize("typed", ["", "   ", "\n\t "])
def test_a_blank_text_is_no_answer(typed):
    view = view_for(question("story"), FakeWording())
    view.field.value = typed
    assert view.answer() is None


def test_a_minimum_length_is_said_in_words():
    assert "Please write at least 5 characters." in texts(view_for(question("long_enough"), FakeWording()))


def test_a_text_with_markup_or_control_characters_is_kept_as_typed():
    view = view_for(question("story"), FakeWording())
    view.field.value = ATTACK + "\x00"
    assert view.answer() == ATTACK + "\x00"  # answers.py refuses control characters
    assert view.field.value == ATTACK + "\x00"  # a Textarea value is text, never markup


@pytest.mark.parametrize("previous, shown", [("Hallo", "Hallo"), ("", None), (42, None), (None, None)])
def test_a_text_shows_an_earlier_answer(previous, shown):
    view = view_for(question("story"), FakeWording(), answer=previous)
    assert view.answer() == shown


def test_long_text_is_a_textarea_short_text_a_line():
    assert "ft-textarea" in view_for(question("story"), FakeWording()).field._dom_classes
    assert "ft-line" in view_for(question("idea"), FakeWording()).field._dom_classes


# -- numbers -----------------------------------------------------------------------------------------

READ = [
    ("12", 12),
    (" +7 ", 7),
    ("-3", -3),
    ("\u22123", -3),  # minus sign
    ("١٢", 12),  # Arabic-Indic digits
    ("۱۲", 12),  # Persian digits
    ("12,5", 12.5),  # decimal comma
    ("12.5", 12.5),
    ("٣٫٥", 3.5),  # Arabic decimal separator
    ("1 000", 1000),
    (".5", 0.5),
    ("", None),
    ("   ", None),
    ("twelve", "not_a_number"),
    ("1e3", "not_a_number"),
    ("nan", "not_a_number"),
    ("inf", "not_a_number"),
    ("1.2.3", "not_a_number"),
    ("9" * 100_000, "not_a_number"),  # a forged 100 kB
]


@pytest.mark.parametrize("typed, number", READ)
def test_read_number(typed, number):
    assert read_number(typed) == number
    assert type(read_number(typed)) is type(number)


@pytest.mark.parametrize("value", [0, 12, -3, 0.5, 2.25, 1e-07, 0.1 + 0.2, 3.0, 1234567.125])
def test_an_earlier_number_reads_back_the_same(value):
    assert read_number(show_number(value)) == value
    assert type(read_number(show_number(value))) is type(value)


def test_a_number_field_shows_the_range_and_the_unit():
    shown = texts(view_for(question("years"), FakeWording()))
    assert "Please enter a number from 0 to 80." in shown and "years" in shown
    assert "Please enter a number from 0.5 to 2.5." in texts(view_for(question("hours"), FakeWording()))


def test_typing_a_number_answers_it_out_of_range_too():
    heard = Heard()
    view = view_for(question("years"), FakeWording(), on_change=heard)
    view.field.value = "12"
    assert view.answer() == 12
    view.field.value = "120"
    assert view.answer() == 120  # answers.py says "from 0 to 80"; the view changes nothing
    assert heard.calls == [("years", 12), ("years", 120)]
    assert "ft-hidden" in view.hint._dom_classes


@pytest.mark.parametrize(
    "question_id, typed, hint",
    [("years", "zwölf", "Please enter a number."), ("years", "12,5", "Please enter a whole number."), ("hours", "1,5 h", "Please enter a number.")],
)
def test_text_that_is_no_number_answers_none_and_says_why(question_id, typed, hint):
    view = view_for(question(question_id), FakeWording())
    view.field.value = typed
    assert view.answer() is None
    assert plain(view.hint.value) == hint and "ft-hidden" not in view.hint._dom_classes
    view.field.value = "1"
    assert "ft-hidden" in view.hint._dom_classes


@pytest.mark.parametrize("question_id, previous", [("years", 35), ("hours", 1.5), ("hours", 2), ("years", None)])
def test_a_number_shows_an_earlier_answer(question_id, previous):
    assert view_for(question(question_id), FakeWording(), answer=previous).answer() == previous


@pytest.mark.parametrize("previous", [True, "12", [12], float("nan")])
def test_an_earlier_answer_that_is_no_number_is_dropped(previous):
    assert view_for(question("years"), FakeWording(), answer=previous).answer() is None


# -- proposals ----------------------------------------------------------------------------------------


def test_a_proposal_has_title_text_and_optional_category_each_with_its_label():
    view = view_for(question("proposal"), FakeWording())
    shown = texts(view)
    for label in ("Title", "Your proposal", "Category", "40 characters left", "300 characters left", "Green", "Social"):
        assert label in shown
    assert shown.count("Optional") == 2  # the question's and the category's
    assert "Category" not in texts(view_for(question("proposal_plain"), FakeWording()))


def test_a_proposal_answers_title_text_and_the_category_chosen():
    heard = Heard()
    view = view_for(question("proposal"), FakeWording(), on_change=heard)
    view.title.value = "Shade"
    assert view.answer() == {"title": "Shade", "text": ""}
    view.text.value = "Trees on the playground"
    button(view, "Social").click()
    assert view.answer() == {"title": "Shade", "text": "Trees on the playground", "category": "social"}
    button(view, "Social").click()  # tapped again: no category
    assert view.answer() == {"title": "Shade", "text": "Trees on the playground"}
    assert plain(view.title_counter.widget.value) == "35 characters left"
    assert heard.calls[0] == ("proposal", {"title": "Shade", "text": ""})


def test_a_proposal_without_a_title_is_still_a_proposal_for_answers_py_to_refuse():
    view = view_for(question("proposal"), FakeWording())
    view.text.value = "Only a text"
    assert view.answer() == {"title": "", "text": "Only a text"}
    assert [p.code for p in check_answer(question("proposal"), view.answer())] == ["too_short"]
    view.text.value = "  "
    assert view.answer() is None


def test_a_proposal_keeps_a_forged_100_kb_text_as_it_is():
    view = view_for(question("proposal"), FakeWording())
    view.title.value, view.text.value = "T", "z" * 100_000
    assert len(view.answer()["text"]) == 100_000
    assert plain(view.text_counter.widget.value) == "99700 characters too many"


@pytest.mark.parametrize(
    "previous, shown",
    [
        ({"title": "T", "text": "X", "category": "green"}, {"title": "T", "text": "X", "category": "green"}),
        ({"title": "T", "text": ""}, {"title": "T", "text": ""}),
        ({"title": "T", "category": "moon"}, {"title": "T", "text": ""}),
        ({"title": 5, "text": ["x"]}, None),
        ("a title", None),
    ],
)
def test_a_proposal_shows_an_earlier_answer(previous, shown):
    assert view_for(question("proposal"), FakeWording(), answer=previous).answer() == shown
