"""Dot voting: spread a budget of dots over the options with − and + buttons.

Each option shows its label, a − button, its number of dots and a + button; above them the budget
still to spend ("3 dots left"), and "Please use all 5 dots." when the question wants every dot spent.
+ is disabled when no dot is left or the option holds `max_per_option`; − when it holds none.
A tap on a disabled button (a browser can send one) changes nothing: the counts are kept here, in
Python, and only a tap moves them by one.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from forum_toolkit.consultation.model import Dots, Kind
from forum_toolkit.widgets.base import QuestionView, box, is_whole_number, mark, registers, set_text, tap_button, text_block

__all__ = ["DotsView"]

MINUS = "\N{MINUS SIGN}"  # symbols, not words: nothing to translate
PLUS = "+"


class _OptionDots:
    """One option's row: label, −, count, +."""

    def __init__(self, label: str, on_step):
        self.minus = tap_button(MINUS, lambda: on_step(-1), "ft-step", "ft-step-minus")
        self.count = text_block("0", "ft-dot-count")
        self.plus = tap_button(PLUS, lambda: on_step(+1), "ft-step", "ft-step-plus")
        self.widget = box(
            [text_block(label, "ft-dots-label"), box([self.minus, self.count, self.plus], "ft-stepper")],
            "ft-dots-option",
        )


@registers(Kind.DOTS)
class DotsView(QuestionView):
    """{"option_id": 2, ...} with the options holding dots, or None before the first tap.

    After a tap the answer is a mapping, empty when every dot was taken back again.
    """

    question: Dots

    def build(self, answer: Any) -> list[w.Widget]:
        question = self.question
        self.rows = {
            option.id: _OptionDots(self.wording.text(option.label), lambda step, option_id=option.id: self._step(option_id, step))
            for option in question.options
        }
        self._dots: dict[str, int] | None = None
        if isinstance(answer, dict):
            self._dots = {option_id: answer[option_id] for option_id in self.rows if _count(answer.get(option_id))}
        self.left = text_block("", "ft-dots-left")
        widgets = [self.left]
        if question.spend_all:
            budget = question.budget  # the words of answers.py's problem "dots_spend_all"
            rule = self.wording.ui_plural("Please use your {limit} dot.", "Please use all {limit} dots.", budget, limit=budget)
            widgets.append(text_block(rule, "ft-instruction"))
        self._show()
        return [*widgets, box([row.widget for row in self.rows.values()], "ft-dots")]

    def _left(self) -> int:
        return self.question.budget - sum((self._dots or {}).values())

    def _step(self, option_id: str, step: int) -> None:
        dots = self._dots if self._dots is not None else {}
        count = dots.get(option_id, 0)
        if step > 0 and (self._left() <= 0 or count >= self.question.max_per_option):
            return  # + is disabled: no dot left, or this option is full
        if step < 0 and count <= 0:
            return  # − is disabled: nothing to take back
        dots[option_id] = count + step
        if dots[option_id] == 0:
            del dots[option_id]
        self._dots = dots
        self._show()
        self.changed()

    def _show(self) -> None:
        left = self._left()
        set_text(self.left, self.wording.ui_plural("{count} dot left", "{count} dots left", max(left, 0)))
        mark(self.left, "ft-none-left", left <= 0)
        for option_id, row in self.rows.items():
            count = (self._dots or {}).get(option_id, 0)
            set_text(row.count, str(count))
            row.minus.disabled = count <= 0
            row.plus.disabled = left <= 0 or count >= self.question.max_per_option
            mark(row.widget, "ft-has-dots", count > 0)

    def answer(self) -> dict[str, int] | None:
        if self._dots is None:
            return None
        return {option.id: self._dots[option.id] for option in self.question.options if option.id in self._dots}

    def spoken(self) -> list[str]:
        return [self.wording.text(option.label) for option in self.question.options]


def _count(value: Any) -> bool:
    """A count of dots that can be shown: a whole number above zero."""
    return is_whole_number(value) and value > 0
