"""The small expression language of `show_if:` conditions, parsed once at load time (never `eval`).

    show_if: "age_group == 'under_18'"
    show_if: "'housing' in topics and not answered(proposal)"
    show_if: "years_in_town >= 5 or language_help in ['often', 'sometimes']"
    show_if: "neighbourhood.safety <= 2"

Grammar (keywords are lower case; strings in single or double quotes):

    condition  := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | comparison
    comparison := operand (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in") operand)?
    operand    := reference | STRING | NUMBER | "[" literal ("," literal)* "]"
                | "answered" "(" reference ")" | "(" condition ")"
    reference  := QUESTION_ID ("." ROW_OR_OPTION_ID)?

A reference is the answer to an earlier question: an option id for single choice, a list of option
ids for multiple choice, approval and ranking, a number for scale and number questions. `q.row` is one
row of a matrix, one statement's stance, or the dots on one option. A question that was not answered
compares false with everything; `answered(q)` tests for that explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Union


class ConditionSyntaxError(ValueError):
    """A condition that does not parse; `position` is the character offset in the condition."""

    def __init__(self, message: str, position: int):
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class Reference:
    question: str
    part: str | None = None  # matrix row, statement id or dots option

    def __str__(self) -> str:
        return self.question if self.part is None else f"{self.question}.{self.part}"


@dataclass(frozen=True)
class Literal:
    value: Any  # str, int, float or a tuple of them


@dataclass(frozen=True)
class Answered:
    reference: Reference


@dataclass(frozen=True)
class Compare:
    left: "Node"
    operator: str
    right: "Node"


@dataclass(frozen=True)
class Not:
    operand: "Node"


@dataclass(frozen=True)
class BoolOp:
    operator: str  # "and" or "or"
    operands: tuple["Node", ...]


Node = Union[Reference, Literal, Answered, Compare, Not, BoolOp]


@dataclass(frozen=True)
class Condition:
    """A parsed condition with its source text."""

    source: str
    tree: Node

    def references(self) -> tuple[Reference, ...]:
        return tuple(_references(self.tree))

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return bool(_evaluate(self.tree, answers))

    def __str__(self) -> str:
        return self.source


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<number>-?\d+(?:\.\d+)?)
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "answered"}


def _tokenize(source: str) -> list[tuple[str, str, int]]:
    tokens = []
    position = 0
    while position < len(source):
        if source[position:].strip() == "":
            break
        match = _TOKEN.match(source, position)
        if not match:
            offset = len(source) - len(source[position:].lstrip())
            raise ConditionSyntaxError(f"unexpected character {source[offset]!r}", offset)
        kind = match.lastgroup
        text = match.group(kind)
        start = match.start(kind)
        if kind == "name" and text in _KEYWORDS:
            kind = "keyword"
        tokens.append((kind, text, start))
        position = match.end()
    tokens.append(("end", "", len(source)))
    return tokens


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens = _tokenize(source)
        self.index = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.index]

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept(self, text: str) -> bool:
        if self.peek()[1] == text and self.peek()[0] in ("keyword", "op"):
            self.index += 1
            return True
        return False

    def expect(self, text: str) -> None:
        kind, found, position = self.peek()
        if not self.accept(text):
            raise ConditionSyntaxError(f"expected {text!r}, found {_describe(kind, found)}", position)

    def parse(self) -> Node:
        tree = self.parse_or()
        kind, found, position = self.peek()
        if kind != "end":
            raise ConditionSyntaxError(f"expected the end of the condition, found {_describe(kind, found)}", position)
        return tree

    def parse_or(self) -> Node:
        operands = [self.parse_and()]
        while self.accept("or"):
            operands.append(self.parse_and())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def parse_and(self) -> Node:
        operands = [self.parse_not()]
        while self.accept("and"):
            operands.append(self.parse_not())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def parse_not(self) -> Node:
        if self.accept("not"):
            return Not(self.parse_not())
        return self.parse_comparison()

    def parse_comparison(self) -> Node:
        left = self.parse_operand()
        kind, text, _ = self.peek()
        if kind == "op" and text in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            return Compare(left, text, self.parse_operand())
        if self.accept("in"):
            return Compare(left, "in", self.parse_operand())
        if kind == "keyword" and text == "not" and self.tokens[self.index + 1][1] == "in":
            self.index += 2
            return Compare(left, "not in", self.parse_operand())
        return left

    def parse_operand(self) -> Node:
        kind, text, position = self.take()
        if kind == "number":
            return Literal(float(text) if "." in text else int(text))
        if kind == "string":
            return Literal(text[1:-1])
        if kind == "name":
            return _reference(text)
        if kind == "keyword" and text == "answered":
            self.expect("(")
            ref_kind, ref_text, ref_position = self.take()
            if ref_kind != "name":
                raise ConditionSyntaxError(
                    f"expected a question id inside answered(), found {_describe(ref_kind, ref_text)}", ref_position
                )
            self.expect(")")
            return Answered(_reference(ref_text))
        if kind == "op" and text == "(":
            inner = self.parse_or()
            self.expect(")")
            return inner
        if kind == "op" and text == "[":
            values = [self.parse_literal()]
            while self.accept(","):
                values.append(self.parse_literal())
            self.expect("]")
            return Literal(tuple(values))
        raise ConditionSyntaxError(f"expected a question id, a value or '(', found {_describe(kind, text)}", position)

    def parse_literal(self) -> Any:
        kind, text, position = self.take()
        if kind == "number":
            return float(text) if "." in text else int(text)
        if kind == "string":
            return text[1:-1]
        raise ConditionSyntaxError(f"expected a quoted value or a number in the list, found {_describe(kind, text)}", position)


def _describe(kind: str, text: str) -> str:
    return "the end" if kind == "end" else repr(text)


def _reference(text: str) -> Reference:
    question, _, part = text.partition(".")
    return Reference(question, part or None)


def parse_condition(source: str) -> Condition:
    """Parse `source`; raises ConditionSyntaxError naming the position of the problem."""
    if not source.strip():
        raise ConditionSyntaxError("the condition is empty", 0)
    return Condition(source, _Parser(source).parse())


def _references(node: Node):
    if isinstance(node, Reference):
        yield node
    elif isinstance(node, Answered):
        yield node.reference
    elif isinstance(node, Compare):
        yield from _references(node.left)
        yield from _references(node.right)
    elif isinstance(node, Not):
        yield from _references(node.operand)
    elif isinstance(node, BoolOp):
        for operand in node.operands:
            yield from _references(operand)


_MISSING = object()


def _value(node: Node, answers: Mapping[str, Any]) -> Any:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Reference):
        answer = answers.get(node.question, _MISSING)
        if node.part is None or answer is _MISSING:
            return answer
        if isinstance(answer, Mapping):
            return answer.get(node.part, _MISSING)
        return _MISSING
    return _evaluate(node, answers)


def _evaluate(node: Node, answers: Mapping[str, Any]) -> Any:
    if isinstance(node, BoolOp):
        results = (_evaluate(operand, answers) for operand in node.operands)
        return all(results) if node.operator == "and" else any(results)
    if isinstance(node, Not):
        return not _evaluate(node.operand, answers)
    if isinstance(node, Answered):
        return _value(node.reference, answers) not in (_MISSING, None, "", [], (), {})
    if isinstance(node, Compare):
        return _compare(_value(node.left, answers), node.operator, _value(node.right, answers))
    value = _value(node, answers)
    return value not in (_MISSING, None, "", [], (), {}) and bool(value)


def _compare(left: Any, operator: str, right: Any) -> bool:
    if left is _MISSING or right is _MISSING or left is None or right is None:
        return False
    if operator in ("in", "not in"):
        if isinstance(right, (list, tuple, set, frozenset, dict)):
            found = left in right
        else:
            return False
        return found if operator == "in" else not found
    try:
        if operator == "==":
            return left == right
        if operator == "!=":
            return left != right
        if operator == "<":
            return left < right
        if operator == "<=":
            return left <= right
        if operator == ">":
            return left > right
        return left >= right
    except TypeError:
        return False
