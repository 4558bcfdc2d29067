"""Checking a submission's answers against its consultation (pure; no I/O).

Every answer that reaches the store passes through `check_answers`, whatever the widget or client
that produced it: a browser can send anything. The answer shapes, per question kind:

    single_choice     "option_id"
    multiple_choice   ["option_id", ...]            distinct, min..max of them
    approval          ["option_id", ...]            distinct, at most max
    ranking           ["first", "second", ...]      distinct; all options, or exactly `top` of them
    scale             3                             one of the points' values
    matrix            {"row_id": 3, ...}            each row a point value; all rows when required
    dots              {"option_id": 2, ...}         0..max_per_option each, sum <= budget (== when spend_all)
    number            12 or 12.5                    min..max; whole when integer
    short_text        "..."                         min_length..max_length characters
    long_text         "..."
    statements        {"statement_id": "agree"}     agree / disagree / pass
    proposal          {"title": "...", "text": "...", "category": "id"}

A problem carries a `code` and `params` so that a widget can say it in the participant's language;
`message` is the English wording for logs and the command line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from forum_toolkit.consultation.model import (
    Approval,
    Consultation,
    Dots,
    Info,
    LongText,
    Matrix,
    MultipleChoice,
    Number,
    Proposal,
    Question,
    Ranking,
    Scale,
    ShortText,
    SingleChoice,
    Stance,
    Statements,
)

_MESSAGES = {
    "unknown_question": "there is no question {question!r} in this consultation",
    "hidden_question": "question {question!r} is not shown for these answers and cannot be answered",
    "required": "question {question!r} needs an answer",
    "no_answer_expected": "question {question!r} is information only and takes no answer",
    "wrong_type": "question {question!r}: expected {expected}, found {found}",
    "unknown_option": "question {question!r}: {value!r} is not one of its options",
    "repeated_option": "question {question!r}: {value!r} is given more than once",
    "too_few": "question {question!r}: choose at least {limit}, found {count}",
    "too_many": "question {question!r}: choose at most {limit}, found {count}",
    "ranking_length": "question {question!r}: rank {limit} options, found {count}",
    "not_a_point": "question {question!r}: {value!r} is not a point of the scale",
    "missing_row": "question {question!r}: row {value!r} needs an answer",
    "dots_per_option": "question {question!r}: at most {limit} dots on {value!r}, found {count}",
    "dots_budget": "question {question!r}: at most {limit} dots in all, found {count}",
    "dots_spend_all": "question {question!r}: spend all {limit} dots, found {count}",
    "out_of_range": "question {question!r}: expected a number from {low:g} to {high:g}, found {value:g}",
    "not_whole": "question {question!r}: expected a whole number, found {value}",
    "too_short": "question {question!r}: expected at least {limit} characters, found {count}",
    "too_long": "question {question!r}: expected at most {limit} characters, found {count}",
    "bad_characters": "question {question!r}: the text contains control characters",
    "unknown_stance": "question {question!r}: {value!r} is not agree, disagree or pass",
}


@dataclass(frozen=True)
class AnswerProblem:
    question: str
    code: str
    params: tuple[tuple[str, Any], ...] = field(default=())

    @property
    def message(self) -> str:
        return _MESSAGES[self.code].format(question=self.question, **dict(self.params))


def visible_questions(consultation: Consultation, answers: Mapping[str, Any]) -> tuple[Question, ...]:
    """The questions shown for these answers: their page's and their own conditions hold."""
    shown = []
    for page in consultation.pages:
        if page.show_if is not None and not page.show_if.holds(answers):
            continue
        shown.extend(q for q in page.questions if q.show_if is None or q.show_if.holds(answers))
    return tuple(shown)


def check_answers(consultation: Consultation, answers: Any) -> tuple[AnswerProblem, ...]:
    """Every problem with `answers` (a mapping of question id to answer); empty when they are valid."""
    if not isinstance(answers, Mapping):
        return (AnswerProblem("", "wrong_type", (("expected", "a mapping of answers"), ("found", _kind_of(answers)))),)
    problems: list[AnswerProblem] = []
    known = {q.id: q for q in consultation.questions}
    for question_id in answers:
        if question_id not in known:
            problems.append(AnswerProblem(str(question_id), "unknown_question"))
    shown = {q.id for q in visible_questions(consultation, answers)}
    for question in consultation.questions:
        if question.id not in answers:
            if question.required and question.id in shown:
                problems.append(AnswerProblem(question.id, "required"))
            continue
        if question.id not in shown:
            problems.append(AnswerProblem(question.id, "hidden_question"))
            continue
        problems.extend(check_answer(question, answers[question.id]))
    return tuple(problems)


def check_answer(question: Question, value: Any) -> list[AnswerProblem]:
    """The problems with one answer to one question."""
    checker = _CHECKERS[type(question)]
    return checker(question, value)


def _problem(question: Question, code: str, **params: Any) -> AnswerProblem:
    return AnswerProblem(question.id, code, tuple(params.items()))


def _kind_of(value: Any) -> str:
    names = {str: "text", bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return "nothing" if value is None else names.get(type(value), type(value).__name__)


def _wrong_type(question: Question, expected: str, value: Any) -> list[AnswerProblem]:
    return [_problem(question, "wrong_type", expected=expected, found=_kind_of(value))]


def _option_list(question: Question, value: Any, options) -> list[AnswerProblem] | None:
    """Problems with a list of distinct option ids, or None when it is not a list of text."""
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        return None
    ids = {o.id for o in options}
    problems = [_problem(question, "unknown_option", value=v) for v in value if v not in ids]
    seen = set()
    for v in value:
        if v in seen:
            problems.append(_problem(question, "repeated_option", value=v))
        seen.add(v)
    return problems


def _check_single(question: SingleChoice, value: Any) -> list[AnswerProblem]:
    if not isinstance(value, str):
        return _wrong_type(question, "one option id", value)
    if value not in {o.id for o in question.options}:
        return [_problem(question, "unknown_option", value=value)]
    return []


def _check_multiple(question: MultipleChoice, value: Any) -> list[AnswerProblem]:
    problems = _option_list(question, value, question.options)
    if problems is None:
        return _wrong_type(question, "a list of option ids", value)
    if len(value) < question.min:
        problems.append(_problem(question, "too_few", limit=question.min, count=len(value)))
    if len(value) > question.max:
        problems.append(_problem(question, "too_many", limit=question.max, count=len(value)))
    return problems


def _check_approval(question: Approval, value: Any) -> list[AnswerProblem]:
    problems = _option_list(question, value, question.options)
    if problems is None:
        return _wrong_type(question, "a list of option ids", value)
    if question.max is not None and len(value) > question.max:
        problems.append(_problem(question, "too_many", limit=question.max, count=len(value)))
    return problems


def _check_ranking(question: Ranking, value: Any) -> list[AnswerProblem]:
    problems = _option_list(question, value, question.options)
    if problems is None:
        return _wrong_type(question, "a list of option ids in order", value)
    if len(value) != question.positions:
        problems.append(_problem(question, "ranking_length", limit=question.positions, count=len(value)))
    return problems


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_point(question: Question, points, value: Any) -> list[AnswerProblem]:
    if not _is_number(value):
        return _wrong_type(question, "a point of the scale", value)
    if value not in {p.value for p in points}:
        return [_problem(question, "not_a_point", value=value)]
    return []


def _check_scale(question: Scale, value: Any) -> list[AnswerProblem]:
    return _check_point(question, question.points, value)


def _check_matrix(question: Matrix, value: Any) -> list[AnswerProblem]:
    if not isinstance(value, Mapping):
        return _wrong_type(question, "a mapping of row id to scale point", value)
    rows = {r.id for r in question.rows}
    problems = [_problem(question, "unknown_option", value=k) for k in value if k not in rows]
    for row_id, point in value.items():
        if row_id in rows:
            problems.extend(_check_point(question, question.points, point))
    if question.required:
        problems.extend(_problem(question, "missing_row", value=r.id) for r in question.rows if r.id not in value)
    return problems


def _check_dots(question: Dots, value: Any) -> list[AnswerProblem]:
    if not isinstance(value, Mapping) or not all(isinstance(n, int) and not isinstance(n, bool) for n in value.values()):
        return _wrong_type(question, "a mapping of option id to a whole number of dots", value)
    ids = {o.id for o in question.options}
    problems = [_problem(question, "unknown_option", value=k) for k in value if k not in ids]
    for option_id, count in value.items():
        if count < 0 or count > question.max_per_option:
            problems.append(_problem(question, "dots_per_option", limit=question.max_per_option, value=option_id, count=count))
    total = sum(value.values())
    if total > question.budget:
        problems.append(_problem(question, "dots_budget", limit=question.budget, count=total))
    elif question.spend_all and total != question.budget:
        problems.append(_problem(question, "dots_spend_all", limit=question.budget, count=total))
    return problems


def _check_number(question: Number, value: Any) -> list[AnswerProblem]:
    if not _is_number(value):
        return _wrong_type(question, "a number", value)
    if question.integer and value != int(value):
        return [_problem(question, "not_whole", value=value)]
    if not question.min <= value <= question.max:
        return [_problem(question, "out_of_range", low=question.min, high=question.max, value=value)]
    return []


_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f]")  # below space, but for tab and line feed


def _check_length(question: Question, value: str, low: int, high: int) -> list[AnswerProblem]:
    if _CONTROL_CHARACTERS.search(value):
        return [_problem(question, "bad_characters")]
    length = len(value.strip())
    if length < low:
        return [_problem(question, "too_short", limit=low, count=length)]
    if len(value) > high:
        return [_problem(question, "too_long", limit=high, count=len(value))]
    return []


def _check_text(question: ShortText | LongText, value: Any) -> list[AnswerProblem]:
    if not isinstance(value, str):
        return _wrong_type(question, "text", value)
    return _check_length(question, value, question.min_length, question.max_length)


def _check_statements(question: Statements, value: Any) -> list[AnswerProblem]:
    if not isinstance(value, Mapping):
        return _wrong_type(question, "a mapping of statement id to agree, disagree or pass", value)
    ids = {s.id for s in question.statements}
    stances = {s.value for s in Stance}
    problems = [_problem(question, "unknown_option", value=k) for k in value if k not in ids]
    problems.extend(_problem(question, "unknown_stance", value=v) for v in value.values() if v not in stances)
    return problems


def _check_proposal(question: Proposal, value: Any) -> list[AnswerProblem]:
    if not isinstance(value, Mapping) or not isinstance(value.get("title"), str) or not isinstance(value.get("text", ""), str):
        return _wrong_type(question, "a proposal with a title and a text", value)
    extra = set(value) - {"title", "text", "category"}
    problems = [_problem(question, "unknown_option", value=k) for k in sorted(extra)]
    problems.extend(_check_length(question, value["title"], 1, question.title_max_length))
    problems.extend(_check_length(question, value.get("text", ""), 0, question.text_max_length))
    category = value.get("category")
    if category is not None and category not in {c.id for c in question.categories}:
        problems.append(_problem(question, "unknown_option", value=category))
    return problems


def _check_info(question: Info, value: Any) -> list[AnswerProblem]:
    return [_problem(question, "no_answer_expected")]


_CHECKERS = {
    SingleChoice: _check_single,
    MultipleChoice: _check_multiple,
    Approval: _check_approval,
    Ranking: _check_ranking,
    Scale: _check_scale,
    Matrix: _check_matrix,
    Dots: _check_dots,
    Number: _check_number,
    ShortText: _check_text,
    LongText: _check_text,
    Statements: _check_statements,
    Proposal: _check_proposal,
    Info: _check_info,
}
