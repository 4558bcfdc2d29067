"""What every question widget is: it shows one question in the participant's language and emits an
answer. It holds no SQL and no rules: `forum_toolkit.consultation.answers` checks every answer again
in Python before anything is stored, whatever a browser sends.

A view is built for one question in one language, optionally with an earlier answer to show again
(switching the language rebuilds the views with the answers kept):

    view = view_for(question, wording, answer=previous, on_change=remember)
    box.children = [view.widget]
    view.answer()          # the answer in the shape answers.py documents, or None when unanswered

Participant text (option labels written by staff, proposals written by residents) is always shown as
text: widgets use `Label`, `Button` descriptions, `Textarea` values and the like, never `HTML` with
unescaped text (Voilà inserts HTML widgets' values as raw innerHTML).
"""

from __future__ import annotations

from typing import Any, Callable, Protocol

import ipywidgets as w

from forum_toolkit.consultation.model import Kind, Question, Text

AnswerListener = Callable[[str, Any], None]  # (question id, new answer or None)


class Wording(Protocol):
    """The participant's language: interface strings from the gettext catalogs and consultation
    texts from the file, each marked visibly when it had to fall back to another language."""

    language: str
    direction: str  # "ltr" or "rtl"

    def ui(self, message: str, **params: Any) -> str:
        """An interface string (an English msgid) in the participant's language."""

    def ui_plural(self, singular: str, plural: str, count: int, **params: Any) -> str:
        """An interface string that depends on a number ("1 dot left", "3 dots left")."""

    def text(self, text: Text) -> str:
        """A text from the consultation file in the participant's language."""


class QuestionView:
    """The base of every question widget. Subclasses build `self.widget` and implement `answer`."""

    kind: Kind

    def __init__(self, question: Question, wording: Wording, answer: Any = None, on_change: AnswerListener | None = None):
        self.question = question
        self.wording = wording
        self._on_change = on_change
        self.widget: w.Widget = w.VBox()
        self.build(answer)

    def build(self, answer: Any) -> None:
        """Create the widgets, showing `answer` (None: nothing chosen yet)."""
        raise NotImplementedError

    def answer(self) -> Any:
        """The current answer in the shape answers.py documents, or None when unanswered."""
        raise NotImplementedError

    def changed(self, *_: Any) -> None:
        """Call from every widget event that changes the answer."""
        if self._on_change is not None:
            self._on_change(self.question.id, self.answer())

    def close(self) -> None:
        """Close every widget of this view, so that no stale comm can be replayed later."""
        _close_all(self.widget)


def _close_all(widget: w.Widget) -> None:
    for child in getattr(widget, "children", ()):
        _close_all(child)
    widget.close()


VIEWS: dict[Kind, type[QuestionView]] = {}


def registers(kind: Kind):
    """Class decorator: `@registers(Kind.SCALE)` makes `view_for` use the class for that kind."""

    def register(cls: type[QuestionView]) -> type[QuestionView]:
        cls.kind = kind
        VIEWS[kind] = cls
        return cls

    return register


def view_for(question: Question, wording: Wording, answer: Any = None, on_change: AnswerListener | None = None) -> QuestionView:
    return VIEWS[question.kind](question, wording, answer, on_change)
