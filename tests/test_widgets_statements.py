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


# -- statements written by participants ---------------------------------------------------------


def test_approved_items_get_cards_after_the_files_and_keep_them_when_more_arrive():
    reacted = Heard()
    view = view_for(question("say"), FakeWording())
    view.show_items([(7, "<b>Benches</b>")], {}, reacted)
    card = view.item_cards[7]
    view.show_items([(7, "<b>Benches</b>"), (9, "Trees")], {}, reacted)
    assert view.item_cards[7] is card and list(view.item_cards) == [7, 9]
    assert "&lt;b&gt;Benches&lt;/b&gt;" in card.children[0].value
    view.item_buttons[9]["disagree"].click()
    view.item_buttons[9]["disagree"].click()
    view.item_buttons[7]["agree"].click()
    assert reacted.calls == [(9, "disagree"), (9, None), (7, "agree")]
    assert view.answer() is None  # reactions to items are not part of the answer


def test_an_item_taken_back_or_corrected_loses_its_card():
    view = view_for(question("say"), FakeWording())
    view.show_items([(7, "Benchs"), (9, "Trees")], {7: "agree"}, Heard())
    old = view.item_cards[7]
    view.show_items([(7, "Benches")], {7: "agree"}, Heard())
    assert old.comm is None and list(view.item_cards) == [7] and "ft-chosen" in view.item_buttons[7]["agree"]._dom_classes


def test_her_own_statement_is_checked_before_it_is_sent():
    sent = []
    view = view_for(question("say"), FakeWording())
    view.offer_own_statement(lambda text: sent.append(text) or True, limit=10)
    view.own_field.value = "far too long here"
    view._send()
    view.own_field.value = "Benches"
    view._send()
    assert sent == ["Benches"] and view.own_field.value == ""
