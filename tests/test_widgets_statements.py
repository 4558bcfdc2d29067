"""Statements: one card per statement with Agree, Disagree and Pass."""

from __future__ import annotations

import pytest

from forum_toolkit.widgets import view_for
from test_widgets_base import FakeWording, Heard, chosen, no_widget_errors, question, texts  # noqa: F401


def test_one_card_per_statement_with_its_text_and_three_buttons():
    view = view_for(question("say"), FakeWording())
    assert len(view.cards) == 3
    shown = texts(view)
    assert shown[shown.index("S1") :][:4] == ["S1", "Agree", "Disagree", "Pass"]


def test_a_tap_reacts_a_second_tap_takes_it_back():
    heard = Heard()
    view = view_for(question("say"), FakeWording(), on_change=heard)
    view.buttons["s2"]["agree"].click()
    view.buttons["s1"]["pass"].click()
    assert view.answer() == {"s1": "pass", "s2": "agree"}
    assert chosen(view) == ["Pass", "Agree"]
    assert "ft-answered" in view.cards["s2"]._dom_classes and "ft-answered" not in view.cards["s3"]._dom_classes
    view.buttons["s2"]["disagree"].click()
    assert view.answer() == {"s1": "pass", "s2": "disagree"}
    view.buttons["s2"]["disagree"].click()
    view.buttons["s1"]["pass"].click()
    assert view.answer() == {}
    assert heard.calls[0] == ("say", {"s2": "agree"})


def test_the_browser_renaming_a_button_changes_nothing():
    view = view_for(question("say"), FakeWording())
    view.buttons["s1"]["agree"].description = "Disagree"
    view.buttons["s1"]["agree"].click()
    assert view.answer() == {"s1": "agree"}


@pytest.mark.parametrize(
    "previous, shown",
    [
        ({"s1": "agree", "s3": "disagree"}, {"s1": "agree", "s3": "disagree"}),
        ({}, {}),
        ({"s1": "maybe", "moon": "agree", "s2": 1}, {}),
        ("agree", None),
    ],
)
def test_statements_show_an_earlier_answer(previous, shown):
    assert view_for(question("say"), FakeWording(), answer=previous).answer() == shown
