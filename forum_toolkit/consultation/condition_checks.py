"""Checking `show_if:` conditions against the questions of their file, at load time.

A condition must parse, name questions that exist and take answers, use `q.part` only where a
question has parts (matrix rows, statements, dot options), compare choices only with their own option
ids, and not make questions depend on each other in a circle.
"""

from __future__ import annotations

from typing import Any, Iterator

from forum_toolkit.consultation import schema
from forum_toolkit.consultation.checks import Finding
from forum_toolkit.consultation.conditions import (
    Compare,
    Condition,
    ConditionSyntaxError,
    Literal,
    Reference,
    parse_condition,
)
from forum_toolkit.consultation.problems import ERROR, did_you_mean

_CHOICE_KINDS = {"single_choice", "multiple_choice", "approval", "ranking"}
_PART_FIELDS = {"matrix": "rows", "statements": "statements", "dots": "options"}


def parse_conditions(spec: schema.ConsultationSpec) -> tuple[dict[tuple[Any, ...], Condition], list[Finding]]:
    """Parse every condition; returns them by the path of their `show_if` field, and syntax errors."""
    parsed: dict[tuple[Any, ...], Condition] = {}
    findings: list[Finding] = []
    for path, source in _condition_sources(spec):
        try:
            parsed[path] = parse_condition(source)
        except ConditionSyntaxError as error:
            findings.append((path, f"cannot read the condition {source!r}: {error} (at character {error.position + 1})", ERROR))
    return parsed, findings


def _condition_sources(spec: schema.ConsultationSpec) -> Iterator[tuple[tuple[Any, ...], str]]:
    for p, page in enumerate(spec.pages):
        if page.show_if is not None:
            yield ("pages", p, "show_if"), page.show_if
        for q, question in enumerate(page.questions):
            if question.show_if is not None:
                yield ("pages", p, "questions", q, "show_if"), question.show_if


def check_conditions(spec: schema.ConsultationSpec, conditions: dict[tuple[Any, ...], Condition]) -> Iterator[Finding]:
    questions = {question.id: question for page in spec.pages for question in page.questions}
    for path, condition in conditions.items():
        for reference in condition.references():
            yield from _check_reference(path, reference, questions)
        yield from _check_literals(path, condition.tree, questions)
    yield from _check_cycles(spec, conditions)


def _check_reference(path, reference: Reference, questions: dict[str, Any]) -> Iterator[Finding]:
    question = questions.get(reference.question)
    if question is None:
        hint = did_you_mean(reference.question, questions)
        yield path, f"the condition names question {reference.question!r}, which does not exist{hint}", ERROR
        return
    if question.kind == "info":
        yield path, f"the condition names {reference.question!r}, an information text that takes no answer", ERROR
        return
    if reference.part is None:
        return
    field = _PART_FIELDS.get(question.kind)
    if field is None:
        yield path, f"the condition names {reference}, but {question.kind} question {question.id!r} has no parts", ERROR
        return
    parts = [item.id for item in getattr(question, field)]
    if reference.part not in parts:
        hint = did_you_mean(reference.part, parts)
        yield path, f"the condition names {reference}, but {question.id!r} has no {field[:-1]} {reference.part!r}{hint}", ERROR


def _check_literals(path, node, questions: dict[str, Any]) -> Iterator[Finding]:
    """A choice question compared with a quoted value: the value must be one of its options."""
    if isinstance(node, Compare):
        for reference, other in ((node.left, node.right), (node.right, node.left)):
            if not (isinstance(reference, Reference) and isinstance(other, Literal) and reference.part is None):
                continue
            question = questions.get(reference.question)
            if question is None or question.kind not in _CHOICE_KINDS:
                continue
            options = [option.id for option in question.options]
            values = other.value if isinstance(other.value, tuple) else (other.value,)
            for value in values:
                if value not in options:
                    hint = did_you_mean(str(value), options)
                    yield path, f"the condition compares {question.id!r} with {value!r}, which is not one of its options{hint}", ERROR
    for child in _children(node):
        yield from _check_literals(path, child, questions)


def _children(node) -> tuple:
    if isinstance(node, Compare):
        return (node.left, node.right)
    return getattr(node, "operands", ()) or ((node.operand,) if hasattr(node, "operand") else ())


def _check_cycles(spec: schema.ConsultationSpec, conditions) -> Iterator[Finding]:
    """Whether a question is shown may not depend, through any chain of conditions, on itself."""
    depends_on: dict[str, set[str]] = {}
    where: dict[str, tuple[Any, ...]] = {}
    for p, page in enumerate(spec.pages):
        page_condition = conditions.get(("pages", p, "show_if"))
        page_refs = {r.question for r in page_condition.references()} if page_condition else set()
        for q, question in enumerate(page.questions):
            own_path = ("pages", p, "questions", q, "show_if")
            own = conditions.get(own_path)
            depends_on[question.id] = page_refs | ({r.question for r in own.references()} if own else set())
            where[question.id] = own_path if own else ("pages", p, "show_if")
    reported: set[frozenset[str]] = set()
    for start in depends_on:
        cycle = _find_cycle(start, depends_on)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            chain = " → ".join([*cycle, cycle[0]])
            yield where[cycle[0]], f"conditions form a circle: {chain} (a question cannot depend on itself)", ERROR


def _find_cycle(start: str, depends_on: dict[str, set[str]]) -> list[str] | None:
    stack = [(start, [start])]
    visited = {start}
    while stack:
        node, trail = stack.pop()
        for nxt in sorted(depends_on.get(node, ())):
            if nxt == start:
                return trail
            if nxt not in visited and nxt in depends_on:
                visited.add(nxt)
                stack.append((nxt, [*trail, nxt]))
    return None
