"""Reading a consultation's YAML while remembering where each value stood, for file:line messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

Path = tuple[Any, ...]  # e.g. ("pages", 0, "questions", 3, "options")


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class YamlDocument:
    """Plain Python data (dicts, lists, str, int, float, bool) plus the parsed tree for line numbers."""

    data: Any
    tree: Any

    def line_of(self, path: Path) -> int | None:
        """The 1-based line of the value at `path`, or of the nearest enclosing value that exists."""
        node = self.tree
        line = _start_line(node)
        for step in path:
            if isinstance(node, CommentedMap) and step in node:
                line = node.lc.key(step)[0] + 1
                node = node[step]
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
                line = node.lc.item(step)[0] + 1
                node = node[step]
            else:
                break
        return line


def _start_line(node: Any) -> int | None:
    if isinstance(node, (CommentedMap, CommentedSeq)):
        return node.lc.line + 1
    return 1


def read_yaml(text: str) -> YamlDocument:
    """Parse `text`; raises YamlSyntaxError with a 1-based line for syntax errors and duplicate keys."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and "end of stream" in (error.problem or ""):
            mark = error.context_mark  # where the unclosed quote or bracket was opened
        line = mark.line + 1 if mark is not None else None
        raise YamlSyntaxError(f"YAML syntax error: {_explain(error)}", line) from None
    except YAMLError as error:
        raise YamlSyntaxError(f"YAML syntax error: {error}", None) from None
    return YamlDocument(_plain(tree), tree)


def _explain(error: MarkedYAMLError) -> str:
    problem = error.problem or "the file is not valid YAML"
    duplicate = re.match(r'found duplicate key "([^"]*)"', problem)
    if duplicate:
        return f"the key {duplicate.group(1)!r} appears twice in the same mapping"
    if "end of stream" in problem and error.context:
        return f"{error.context.replace('while scanning a ', 'a ').replace('quoted scalar', 'quoted text')} starts here and is never closed"
    if "block" in problem or "mapping values are not allowed" in problem:
        return f"{problem}; check the indentation of this line and the lines above it"
    if error.context:
        return f"{problem} {error.context}"
    return problem


def _plain(node: Any) -> Any:
    """Copy ruamel's round-trip types into plain Python types (bool before int: bool is an int)."""
    if isinstance(node, dict):
        return {_plain(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node
