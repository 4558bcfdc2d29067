"""Dot voting: − and + per option, its count, and the budget left in words."""

from __future__ import annotations

import pytest

from forum_toolkit.consultation.answers import check_answer
from forum_toolkit.widgets import view_for
from test_widgets_base import FakeWording, Heard, no_widget_errors, plain, question, texts  # noqa: F401

# "dots": options d1 d2 d3, budget 4, at most 2 per option


def counts(view) -> list[str]:
    return [plain(row.count.value) for row in view.rows.values()]


def test_each_option_shows_minus_count_plus_and_the_budget_in_words():
    view = view_for(question("dots"), FakeWording())
    assert plain(view.left.value) == "4 dots left"
    assert counts(view) == ["0", "0", "0"]
    assert [row.minus.description for row in view.rows.values()] == ["−"] * 3
    assert all(row.minus.disabled and not row.plus.disabled for row in view.rows.values())


def test_plus_and_minus_move_one_dot_and_the_budget_follows():
    heard = Heard()
    view = view_for(question("dots"), FakeWording(), on_change=heard)
    view.rows["d2"].plus.click()
    view.rows["d2"].plus.click()
    view.rows["d1"].plus.click()
    assert view.answer() == {"d1": 1, "d2": 2}
    assert plain(view.left.value) == "1 dot left" and counts(view) == ["1", "2", "0"]
    view.rows["d2"].minus.click()
    assert view.answer() == {"d1": 1, "d2": 1}
    assert heard.calls[0] == ("dots", {"d2": 1}) and len(heard.calls) == 4


def test_plus_is_disabled_at_max_per_option_and_when_the_budget_is_spent():
    view = view_for(question("dots"), FakeWording())
    view.rows["d1"].plus.click()
    view.rows["d1"].plus.click()
    assert view.rows["d1"].plus.disabled and not view.rows["d2"].plus.disabled
    view.rows["d2"].plus.click()
    view.rows["d2"].plus.click()
    assert all(row.plus.disabled for row in view.rows.values())
    assert plain(view.left.value) == "0 dots left" and "ft-none-left" in view.left._dom_classes


def test_forged_clicks_past_the_budget_or_the_option_limit_or_below_zero_are_ignored():
    heard = Heard()
    view = view_for(question("dots"), FakeWording(), answer={"d1": 2, "d2": 2}, on_change=heard)
    for _ in range(5):
        view.rows["d3"].plus.click()  # disabled: no dot left
        view.rows["d1"].plus.disabled = False  # a browser can enable a button ...
        view.rows["d1"].plus.click()  # ... and click it: still at most 2 here
        view.rows["d3"].minus.click()  # nothing to take back
    assert view.answer() == {"d1": 2, "d2": 2} and heard.calls == []
    assert check_answer(question("dots"), view.answer()) == []


def test_taking_every_dot_back_answers_an_empty_mapping():
    view = view_for(question("dots"), FakeWording())
    view.rows["d3"].plus.click()
    view.rows["d3"].minus.click()
    assert view.answer() == {}


def test_spend_all_is_said_in_words():
    assert "Please use all 3 dots." in texts(view_for(question("dots_all"), FakeWording()))
    assert not any("Please use" in text for text in texts(view_for(question("dots"), FakeWording())))


@pytest.mark.parametrize(
    "previous, shown",
    [
        ({"d1": 1, "d3": 2}, {"d1": 1, "d3": 2}),
        ({}, {}),
        ({"d1": 0, "d2": -1, "d3": True, "moon": 1, "d4": "2"}, {}),
        (["d1"], None),
    ],
)
def test_dots_show_an_earlier_answer(previous, shown):
    assert view_for(question("dots"), FakeWording(), answer=previous).answer() == shown


def test_an_earlier_answer_over_the_budget_is_shown_as_it_is():
    view = view_for(question("dots"), FakeWording(), answer={"d1": 2, "d2": 2, "d3": 2})
    assert view.answer() == {"d1": 2, "d2": 2, "d3": 2}  # answers.py refuses it: 6 > 4
    assert plain(view.left.value) == "0 dots left"
