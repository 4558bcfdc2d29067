"""Written answers: a line (short_text) or a box (long_text), with a live character counter.

The counter says "{count} characters left" while typing, and "{count} characters too many" past the
limit: the view never cuts a text (a participant's words are not dropped silently); answers.py
refuses an over-long one and the app says so. A blank text (only spaces) is no answer: None.

`Counter` is shared with the proposal form.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from forum_toolkit.consultation.model import Kind, LongText, ShortText
from forum_toolkit.widgets.base import QuestionView, Wording, add_classes, mark, registers, safely, set_text, text_block

__all__ = ["Counter", "LongTextView", "ShortTextView", "text_field"]


class Counter:
    """The characters left in a field of at most `limit` characters, counted as answers.py counts."""

    def __init__(self, wording: Wording, limit: int):
        self.wording = wording
        self.limit = limit
        self.widget = text_block("", "ft-counter")

    def show(self, text: str) -> None:
        left = self.limit - len(text)
        if left >= 0:
            words = self.wording.ui_plural("{count} character left", "{count} characters left", left)
        else:
            words = self.wording.ui_plural("{count} character too many", "{count} characters too many", -left)
        set_text(self.widget, words)
        mark(self.widget, "ft-over", left < 0)


def text_field(value: Any, long: bool, on_edit, *classes: str) -> w.Text | w.Textarea:
    """A Text (one line) or Textarea showing `value` (anything but text shows as empty); `on_edit()`
    runs after every change, as the participant types."""
    field = (w.Textarea if long else w.Text)(value=value if isinstance(value, str) else "", continuous_update=True)
    add_classes(field, "ft-input", "ft-textarea" if long else "ft-line", *classes)
    field.observe(safely(lambda _change: on_edit()), names="value")
    return field


def written(text: str) -> str | None:
    """A written answer as given, or None when it is blank."""
    return text if text.strip() else None


class _TextView(QuestionView):
    """"the text as typed", or None when blank."""

    question: ShortText | LongText
    long = False

    def build(self, answer: Any) -> list[w.Widget]:
        self.field = text_field(answer, self.long, self._edited)
        self.counter = Counter(self.wording, self.question.max_length)
        self.counter.show(self.field.value)
        widgets = [self.field, self.counter.widget]
        if self.question.min_length > 0:
            least = self.question.min_length  # the words of answers.py's problem "too_short"
            wanted = self.wording.ui_plural("Please write at least {limit} character.", "Please write at least {limit} characters.", least, limit=least)
            widgets.insert(0, text_block(wanted, "ft-instruction"))
        return widgets

    def _edited(self) -> None:
        self.counter.show(self.field.value)
        self.changed()

    def answer(self) -> str | None:
        return written(self.field.value)


@registers(Kind.SHORT_TEXT)
class ShortTextView(_TextView):
    long = False


@registers(Kind.LONG_TEXT)
class LongTextView(_TextView):
    long = True
