"""Turning pydantic's validation errors into problems that people can act on.

pydantic says "List should have at least 2 items after validation, not 1"; a facilitator reads
`surveys/forum.yaml:42: pages[0].questions[3].options: expected at least 2 options, found 1`.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from forum_toolkit.consultation import schema
from forum_toolkit.consultation.problems import Problem, describe, did_you_mean, format_path, plural
from forum_toolkit.consultation.yamlfile import YamlDocument

_EXPECTED_TYPE = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}

_ID_PATTERNS = {
    r"^[A-Za-z][A-Za-z0-9_]*$": "an id of letters, digits and '_' that starts with a letter",
    r"^[A-Za-z0-9][A-Za-z0-9_-]*$": "an id of letters, digits, '-' and '_'",
}

# What a list of each field holds, for "expected at least 2 options".
_ITEM_NOUN = {"options": "option", "rows": "row", "points": "point", "statements": "statement",
              "questions": "question", "pages": "page", "languages": "language"}  # fmt: skip


def schema_problems(error: ValidationError, document: YamlDocument, source: str) -> list[Problem]:
    problems = []
    for detail in error.errors():
        path = _clean_path(detail["loc"], document.data)
        problems.append(Problem(source, document.line_of(path), format_path(path), _message(detail, path, document)))
    return problems


def _clean_path(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Drop the steps pydantic adds for tagged unions (the question kind), keeping the file's path."""
    path: list[Any] = []
    node = data
    for step in loc:
        if isinstance(step, str) and step in schema.KINDS and isinstance(node, dict) and step not in node:
            continue
        if isinstance(step, str) and step in ("function-before[_from_code(), LanguageSpec]", "LanguageSpec"):
            continue
        path.append(step)
        node = _child(node, step)
    return tuple(path)


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None


def _message(detail: dict[str, Any], path: tuple[Any, ...], document: YamlDocument) -> str:
    kind = detail["type"]
    found = detail.get("input")
    context = detail.get("ctx") or {}
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(path[-1])
        return f"unknown field {name!r}{did_you_mean(name, _allowed_fields(path, document))}"
    if kind == "model_type" and path[:1] == ("languages",):
        return f"expected a language code like 'de' or a mapping with 'code', found {describe(found)}"
    if kind in _EXPECTED_TYPE:
        return f"expected {_EXPECTED_TYPE[kind]}, found {describe(found)}"
    if kind == "too_short":
        noun = _ITEM_NOUN.get(str(path[-1]), "item")
        return f"expected at least {plural(context['min_length'], noun)}, found {context['actual_length']}"
    if kind == "string_too_long":
        return f"expected at most {context['max_length']} characters, found {len(found)}"
    if kind == "string_pattern_mismatch":
        return f"expected {_ID_PATTERNS.get(context['pattern'], 'text of the form ' + context['pattern'])}, found {describe(found)}"
    if kind == "union_tag_invalid":
        tag = context["tag"]
        return f"expected a kind of question ({', '.join(schema.KINDS)}), found {tag!r}{did_you_mean(str(tag), schema.KINDS)}"
    if kind == "union_tag_not_found":
        return f"required field 'kind' is missing: one of {', '.join(schema.KINDS)}"
    if kind == "literal_error":
        return f"expected one of {context['expected']}, found {describe(found)}"
    return f"{detail['msg']}, found {describe(found)}"


def _allowed_fields(path: tuple[Any, ...], document: YamlDocument) -> tuple[str, ...]:
    """The fields allowed where an unknown field was found, from the spec class for that place."""
    parent = path[:-1]
    node = document.data
    for step in parent:
        node = _child(node, step)
    names = [step for step in parent if isinstance(step, str)]
    if not names:
        return schema.field_names(schema.ConsultationSpec)
    last = names[-1]
    if last == "pages" and isinstance(parent[-1], int):
        return schema.field_names(schema.PageSpec)
    if last == "questions" and isinstance(parent[-1], int):
        spec = schema.question_spec_class(node.get("kind")) if isinstance(node, dict) else None
        return schema.field_names(spec or schema.QuestionSpec)
    if last == "languages":
        return schema.field_names(schema.LanguageSpec)
    if last == "points":
        return schema.field_names(schema.PointSpec)
    if last == "statements":
        return schema.field_names(schema.StatementSpec)
    return schema.field_names(schema.OptionSpec)
