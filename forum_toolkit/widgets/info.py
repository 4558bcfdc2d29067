"""Information: the question's text (and help) to read, with nothing to answer.

The frame of every view already shows the text and the help text as text, line breaks kept; an
information question adds nothing to it and never has an answer.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from forum_toolkit.consultation.model import Kind
from forum_toolkit.widgets.base import QuestionView, registers

__all__ = ["InfoView"]


@registers(Kind.INFO)
class InfoView(QuestionView):
    def build(self, answer: Any) -> list[w.Widget]:
        return []

    def answer(self) -> None:
        return None
