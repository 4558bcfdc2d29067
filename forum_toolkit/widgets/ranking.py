"""Ranking: tap the options in the order you prefer.

Above, one numbered place per rank ("1", "2", ...; only `top` places when the question ranks the
first k). Below, the options. Tapping an option puts it in the next free place; it stays where it
was among the options, marked and disabled, so nothing moves under the participant's finger. Each
filled place has a "Remove" button (the places after it move up) and "Clear" empties them all.
Once every place is filled, the remaining options are disabled. Dragging is not needed.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from forum_toolkit.consultation.model import Kind, Ranking
from forum_toolkit.widgets.base import QuestionView, add_classes, box, mark, registers, tap_button, text_block
from forum_toolkit.widgets.choice import OptionButtons, known_choices

__all__ = ["RankingView"]


class _Place:
    """One numbered place of the ranking: its number, the option in it, and its Remove button."""

    def __init__(self, number: int, remove_label: str, on_remove):
        self.number = number
        self.entry = w.HTML()
        add_classes(self.entry, "ft-block", "ft-rank-entry")
        self.remove = tap_button(remove_label, lambda: on_remove(number - 1), "ft-remove")
        self.widget = box([self.entry, self.remove], "ft-rank-place")

    def show(self, label: str | None) -> None:
        number = f'<span class="ft-rank-number">{self.number}</span>'
        text = f'<span class="ft-rank-label" dir="auto">{html.escape(label)}</span>' if label is not None else ""
        self.entry.value = number + text
        mark(self.widget, "ft-rank-empty", label is None)
        self.remove.disabled = label is None


@registers(Kind.RANKING)
class RankingView(QuestionView):
    """["first", "second", ...] in the order tapped, or None before the first tap.

    After a tap the answer is a list, even an incomplete or empty one (after "Clear"): answers.py
    says how many options must be ranked.
    """

    question: Ranking

    def build(self, answer: Any) -> list[w.Widget]:
        question, ui = self.question, self.wording.ui
        self.labels = {option.id: self.wording.text(option.label) for option in question.options}
        self.places = [_Place(number, ui("Remove"), self._remove) for number in range(1, question.positions + 1)]
        self.options = OptionButtons(question.options, self.wording, self._add, "ft-rank-options")
        self.clear = tap_button(ui("Clear"), self._clear, "ft-clear")
        ranked = known_choices(answer, self.labels)
        self._ranked = None if ranked is None else ranked[: question.positions]
        self._show()
        return [
            text_block(ui("Tap the options in the order you prefer."), "ft-instruction"),
            box([place.widget for place in self.places], "ft-rank-places"),
            self.clear,
            self.options.widget,
        ]

    def _add(self, option_id: str) -> None:
        ranked = self._ranked or []
        if option_id in ranked or len(ranked) >= self.question.positions:
            return  # a disabled option: a forged or stale tap changes nothing
        self._ranked = [*ranked, option_id]
        self._show()
        self.changed()

    def _remove(self, index: int) -> None:
        ranked = self._ranked or []
        if index >= len(ranked):
            return  # an empty place has nothing to remove
        self._ranked = ranked[:index] + ranked[index + 1 :]
        self._show()
        self.changed()

    def _clear(self) -> None:
        if not self._ranked:
            return
        self._ranked = []
        self._show()
        self.changed()

    def _show(self) -> None:
        ranked = self._ranked or []
        for place in self.places:
            index = place.number - 1
            place.show(self.labels[ranked[index]] if index < len(ranked) else None)
        # a ranked option stays in place, marked, but cannot be tapped again
        self.options.show(ranked, more_allowed=len(ranked) < self.question.positions, chosen_tappable=False)
        self.clear.disabled = not ranked

    def answer(self) -> list[str] | None:
        return None if self._ranked is None else list(self._ranked)

    def spoken(self) -> list[str]:
        return [self.wording.text(option.label) for option in self.question.options]
