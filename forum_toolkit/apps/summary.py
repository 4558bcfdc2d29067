"""An answer in words, for the review screen: "1. Bus, 2. Park", "Agree", "4 people"."""

from __future__ import annotations

from typing import Any

from forum_toolkit.consultation.model import Kind, Question
from forum_toolkit.i18n import N_
from forum_toolkit.widgets.base import Wording

_STANCES = {"agree": N_("Agree"), "disagree": N_("Disagree"), "pass": N_("Pass")}


def describe_answer(question: Question, answer: Any, wording: Wording) -> str:
    """The answer as a participant reads it back; "Not answered" when there is none."""
    if answer is None:
        return wording.ui("Not answered")
    kind = question.kind
    if kind is Kind.SINGLE_CHOICE:
        return _label(question.options, answer, wording)
    if kind in (Kind.MULTIPLE_CHOICE, Kind.APPROVAL):
        return ", ".join(_label(question.options, option, wording) for option in answer)
    if kind is Kind.RANKING:
        return ", ".join(f"{place}. {_label(question.options, option, wording)}" for place, option in enumerate(answer, 1))
    if kind is Kind.DOTS:
        return ", ".join(f"{_label(question.options, option, wording)}: {count}" for option, count in answer.items() if count)
    if kind is Kind.SCALE:
        return _point(question.points, answer, wording)
    if kind is Kind.MATRIX:
        return "; ".join(f"{_label(question.rows, row, wording)}: {_point(question.points, value, wording)}" for row, value in answer.items())
    if kind is Kind.STATEMENTS:
        return "; ".join(
            f"{_label(question.statements, statement, wording)}: {wording.ui(_STANCES.get(stance, 'Pass'))}" for statement, stance in answer.items()
        )
    if kind is Kind.NUMBER:
        unit = wording.text(question.unit) if question.unit.values else ""
        return f"{answer:g} {unit}".strip()
    if kind is Kind.PROPOSAL:
        category = answer.get("category")
        title = answer.get("title", "")
        return f"{title} ({_label(question.categories, category, wording)})" if category else title
    return str(answer)


def _label(options, option_id: str, wording: Wording) -> str:
    """An option's label; a full stop at its end is dropped, as a colon follows it in the review."""
    for option in options:
        if option.id == option_id:
            return wording.text(option.label).rstrip(".。")
    return str(option_id)


def _point(points, value, wording: Wording) -> str:
    for point in points:
        if point.value == value:
            return wording.text(point.label)
    return str(value)
