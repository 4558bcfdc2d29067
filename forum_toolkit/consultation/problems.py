"""Problems found in a consultation file, each naming file, line, field path, expectation and finding."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Iterable

from forum_toolkit.errors import ForumToolkitError

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    source: str
    line: int | None
    path: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        field = f" {self.path}:" if self.path else ""
        prefix = "warning: " if self.severity == WARNING else ""
        return f"{where}:{field} {prefix}{self.message}"


class InvalidConsultation(ForumToolkitError):
    """A consultation file with errors; `problems` lists every one of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(path: Iterable[Any]) -> str:
    """("pages", 0, "questions", 3, "options") -> "pages[0].questions[3].options"."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint like "; did you mean 'options'?" or "" when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def describe(value: Any) -> str:
    """How a found value is named in a message: `a number (12)`, `text ('abc')`, `a list`."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ({shown!r})"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
