"""Ranking: tap the options in the order you prefer; numbered places, Remove and Clear."""

from __future__ import annotations

import pytest

from forum_toolkit.widgets import view_for
from test_widgets_base import FakeWording, Heard, button, no_widget_errors, plain, question, texts  # noqa: F401


def places(view) -> list[str]:
    """What each numbered place shows: its number and the option in it ("1Second"), or "2" when empty."""
    return [plain(place.entry.value) for place in view.places]


def test_the_instruction_and_one_numbered_place_per_rank():
    view = view_for(question("rank_all"), FakeWording())
    assert "Tap the options in the order you prefer." in texts(view)
    assert places(view) == ["1", "2", "3"]
    assert all("ft-rank-empty" in place.widget._dom_classes for place in view.places)
    assert view_for(question("rank_top"), FakeWording()).answer() is None
    assert len(view_for(question("rank_top"), FakeWording()).places) == 2  # top: 2


def test_tapping_fills_the_places_in_order_and_marks_the_option_in_place():
    heard = Heard()
    view = view_for(question("rank_all"), FakeWording(), on_change=heard)
    button(view, "Second").click()
    button(view, "First").click()
    assert view.answer() == ["second", "first"]
    assert places(view) == ["1Second", "2First", "3"]
    ranked = view.options.buttons["second"]
    assert ranked.disabled and "ft-chosen" in ranked._dom_classes
    button(view, "Third").click()
    assert heard.calls == [("rank_all", ["second"]), ("rank_all", ["second", "first"]), ("rank_all", ["second", "first", "third"])]


def test_remove_takes_one_out_and_the_later_ones_move_up():
    view = view_for(question("rank_all"), FakeWording(), answer=["third", "first", "second"])
    view.places[0].remove.click()
    assert view.answer() == ["first", "second"]
    assert places(view) == ["1First", "2Second", "3"]
    assert not view.options.buttons["third"].disabled


def test_clear_empties_every_place():
    heard = Heard()
    view = view_for(question("rank_all"), FakeWording(), answer=["third", "first"], on_change=heard)
    view.clear.click()
    assert view.answer() == [] and places(view) == ["1", "2", "3"]
    assert view.clear.disabled
    view.clear.click()  # disabled: nothing to clear, nothing heard
    assert heard.calls == [("rank_all", [])]


def test_with_top_k_it_stops_after_k():
    view = view_for(question("rank_top"), FakeWording())
    button(view, "R").click()
    button(view, "P").click()
    assert all(b.disabled for b in view.options.buttons.values())
    button(view, "S").click()  # a browser can click a disabled button
    view.options.buttons["q"].disabled = False  # ... or enable it first
    button(view, "Q").click()
    assert view.answer() == ["r", "p"]


def test_forged_taps_on_ranked_options_and_empty_places_change_nothing():
    heard = Heard()
    view = view_for(question("rank_all"), FakeWording(), answer=["first"], on_change=heard)
    button(view, "First").click()  # already ranked (disabled)
    view.places[2].remove.click()  # an empty place (disabled)
    assert view.answer() == ["first"] and heard.calls == []


@pytest.mark.parametrize(
    "previous, shown",
    [
        (["second", "first", "third"], ["second", "first", "third"]),
        ([], []),
        (["first", "first", "moon", 3], ["first"]),
        ({"first": 1}, None),
    ],
)
def test_a_ranking_shows_an_earlier_answer(previous, shown):
    assert view_for(question("rank_all"), FakeWording(), answer=previous).answer() == shown


def test_an_earlier_answer_longer_than_top_k_keeps_the_first_k():
    assert view_for(question("rank_top"), FakeWording(), answer=["s", "r", "q"]).answer() == ["s", "r"]
