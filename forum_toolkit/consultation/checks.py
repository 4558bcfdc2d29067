"""Checks that span fields of a consultation file whose shape pydantic has already checked.

Languages, duplicate ids, limits that must fit together (min/max, dot budgets, text lengths) and the
translations of every text. Conditions are checked in `condition_checks.py`.
"""

from __future__ import annotations

from typing import Any, Iterator

from forum_toolkit.consultation import schema
from forum_toolkit.consultation.languages import KNOWN, LANGUAGE_CODE
from forum_toolkit.consultation.problems import ERROR, WARNING, describe, did_you_mean, plural

Finding = tuple[tuple[Any, ...], str, str]  # (path, message, severity)

SHORT_TEXT_CAP = 500
LONG_TEXT_CAP = 10_000


def check_languages(spec: schema.ConsultationSpec) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, language in enumerate(spec.languages):
        path = ("languages", index)
        code = language.code
        if not LANGUAGE_CODE.match(code):
            yield path, f"expected a language code like 'de', 'ar' or 'kmr', found {describe(code)}", ERROR
        elif code not in KNOWN and (language.name is None or language.direction is None):
            hint = did_you_mean(code, KNOWN)
            yield path, f"unknown language code {code!r}{hint}; give 'name' and 'direction' for a language forum_toolkit does not know", ERROR
        if code in seen:
            yield path, f"language {code!r} is offered twice", ERROR
        seen.add(code)
    codes = [language.code for language in spec.languages]
    if spec.default_language is not None and spec.default_language not in codes:
        yield ("default_language",), f"expected one of the languages offered ({', '.join(codes)}), found {spec.default_language!r}", ERROR


def check_ids(spec: schema.ConsultationSpec) -> Iterator[Finding]:
    yield from _duplicates([(("pages", i, "id"), page.id) for i, page in enumerate(spec.pages)], "page")
    questions = [
        (("pages", p, "questions", q, "id"), question.id)
        for p, page in enumerate(spec.pages)
        for q, question in enumerate(page.questions)
    ]
    yield from _duplicates(questions, "question")
    for base, question in _questions(spec):
        for field, noun in (("options", "option"), ("rows", "row"), ("statements", "statement"), ("categories", "category")):
            items = getattr(question, field, None) or []
            yield from _duplicates([((*base, field, i, "id"), item.id) for i, item in enumerate(items)], noun)
        points = getattr(question, "points", None) or []
        for i in range(1, len(points)):
            if points[i].value <= points[i - 1].value:
                found = f"{points[i - 1].value} then {points[i].value}"
                yield (*base, "points", i, "value"), f"expected point values that rise, found {found}", ERROR


def _duplicates(located: list[tuple[tuple[Any, ...], str]], noun: str) -> Iterator[Finding]:
    first_seen: dict[str, tuple[Any, ...]] = {}
    for path, value in located:
        if value in first_seen:
            yield path, f"duplicate {noun} id {value!r}, already used at {_short(first_seen[value])}", ERROR
        else:
            first_seen[value] = path


def _short(path: tuple[Any, ...]) -> str:
    from forum_toolkit.consultation.problems import format_path

    return format_path(path[:-1] if path[-1] == "id" else path)


def _questions(spec: schema.ConsultationSpec) -> Iterator[tuple[tuple[Any, ...], Any]]:
    for p, page in enumerate(spec.pages):
        for q, question in enumerate(page.questions):
            yield ("pages", p, "questions", q), question


def check_limits(spec: schema.ConsultationSpec) -> Iterator[Finding]:
    for base, question in _questions(spec):
        yield from _LIMIT_CHECKS.get(question.kind, _no_limits)(base, question)


def _no_limits(base, question) -> Iterator[Finding]:
    return iter(())


def _multiple_choice(base, question: schema.MultipleChoiceSpec) -> Iterator[Finding]:
    count = len(question.options)
    high = count if question.max is None else question.max
    if question.min < 0 or question.min > count:
        yield (*base, "min"), f"expected a number from 0 to {count} (the number of options), found {question.min}", ERROR
    if question.max is not None and not 1 <= question.max <= count:
        yield (*base, "max"), f"expected a number from 1 to {count} (the number of options), found {question.max}", ERROR
    elif question.min > high:
        yield (*base, "min"), f"expected at most max ({high}), found {question.min}", ERROR


def _ranking(base, question: schema.RankingSpec) -> Iterator[Finding]:
    count = len(question.options)
    if question.top is not None and not 1 <= question.top <= count:
        yield (*base, "top"), f"expected a number from 1 to {count} (the number of options), found {question.top}", ERROR


def _dots(base, question: schema.DotsSpec) -> Iterator[Finding]:
    count = len(question.options)
    if question.budget < 1:
        yield (*base, "budget"), f"expected at least 1 dot, found {question.budget}", ERROR
    if question.max_per_option < 1:
        yield (*base, "max_per_option"), f"expected at least 1 dot per option, found {question.max_per_option}", ERROR
    elif question.budget > question.max_per_option * count:
        spendable = question.max_per_option * count
        yield (
            (*base, "budget"),
            f"expected a budget that can be spent (at most {question.max_per_option} per option on "
            f"{plural(count, 'option')} is {spendable}), found {question.budget}",
            ERROR,
        )


def _approval(base, question: schema.ApprovalSpec) -> Iterator[Finding]:
    count = len(question.options)
    if question.max is not None and not 1 <= question.max <= count:
        yield (*base, "max"), f"expected a number from 1 to {count} (the number of options), found {question.max}", ERROR


def _number(base, question: schema.NumberSpec) -> Iterator[Finding]:
    if question.min >= question.max:
        yield (*base, "max"), f"expected a number greater than min ({question.min:g}), found {question.max:g}", ERROR
    if question.integer and (question.min != int(question.min) or question.max != int(question.max)):
        yield (*base, "integer"), "expected whole-number min and max for a whole-number question, found a fraction", ERROR


def _text_lengths(cap: int):
    def check(base, question) -> Iterator[Finding]:
        if question.max_length < 1 or question.max_length > cap:
            yield (*base, "max_length"), f"expected a number from 1 to {cap}, found {question.max_length}", ERROR
        elif not 0 <= question.min_length <= question.max_length:
            yield (*base, "min_length"), f"expected a number from 0 to max_length ({question.max_length}), found {question.min_length}", ERROR

    return check


def _proposal(base, question: schema.ProposalSpec) -> Iterator[Finding]:
    if not 1 <= question.title_max_length <= SHORT_TEXT_CAP:
        yield (*base, "title_max_length"), f"expected a number from 1 to {SHORT_TEXT_CAP}, found {question.title_max_length}", ERROR
    if not 1 <= question.text_max_length <= LONG_TEXT_CAP:
        yield (*base, "text_max_length"), f"expected a number from 1 to {LONG_TEXT_CAP}, found {question.text_max_length}", ERROR


_LIMIT_CHECKS = {
    "multiple_choice": _multiple_choice,
    "ranking": _ranking,
    "dots": _dots,
    "approval": _approval,
    "number": _number,
    "short_text": _text_lengths(SHORT_TEXT_CAP),
    "long_text": _text_lengths(LONG_TEXT_CAP),
    "proposal": _proposal,
}


def check_translations(spec: schema.ConsultationSpec) -> Iterator[Finding]:
    """Texts in languages not offered are errors; offered languages missing from a text are warnings."""
    offered = [language.code for language in spec.languages]
    for path, text in _texts(spec.model_dump(exclude_none=True), ()):
        for code, value in text.items():
            if code not in offered:
                hint = did_you_mean(code, offered)
                yield (*path, code), f"expected one of the languages offered ({', '.join(offered)}), found {code!r}{hint}", ERROR
            elif not value.strip():
                yield (*path, code), "expected text, found an empty text", ERROR
        missing = [code for code in offered if code not in text]
        if missing and any(code in offered for code in text):
            yield path, f"missing translation for {', '.join(missing)} (the ballot shows the default language instead)", WARNING
        elif not text:
            yield path, "expected a text in at least one language, found none", ERROR


_TEXT_FIELDS = {"title", "description", "text", "help", "label", "unit"}


def _texts(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], dict[str, str]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _TEXT_FIELDS and isinstance(value, dict):
                yield (*path, key), value
            else:
                yield from _texts(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, (*path, index))
