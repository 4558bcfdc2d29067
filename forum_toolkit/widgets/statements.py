"""Statements: one card per statement, with Agree, Disagree and Pass buttons.

A tap chooses a reaction, a second tap on the same button takes it back. The stylesheet gives each
reaction its own colour and sign (✓, ✗, –), so that it can be recognised without reading.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from forum_toolkit.consultation.model import Kind, Stance, Statements
from forum_toolkit.widgets.base import QuestionView, box, mark, registers, tap_button, text_block

__all__ = ["StatementsView"]

STANCES = tuple(stance.value for stance in Stance)  # "agree", "disagree", "pass"


@registers(Kind.STATEMENTS)
class StatementsView(QuestionView):
    """{"statement_id": "agree", ...} for the statements reacted to, or None before the first tap.

    After a tap the answer is a mapping, empty when every reaction was taken back again.
    """

    question: Statements

    def build(self, answer: Any) -> list[w.Widget]:
        ui = self.wording.ui
        names = {"agree": ui("Agree"), "disagree": ui("Disagree"), "pass": ui("Pass")}
        self.buttons: dict[str, dict[str, w.Button]] = {}
        self.cards: dict[str, w.Box] = {}
        for statement in self.question.statements:
            self.buttons[statement.id] = {
                stance: tap_button(names[stance], lambda s=statement.id, t=stance: self._tap(s, t), "ft-stance", f"ft-stance-{stance}")
                for stance in STANCES
            }
            self.cards[statement.id] = box(
                [text_block(self.wording.text(statement.label), "ft-statement-text"), box(self.buttons[statement.id].values(), "ft-stances")],
                "ft-statement",
            )
        self._stances: dict[str, str] | None = None
        if isinstance(answer, dict):
            self._stances = {s: answer[s] for s in self.buttons if answer.get(s) in STANCES}
        self._show()
        return [box(self.cards.values(), "ft-statements")]

    def _tap(self, statement_id: str, stance: str) -> None:
        stances = self._stances if self._stances is not None else {}
        if stances.get(statement_id) == stance:
            del stances[statement_id]
        else:
            stances[statement_id] = stance
        self._stances = stances
        self._show()
        self.changed()

    def _show(self) -> None:
        for statement_id, buttons in self.buttons.items():
            chosen = (self._stances or {}).get(statement_id)
            mark(self.cards[statement_id], "ft-answered", chosen is not None)
            for stance, button in buttons.items():
                mark(button, "ft-chosen", stance == chosen)

    def answer(self) -> dict[str, str] | None:
        if self._stances is None:
            return None
        return {s.id: self._stances[s.id] for s in self.question.statements if s.id in self._stances}

    def spoken(self) -> list[str]:
        return [self.wording.text(statement.label) for statement in self.question.statements]
