"""Forged messages from a browser, sent the way a page sends them (`_handle_msg`): any synced trait
set to anything, clicks on disabled buttons. The answer keeps its kind's shape and nothing raises (a
value of the wrong type for a trait is refused and logged by ipywidgets itself)."""

from __future__ import annotations

import logging

import pytest

from forum_toolkit.consultation.answers import check_answer
from forum_toolkit.widgets import view_for
from test_widgets_base import ATTACK, FakeWording, buttons, no_widget_errors, question  # noqa: F401


def browser_sets(widget, **state) -> None:
    widget._handle_msg({"content": {"data": {"method": "update", "state": state}}, "buffers": []})


def browser_clicks(button) -> None:
    button._handle_msg({"content": {"data": {"method": "custom", "content": {"event": "click"}}}, "buffers": []})


@pytest.mark.parametrize("question_id", ["approve", "rank_top", "dots", "park", "satisfied", "rate", "say"])
def test_enabling_renaming_and_restyling_every_button_then_clicking_all_of_them_twice(question_id):
    q = question(question_id)
    view = view_for(q, FakeWording())
    for _ in range(2):
        for button in buttons(view):
            browser_sets(button, disabled=False, description=ATTACK, _dom_classes=["ft-chosen"], tooltip=ATTACK)
            browser_clicks(button)
    answer = view.answer()
    assert answer is not None
    assert not [p for p in check_answer(q, answer) if p.code == "wrong_type"]
    assert view_for(q, FakeWording(), answer=answer).answer() == answer


def test_clicks_on_disabled_buttons_keep_the_limits_the_view_shows():
    dots = view_for(question("dots"), FakeWording())  # budget 4, at most 2 per option
    for _ in range(10):
        for row in dots.rows.values():
            browser_clicks(row.plus)
    assert sum(dots.answer().values()) == 4 and max(dots.answer().values()) == 2
    ranking = view_for(question("rank_top"), FakeWording())  # top 2
    for button in ranking.options.buttons.values():
        browser_clicks(button)
    assert ranking.answer() == ["p", "q"]


@pytest.mark.parametrize("question_id, field", [("idea", "field"), ("years", "field"), ("proposal", "title"), ("proposal", "text")])
@pytest.mark.parametrize("forged", [5, None, ["x"], {"value": "x"}])
def test_a_field_value_of_the_wrong_type_is_refused_by_the_trait_and_changes_nothing(question_id, field, forged, caplog):
    view = view_for(question(question_id), FakeWording())
    with caplog.at_level(logging.WARNING):
        browser_sets(getattr(view, field), value=forged)
    assert view.answer() is None and getattr(view, field).value == ""
    assert "expected a unicode string" in caplog.text  # ipywidgets logs the refused message


def test_a_text_of_100_kb_is_kept_and_said_to_be_too_long():
    view = view_for(question("story"), FakeWording())
    browser_sets(view.field, value="ü" * 100_000)
    assert len(view.answer()) == 100_000
    assert [p.code for p in check_answer(question("story"), view.answer())] == ["too_long"]


def test_forged_html_in_a_text_block_changes_no_answer():
    view = view_for(question("park"), FakeWording())
    browser_sets(view._problems, value="<img src=x onerror=alert(1)>")  # only the forger's own page shows it
    view.options.buttons["both"].click()
    assert view.answer() == "both" and view._problems.value == ""
