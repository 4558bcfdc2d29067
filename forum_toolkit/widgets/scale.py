"""Scales: one row of labelled points (scale), or several rows on the same points (matrix).

Every point is a button showing its label ("Agree", "Rather agree", ...): the stylesheet lays them
out as a row, and as a column on a narrow phone. A tap chooses a point, a second tap unchooses it.
The answer is the point's value from the consultation file, never anything the browser sent.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import ipywidgets as w

from forum_toolkit.consultation.model import Kind, Matrix, Scale, ScalePoint
from forum_toolkit.widgets.base import QuestionView, Wording, box, is_whole_number, mark, registers, tap_button, text_block

__all__ = ["MatrixView", "PointButtons", "ScaleView"]


class PointButtons:
    """The points of a scale as a row of buttons; `on_tap(value)` hears every tap."""

    def __init__(self, points: Sequence[ScalePoint], wording: Wording, on_tap: Callable[[int], None]):
        self.values = tuple(point.value for point in points)
        self.buttons = [
            tap_button(wording.text(point.label) or str(point.value), lambda value=point.value: on_tap(value), "ft-point")
            for point in points
        ]
        self.widget = box(self.buttons, "ft-points", f"ft-points-{len(points)}")

    def show(self, chosen: int | None) -> None:
        for value, button in zip(self.values, self.buttons):
            mark(button, "ft-chosen", value == chosen)

    def known(self, answer: Any) -> int | None:
        """The point whose value `answer` is, or None (a bool or an unknown value is dropped)."""
        if is_whole_number(answer) or isinstance(answer, float):
            for value in self.values:
                if value == answer:
                    return value
        return None


@registers(Kind.SCALE)
class ScaleView(QuestionView):
    """One point of the scale: its value (3), or None."""

    question: Scale

    def build(self, answer: Any) -> list[w.Widget]:
        self.points = PointButtons(self.question.points, self.wording, self._tap)
        self._chosen = self.points.known(answer)
        self.points.show(self._chosen)
        return [self.points.widget]

    def _tap(self, value: int) -> None:
        self._chosen = None if self._chosen == value else value
        self.points.show(self._chosen)
        self.changed()

    def answer(self) -> int | None:
        return self._chosen

    def spoken(self) -> list[str]:
        return [self.wording.text(point.label) for point in self.question.points]


@registers(Kind.MATRIX)
class MatrixView(QuestionView):
    """Each row's label, then its points: {"row_id": 3, ...} with the rows answered so far.

    None until the first tap; after that a mapping, empty when every point was unchosen again.
    """

    question: Matrix

    def build(self, answer: Any) -> list[w.Widget]:
        self.rows: dict[str, PointButtons] = {}
        widgets = []
        for row in self.question.rows:
            points = PointButtons(self.question.points, self.wording, lambda value, row_id=row.id: self._tap(row_id, value))
            self.rows[row.id] = points
            widgets.append(box([text_block(self.wording.text(row.label), "ft-row-label"), points.widget], "ft-matrix-row"))
        self._chosen: dict[str, int] | None = None
        if isinstance(answer, dict):
            self._chosen = {}
            for row_id, points in self.rows.items():
                value = points.known(answer.get(row_id))
                if value is not None:
                    self._chosen[row_id] = value
        self._show()
        return [box(widgets, "ft-matrix")]

    def _tap(self, row_id: str, value: int) -> None:
        chosen = self._chosen if self._chosen is not None else {}
        if chosen.get(row_id) == value:
            del chosen[row_id]
        else:
            chosen[row_id] = value
        self._chosen = chosen
        self._show()
        self.changed()

    def _show(self) -> None:
        for row_id, points in self.rows.items():
            points.show((self._chosen or {}).get(row_id))

    def answer(self) -> dict[str, int] | None:
        if self._chosen is None:
            return None
        return {row.id: self._chosen[row.id] for row in self.question.rows if row.id in self._chosen}

    def spoken(self) -> list[str]:
        rows = [self.wording.text(row.label) for row in self.question.rows]
        return [*rows, *(self.wording.text(point.label) for point in self.question.points)]
