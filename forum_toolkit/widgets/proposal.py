"""A participant's own proposal: a title, the proposal itself and, when the file offers categories,
one of them (optional: tap again to unchoose), each field with its label and counter.

The answer is {"title": ..., "text": ...} plus "category" when one is chosen, with the texts as
typed (never cut); None while everything is blank and no category is chosen. A text alone without a
title is still a proposal: answers.py asks for the title.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from forum_toolkit.consultation.model import Kind, Proposal
from forum_toolkit.widgets.base import QuestionView, box, registers, text_block
from forum_toolkit.widgets.choice import OptionButtons, known_choice
from forum_toolkit.widgets.text import Counter, text_field, written

__all__ = ["ProposalView"]


@registers(Kind.PROPOSAL)
class ProposalView(QuestionView):
    question: Proposal

    def build(self, answer: Any) -> list[w.Widget]:
        question, ui = self.question, self.wording.ui
        given = answer if isinstance(answer, dict) else {}
        self.title = text_field(given.get("title"), False, self._edited, "ft-proposal-title")
        self.text = text_field(given.get("text"), True, self._edited, "ft-proposal-text")
        self.title_counter = Counter(self.wording, question.title_max_length)
        self.text_counter = Counter(self.wording, question.text_max_length)
        self._show_counters()
        fields = [
            box([text_block(ui("Title"), "ft-field-label"), self.title, self.title_counter.widget], "ft-field"),
            box([text_block(ui("Your proposal"), "ft-field-label"), self.text, self.text_counter.widget], "ft-field"),
        ]
        self.categories: OptionButtons | None = None
        self._category: str | None = None
        if question.categories:
            self.categories = OptionButtons(question.categories, self.wording, self._tap_category, "ft-categories")
            self._category = known_choice(given.get("category"), self.categories.ids)
            self.categories.show({self._category} - {None})
            label = box([text_block(ui("Category"), "ft-field-label"), text_block(ui("Optional"), "ft-marker", "ft-optional")], "ft-field-heading")
            fields.append(box([label, self.categories.widget], "ft-field"))
        return fields

    def _edited(self) -> None:
        self._show_counters()
        self.changed()

    def _show_counters(self) -> None:
        self.title_counter.show(self.title.value)
        self.text_counter.show(self.text.value)

    def _tap_category(self, category_id: str) -> None:
        self._category = None if self._category == category_id else category_id
        self.categories.show({self._category} - {None})
        self.changed()

    def answer(self) -> dict[str, str] | None:
        title, text = self.title.value, self.text.value
        if written(title) is None and written(text) is None and self._category is None:
            return None
        proposal = {"title": title, "text": text}
        if self._category is not None:
            proposal["category"] = self._category
        return proposal
