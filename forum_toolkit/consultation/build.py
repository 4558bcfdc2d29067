"""Turning a checked consultation file (schema objects) into the frozen model."""

from __future__ import annotations

from typing import Any

from forum_toolkit.consultation import model, schema
from forum_toolkit.consultation.conditions import Condition
from forum_toolkit.consultation.languages import KNOWN, Language


def build_consultation(
    spec: schema.ConsultationSpec, conditions: dict[tuple[Any, ...], Condition], source: str
) -> model.Consultation:
    return model.Consultation(
        id=spec.id,
        title=_text(spec.title),
        description=_text(spec.description),
        languages=tuple(_language(language) for language in spec.languages),
        default_language=spec.default_language or spec.languages[0].code,
        access=model.Access(spec.access),
        live_results=spec.live_results,
        pages=tuple(_page(p, page, conditions) for p, page in enumerate(spec.pages)),
        source=source,
    )


def _text(text: dict[str, str] | None) -> model.Text:
    return model.Text(tuple(text.items())) if text else model.EMPTY_TEXT


def _language(spec: schema.LanguageSpec) -> Language:
    name, direction = KNOWN.get(spec.code, (spec.code, "ltr"))
    return Language(spec.code, spec.name or name, spec.direction or direction, spec.reviewed)


def _options(items) -> tuple[model.Option, ...]:
    return tuple(model.Option(item.id, _text(item.label)) for item in items)


def _statements(items) -> tuple[model.Option, ...]:
    return tuple(model.Option(item.id, _text(item.text)) for item in items)


def _points(items) -> tuple[model.ScalePoint, ...]:
    return tuple(model.ScalePoint(item.value, _text(item.label)) for item in items)


def _page(index: int, spec: schema.PageSpec, conditions) -> model.Page:
    questions = tuple(
        _question(spec_q, conditions.get(("pages", index, "questions", q, "show_if")))
        for q, spec_q in enumerate(spec.questions)
    )
    return model.Page(spec.id, _text(spec.title), questions, conditions.get(("pages", index, "show_if")))


def _question(spec: Any, show_if: Condition | None) -> model.Question:
    common = dict(
        id=spec.id,
        text=_text(spec.text),
        help=_text(spec.help),
        required=spec.required,
        show_if=show_if,
        describes_participant=spec.describes_participant,
    )
    kind = spec.kind
    if kind == "single_choice":
        return model.SingleChoice(**common, options=_options(spec.options))
    if kind == "multiple_choice":
        maximum = len(spec.options) if spec.max is None else spec.max
        return model.MultipleChoice(**common, options=_options(spec.options), min=spec.min, max=maximum)
    if kind == "scale":
        return model.Scale(**common, points=_points(spec.points))
    if kind == "matrix":
        return model.Matrix(**common, rows=_options(spec.rows), points=_points(spec.points))
    if kind == "ranking":
        return model.Ranking(**common, options=_options(spec.options), top=spec.top)
    if kind == "dots":
        return model.Dots(
            **common,
            options=_options(spec.options),
            budget=spec.budget,
            max_per_option=spec.max_per_option,
            spend_all=spec.spend_all,
        )
    if kind == "approval":
        return model.Approval(**common, options=_options(spec.options), max=spec.max)
    if kind == "number":
        return model.Number(**common, min=spec.min, max=spec.max, integer=spec.integer, unit=_text(spec.unit))
    if kind == "short_text":
        return model.ShortText(**common, min_length=spec.min_length, max_length=spec.max_length)
    if kind == "long_text":
        return model.LongText(**common, min_length=spec.min_length, max_length=spec.max_length)
    if kind == "statements":
        return model.Statements(**common, statements=_statements(spec.statements))
    if kind == "proposal":
        return model.Proposal(
            **common,
            title_max_length=spec.title_max_length,
            text_max_length=spec.text_max_length,
            categories=_options(spec.categories),
        )
    return model.Info(**common)
