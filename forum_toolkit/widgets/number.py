"""A number, typed into a text field with its unit beside it ("12 years").

A text field rather than a number field: browsers' number fields refuse Arabic-Indic and Persian
digits, cannot be empty (unanswered) in ipywidgets, and BoundedIntText would silently move 120 to
the maximum. Python reads what was typed instead (`read_number`): digits in any script (٣, ۳, 3),
a decimal comma or point, spaces between digit groups. Text that is no number at all answers None
and the view says "Please enter a number." under the field; a number outside the range is answered
as typed, for answers.py to refuse.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

import ipywidgets as w

from forum_toolkit.consultation.model import Kind, Number
from forum_toolkit.widgets.base import QuestionView, box, is_whole_number, mark, registers, set_text, text_block
from forum_toolkit.widgets.text import text_field

__all__ = ["NumberView", "read_number", "show_number"]

LONGEST = 40  # more characters than any number a question asks for: not a number
_WHOLE = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.\d*|\.\d+)")
_SIGNS = str.maketrans({",": ".", "\u066b": ".", "\u2212": "-"})  # comma, Arabic decimal separator, minus sign
_SPACES = re.compile(r"[\s\u066c\u2009\u202f']")  # digit-group separators: spaces, Arabic thousands, apostrophe


def read_number(typed: str) -> int | float | str | None:
    """The number in `typed`: an int when written without a decimal separator, else a float.
    None for blank text; "not_a_number" or "not_whole" (for `integer`) describe what is wrong."""
    text = _SPACES.sub("", typed.translate(_SIGNS))
    if not text:
        return None
    if len(text) > LONGEST:
        return "not_a_number"
    if _WHOLE.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        value = float(text)
        return value if math.isfinite(value) else "not_a_number"
    return "not_a_number"


def show_number(value: Any) -> str:
    """How an earlier answer is written back into the field, so that it reads back the same."""
    if is_whole_number(value):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        written = repr(value)
        if "e" in written:  # 1e-07: write it out in full
            written = format(Decimal(written), "f")
        return written if "." in written else f"{written}.0"
    return ""


def _plain(limit: float) -> str:
    return str(int(limit)) if limit == int(limit) else f"{limit:g}"


@registers(Kind.NUMBER)
class NumberView(QuestionView):
    """12 or 12.5 as typed (a whole-number question takes only digits), or None."""

    question: Number

    def build(self, answer: Any) -> list[w.Widget]:
        question, ui = self.question, self.wording.ui
        self.field = text_field(show_number(answer), False, self._edited, "ft-number")
        unit = self.wording.text(question.unit) if question.unit.values else ""
        row = box([self.field, text_block(unit, "ft-unit")] if unit else [self.field], "ft-number-row")
        self.hint = text_block("", "ft-hint", "ft-hidden")
        self._show_hint()
        limits = ui("Please enter a number from {low} to {high}.", low=_plain(question.min), high=_plain(question.max))
        return [text_block(limits, "ft-instruction"), row, self.hint]

    def _read(self) -> int | float | str | None:
        value = read_number(self.field.value)
        if self.question.integer and isinstance(value, float):
            return "not_whole"
        return value

    def _edited(self) -> None:
        self._show_hint()
        self.changed()

    def _show_hint(self) -> None:
        value = self._read()
        if value == "not_whole":
            set_text(self.hint, self.wording.ui("Please enter a whole number."))
        elif value == "not_a_number":
            set_text(self.hint, self.wording.ui("Please enter a number."))
        mark(self.hint, "ft-hidden", not isinstance(value, str))

    def answer(self) -> int | float | None:
        value = self._read()
        return None if isinstance(value, str) else value
