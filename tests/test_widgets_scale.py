"""Scale and matrix: the labelled points as a row of buttons; a matrix row's label above its points."""

from __future__ import annotations

import pytest

from forum_toolkit.consultation.model import Scale, ScalePoint
from forum_toolkit.widgets import view_for
from test_widgets_base import FakeWording, Heard, chosen, no_widget_errors, question, t, texts  # noqa: F401


def test_the_points_show_their_labels_in_order():
    view = view_for(question("satisfied"), FakeWording())
    assert [b.description for b in view.points.buttons] == ["Disagree", "Rather disagree", "Undecided", "Rather agree", "Agree"]
    assert "ft-points-5" in view.points.widget._dom_classes


def test_a_point_without_a_label_shows_its_value():
    q = Scale("q", t("How many?"), points=(ScalePoint(0, t("")), ScalePoint(10, t("Very"))))
    assert [b.description for b in view_for(q, FakeWording()).points.buttons] == ["0", "Very"]


def test_a_tap_answers_the_points_value_a_second_tap_unanswers():
    heard = Heard()
    view = view_for(question("satisfied"), FakeWording(), on_change=heard)
    view.points.buttons[3].click()
    assert view.answer() == 4 and chosen(view) == ["Rather agree"]
    view.points.buttons[0].click()
    view.points.buttons[0].click()
    assert view.answer() is None
    assert heard.calls == [("satisfied", 4), ("satisfied", 1), ("satisfied", None)]


@pytest.mark.parametrize("previous, shown", [(2, 2), (2.0, 2), (True, None), (9, None), ("2", None), (None, None)])
def test_a_scale_shows_an_earlier_answer_only_when_it_is_a_point(previous, shown):
    assert view_for(question("satisfied"), FakeWording(), answer=previous).answer() == shown


def test_the_browser_renaming_a_point_changes_nothing():
    view = view_for(question("satisfied"), FakeWording())
    view.points.buttons[0].description = "Agree"
    view.points.buttons[0].click()
    assert view.answer() == 1


def test_a_matrix_shows_each_rows_label_then_its_points():
    view = view_for(question("rate"), FakeWording())
    shown = texts(view)
    assert shown[shown.index("Bus") : shown.index("Bike")] == ["Bus", "Disagree", "Rather disagree", "Undecided"]


def test_a_matrix_answers_the_rows_tapped_so_far():
    heard = Heard()
    view = view_for(question("rate"), FakeWording(), on_change=heard)
    view.rows["car"].buttons[2].click()
    view.rows["bus"].buttons[0].click()
    assert view.answer() == {"bus": 1, "car": 3}
    view.rows["bus"].buttons[1].click()  # another point in the same row
    assert view.answer() == {"bus": 2, "car": 3}
    view.rows["bus"].buttons[1].click()  # tapped again: the row is unanswered
    assert view.answer() == {"car": 3}
    view.rows["car"].buttons[2].click()
    assert view.answer() == {}
    assert heard.calls[0] == ("rate", {"car": 3})


@pytest.mark.parametrize(
    "previous, shown",
    [
        ({"bus": 1, "bike": 3}, {"bus": 1, "bike": 3}),
        ({}, {}),
        ({"bus": 7, "plane": 1, "car": True}, {}),  # not a point, no such row, a bool: dropped
        ([1, 2], None),
    ],
)
def test_a_matrix_shows_an_earlier_answer(previous, shown):
    assert view_for(question("rate"), FakeWording(), answer=previous).answer() == shown
