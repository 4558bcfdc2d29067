"""Statements: one card per statement, with Agree, Disagree and Pass buttons.

A tap chooses a reaction, a second tap on the same button takes it back. The stylesheet gives each
reaction its own colour and sign (✓, ✗, –), so that it can be recognised without reading.

The app can add what participants wrote: `show_items` puts the statements approved in moderation
below the file's (as text, never as HTML), keeping the cards already there, so that a tap on one
of them is not lost while another arrives; reactions to them go to `on_react(item id, stance or
None)`, apart from the answer. `offer_own_statement` adds a field for her own statement, which
`on_send(text)` stores for moderation.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import ipywidgets as w

from forum_toolkit.consultation.model import Kind, Stance, Statements
from forum_toolkit.widgets.base import QuestionView, _close_all, box, mark, registers, set_text, tap_button, text_block
from forum_toolkit.widgets.text import Counter, text_field

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
        self.item_buttons: dict[int, dict[str, w.Button]] = {}
        self.item_cards: dict[int, w.Box] = {}
        self._item_texts: dict[int, str] = {}
        self._reactions: dict[int, str] = {}
        self._on_react: Callable[[int, str | None], None] | None = None
        self.items_box = box([], "ft-statements", "ft-items")
        self.own_box = box([], "ft-own-statement")
        return [box(self.cards.values(), "ft-statements"), self.items_box, self.own_box]

    # -- statements written by participants --------------------------------------------------------

    def show_items(self, items: Sequence[tuple[int, str]], reactions: dict[int, str], on_react: Callable[[int, str | None], None]) -> None:
        """Show these approved items (id, text) after the file's statements, in this order, with the
        reactions given so far. Cards of items still approved stay as they are; others are closed."""
        self._on_react = on_react
        self._reactions = {item_id: stance for item_id, stance in reactions.items() if stance in STANCES}
        ui = self.wording.ui
        names = {"agree": ui("Agree"), "disagree": ui("Disagree"), "pass": ui("Pass")}
        wanted = dict(items)
        for item_id in [i for i in self.item_cards if wanted.get(i) != self._item_texts[i]]:  # gone, or its text corrected
            _close_all(self.item_cards.pop(item_id))
            del self.item_buttons[item_id], self._item_texts[item_id]
        for item_id, text in items:
            if item_id in self.item_cards:
                continue
            self.item_buttons[item_id] = {
                stance: tap_button(names[stance], lambda i=item_id, t=stance: self._tap_item(i, t), "ft-stance", f"ft-stance-{stance}")
                for stance in STANCES
            }
            self._item_texts[item_id] = text
            self.item_cards[item_id] = box(
                [text_block(text, "ft-statement-text", "ft-item-text"), box(self.item_buttons[item_id].values(), "ft-stances")],
                "ft-statement",
                "ft-item",
            )
        heading = [text_block(ui("Statements from participants"), "ft-items-heading")] if items else []
        old_heading = [child for child in self.items_box.children if child not in self.item_cards.values()]
        self.items_box.children = [*heading, *(self.item_cards[item_id] for item_id, _ in items)]
        for child in old_heading:
            _close_all(child)
        self._show_items()

    def _tap_item(self, item_id: int, stance: str) -> None:
        if item_id not in self.item_cards:
            return  # a tap on a card closed meanwhile (the item was taken back in moderation)
        chosen = None if self._reactions.get(item_id) == stance else stance
        if chosen is None:
            self._reactions.pop(item_id, None)
        else:
            self._reactions[item_id] = chosen
        self._show_items()
        if self._on_react is not None:
            self._on_react(item_id, chosen)

    def _show_items(self) -> None:
        for item_id, buttons in self.item_buttons.items():
            chosen = self._reactions.get(item_id)
            mark(self.item_cards[item_id], "ft-answered", chosen is not None)
            for stance, button in buttons.items():
                mark(button, "ft-chosen", stance == chosen)

    def offer_own_statement(self, on_send: Callable[[str], bool], limit: int) -> None:
        """A field for her own statement. `on_send(text)` stores it (True) for moderation; the view
        checks first that it is neither blank nor longer than `limit` characters."""
        ui = self.wording.ui
        self._on_send, self._limit = on_send, limit
        self.own_field = text_field("", True, lambda: self.own_counter.show(self.own_field.value), "ft-own-input")
        self.own_counter = Counter(self.wording, limit)
        self.own_counter.show("")
        self.own_message = text_block("", "ft-own-message")
        self.own_list = box([], "ft-own-list")
        self.own_box.children = [
            text_block(ui("Your own statement"), "ft-subtitle", "ft-own-heading"),
            text_block(ui("Others can agree or disagree with it after the moderators have approved it."), "ft-question-help"),
            self.own_field,
            self.own_counter.widget,
            tap_button(ui("Send statement"), self._send, "ft-send-statement"),
            self.own_message,
            self.own_list,
        ]

    def show_own(self, statements: Sequence[tuple[str, str, str | None]]) -> None:
        """Her statements sent from here, each (text, status, reason) with what moderation made of it."""
        ui = self.wording.ui
        words = {
            "pending": ui("Waiting for moderation."),
            "approved": ui("Shown to everyone. Others can react to it now."),
            "merged": ui("Shown together with the same statement from someone else."),
        }
        rows = []
        for text, status, reason in statements:
            said = words.get(status) or ui("Not shown. The reason: {reason}", reason=reason or "")
            marks = ("ft-own-status", "ft-own-rejected") if status == "rejected" else ("ft-own-status",)
            rows.append(box([text_block(text, "ft-own-text"), text_block(said, *marks)], "ft-own-item"))
        old = list(self.own_list.children)
        self.own_list.children = rows
        for row in old:
            _close_all(row)

    def _send(self) -> None:
        ui, text = self.wording.ui, self.own_field.value
        if not text.strip():
            set_text(self.own_message, ui("Please write your statement first."))
        elif len(text) > self._limit:
            set_text(self.own_message, ui("Please shorten your statement."))
        elif self._on_send(text):
            self.own_field.value = ""
            set_text(self.own_message, ui("Thank you. Your statement will be shown after moderation."))

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
