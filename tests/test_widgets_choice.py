"""Single choice, multiple choice and approval: one big button per option, tap again to unchoose."""

from __future__ import annotations

import pytest

from forum_toolkit.consultation.answers import check_answer
from forum_toolkit.consultation.model import Approval, MultipleChoice
from forum_toolkit.widgets import view_for
from test_widgets_base import FakeWording, Heard, button, chosen, no_widget_errors, options, question, t, texts  # noqa: F401


def test_a_tap_chooses_a_second_tap_unchooses_another_tap_switches():
    heard = Heard()
    view = view_for(question("park"), FakeWording(), on_change=heard)
    button(view, "Park").click()
    assert view.answer() == "park" and chosen(view) == ["Park"]
    button(view, "Both").click()
    assert view.answer() == "both" and chosen(view) == ["Both"]
    button(view, "Both").click()
    assert view.answer() is None and chosen(view) == []
    assert heard.calls == [("park", "park"), ("park", "both"), ("park", None)]


@pytest.mark.parametrize("previous, shown", [("parking", "parking"), ("nope", None), (["park"], None), (3, None), (None, None)])
def test_single_choice_shows_an_earlier_answer_and_drops_one_it_cannot_show(previous, shown):
    view = view_for(question("park"), FakeWording(), answer=previous)
    assert view.answer() == shown
    assert chosen(view) == (["Parking"] if shown else [])


def test_the_browser_renaming_a_button_changes_nothing():
    view = view_for(question("park"), FakeWording())
    forged = button(view, "Park")
    forged.description = "Both"  # a browser can set any trait
    forged.click()
    assert view.answer() == "park"


MIN_MAX_WORDS = [
    (0, 4, "Choose as many as you like."),
    (1, 4, "Choose at least 1."),
    (2, 2, "Choose 2."),
    (0, 2, "Choose at most 2."),
    (1, 3, "Choose from 1 to 3."),
]


@pytest.mark.parametrize("low, high, words", MIN_MAX_WORDS)
def test_multiple_choice_says_its_limits_in_words(low, high, words):
    q = MultipleChoice("q", t("Which?"), options=options("a", "b", "c", "d"), min=low, max=high)
    assert words in texts(view_for(q, FakeWording()))


@pytest.mark.parametrize("high, words", [(None, "Choose as many as you like."), (4, "Choose as many as you like."), (2, "Choose at most 2.")])
def test_approval_says_its_limit_in_words(high, words):
    q = Approval("q", t("Which?"), options=options("a", "b", "c", "d"), max=high)
    assert words in texts(view_for(q, FakeWording()))


def test_multiple_choice_keeps_the_order_of_taps_and_disables_the_rest_at_the_limit():
    heard = Heard()
    view = view_for(question("topics"), FakeWording(), on_change=heard)  # min 1, max 2
    button(view, "School").click()
    button(view, "Housing").click()
    assert view.answer() == ["school", "housing"]
    assert [b.description for b in view.options.buttons.values() if b.disabled] == ["Traffic", "Park"]
    button(view, "School").click()
    assert view.answer() == ["housing"]
    assert not any(b.disabled for b in view.options.buttons.values())
    assert heard.calls[-1] == ("topics", ["housing"])


def test_a_tap_on_a_disabled_option_changes_nothing_even_if_the_browser_enabled_it():
    heard = Heard()
    view = view_for(question("approve"), FakeWording(), on_change=heard)  # max 2
    button(view, "A").click()
    button(view, "B").click()
    forged = button(view, "C")
    assert forged.disabled
    forged.click()  # a browser can click a disabled button
    forged.disabled = False  # ... or enable it first
    forged.click()
    assert view.answer() == ["a", "b"]
    assert len(heard.calls) == 2
    assert check_answer(question("approve"), view.answer()) == []


def test_after_the_first_tap_an_empty_choice_is_an_empty_list():
    view = view_for(question("extras"), FakeWording())
    assert view.answer() is None
    button(view, "Wifi").click()
    button(view, "Wifi").click()
    assert view.answer() == []


@pytest.mark.parametrize(
    "previous, shown",
    [
        (["traffic", "housing"], ["traffic", "housing"]),
        ([], []),
        (["housing", "housing", "moon", 7], ["housing"]),  # repeated, unknown, not an id: dropped
        ("housing", None),
        ({"housing": True}, None),
    ],
)
def test_multiple_choice_shows_an_earlier_answer(previous, shown):
    view = view_for(question("topics"), FakeWording(), answer=previous)
    assert view.answer() == shown


def test_an_earlier_answer_over_the_limit_is_shown_as_it_is_and_nothing_more_can_be_added():
    view = view_for(question("approve"), FakeWording(), answer=["a", "b", "c"])  # max 2
    assert view.answer() == ["a", "b", "c"]
    button(view, "D").click()
    assert view.answer() == ["a", "b", "c"]  # well shaped; answers.py says "too many"
    button(view, "C").click()
    assert view.answer() == ["a", "b"]
