"""Choosing options: single choice, multiple choice and approval, one big button per option.

A tap on an option chooses it, a second tap unchooses it. The chosen buttons carry `ft-chosen`
(the stylesheet fills them and adds a check mark, so colour is not the only sign).

Multiple choice and approval say their limits in words ("Choose at most 2.") and, once the limit is
reached, disable the options not chosen; that is all the rule-keeping a view does. A tap on a
disabled option (a browser can send one) changes nothing. Whether the number chosen is right is
for answers.py to say.
"""

from __future__ import annotations

from typing import Any, Callable, Collection, Sequence

import ipywidgets as w

from forum_toolkit.consultation.model import Approval, Kind, MultipleChoice, Option
from forum_toolkit.widgets.base import QuestionView, Wording, box, mark, registers, tap_button, text_block

__all__ = ["ApprovalView", "MultipleChoiceView", "OptionButtons", "SingleChoiceView"]


class OptionButtons:
    """A column of option buttons; `on_tap(option_id)` hears every tap."""

    def __init__(self, options: Sequence[Option], wording: Wording, on_tap: Callable[[str], None], *classes: str):
        self.ids = tuple(option.id for option in options)
        self.buttons = {
            option.id: tap_button(wording.text(option.label), lambda option_id=option.id: on_tap(option_id), "ft-option")
            for option in options
        }
        self.widget = box(self.buttons.values(), "ft-options", *classes)

    def show(self, chosen: Collection[str], more_allowed: bool = True, chosen_tappable: bool = True) -> None:
        """Mark the chosen options; when no more may be chosen, disable the others (and the chosen
        ones too unless a second tap on them means something)."""
        for option_id, button in self.buttons.items():
            is_chosen = option_id in chosen
            mark(button, "ft-chosen", is_chosen)
            button.disabled = not chosen_tappable if is_chosen else not more_allowed


def known_choice(answer: Any, ids: Collection[str]) -> str | None:
    """`answer` when it names one of `ids`, else None (an answer that cannot be shown is dropped)."""
    return answer if isinstance(answer, str) and answer in ids else None


def known_choices(answer: Any, ids: Collection[str]) -> list[str] | None:
    """The option ids of a list answer, in its order, without unknown or repeated ones; None when
    `answer` is not a list."""
    if not isinstance(answer, (list, tuple)):
        return None
    return list(dict.fromkeys(option_id for option_id in answer if isinstance(option_id, str) and option_id in ids))


@registers(Kind.SINGLE_CHOICE)
class SingleChoiceView(QuestionView):
    """One option or none: "option_id" or None."""

    def build(self, answer: Any) -> list[w.Widget]:
        self.options = OptionButtons(self.question.options, self.wording, self._tap, "ft-single")
        self._chosen = known_choice(answer, self.options.ids)
        self.options.show({self._chosen} - {None})
        return [self.options.widget]

    def _tap(self, option_id: str) -> None:
        self._chosen = None if self._chosen == option_id else option_id
        self.options.show({self._chosen} - {None})
        self.changed()

    def answer(self) -> str | None:
        return self._chosen

    def spoken(self) -> list[str]:
        return [self.wording.text(option.label) for option in self.question.options]


class ChoicesView(QuestionView):
    """Several options: ["option_id", ...] in the order they were tapped.

    None until the first tap; after that a list, empty when everything was unchosen again (an
    earlier empty answer is shown as such, so that restoring gives back exactly what was given).
    """

    def limit(self) -> int | None:
        """How many options may be chosen at most (None: no limit)."""
        raise NotImplementedError

    def rule(self) -> str:
        """The limits in words."""
        raise NotImplementedError

    def build(self, answer: Any) -> list[w.Widget]:
        self.options = OptionButtons(self.question.options, self.wording, self._tap, "ft-multiple")
        self._chosen = known_choices(answer, self.options.ids)
        self._show()
        return [text_block(self.rule(), "ft-instruction"), self.options.widget]

    def _tap(self, option_id: str) -> None:
        chosen = self._chosen or []
        if option_id in chosen:
            chosen.remove(option_id)
        elif self._more_allowed(chosen):
            chosen.append(option_id)
        else:
            return  # the button is disabled: a forged or stale tap changes nothing
        self._chosen = chosen
        self._show()
        self.changed()

    def _more_allowed(self, chosen: list[str]) -> bool:
        limit = self.limit()
        return limit is None or len(chosen) < limit

    def _show(self) -> None:
        chosen = self._chosen or []
        self.options.show(chosen, self._more_allowed(chosen))

    def answer(self) -> list[str] | None:
        return None if self._chosen is None else list(self._chosen)

    def spoken(self) -> list[str]:
        return [self.wording.text(option.label) for option in self.question.options]


@registers(Kind.MULTIPLE_CHOICE)
class MultipleChoiceView(ChoicesView):
    question: MultipleChoice

    def limit(self) -> int:
        return self.question.max

    def rule(self) -> str:
        low, high, ui = self.question.min, self.question.max, self.wording.ui
        if low == high:
            return ui("Choose {count}.", count=high)
        if high >= len(self.question.options):
            return at_least(self.wording, low) if low > 0 else ui("Choose as many as you like.")
        if low > 0:
            return ui("Choose from {min} to {max}.", min=low, max=high)
        return at_most(self.wording, high)


@registers(Kind.APPROVAL)
class ApprovalView(ChoicesView):
    question: Approval

    def limit(self) -> int | None:
        return self.question.max

    def rule(self) -> str:
        high = self.question.max
        if high is None or high >= len(self.question.options):
            return self.wording.ui("Choose as many as you like.")
        return at_most(self.wording, high)


# The same words as answers.py's problems "too_few" and "too_many" (forum_toolkit.i18n.messages):
# one translation, and the rule reads the same before and after a refusal.
def at_least(wording: Wording, limit: int) -> str:
    return wording.ui_plural("Choose at least {limit}.", "Choose at least {limit}.", limit, limit=limit)


def at_most(wording: Wording, limit: int) -> str:
    return wording.ui_plural("Choose at most {limit}.", "Choose at most {limit}.", limit, limit=limit)
