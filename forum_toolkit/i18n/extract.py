"""Finding every interface string in the code, by reading it (with `ast`), not by running it.

A string is an interface string when it is a literal passed as the first argument of

    wording.ui("Next")                                       # any object's .ui(...), or ui(...)
    wording.ui_plural("{count} dot left", "{count} dots left", n)   # singular and plural
    N_("Agree")  /  N_plural("{count} dot left", "{count} dots left")

Calls whose text is built at run time (an f-string, ``"a" + b``, ``"%s" % x``) can never match a
catalog entry: they are reported as `Unextractable` so the code can be fixed. A plain name
(``wording.ui(label)``) is fine when `label` was marked with `N_` where it was defined. A local
alias counts too: after ``ui = self.wording.ui``, ``ui("Title")`` is found.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent.parent  # forum_toolkit/

_MARKERS = {"ui": 1, "ui_plural": 2, "N_": 1, "N_plural": 2}  # name: how many leading args are text


@dataclass(frozen=True)
class Message:
    """One interface string and where the code uses it (``forum_toolkit/widgets/dots.py:41``)."""

    msgid: str
    plural: str | None
    places: tuple[str, ...]


@dataclass(frozen=True)
class Unextractable:
    """A marked call whose text is not a literal, or a msgid used in two incompatible ways."""

    place: str
    why: str

    def __str__(self) -> str:
        return f"{self.place}: {self.why}"


def _marker_name(call: ast.Call) -> str | None:
    """The marker a call uses, also through a local alias such as ``ui = self.wording.ui``."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in _MARKERS:
        return func.attr
    if isinstance(func, ast.Name) and func.id in _MARKERS:
        return func.id
    return None


def _calls_in(path: Path, root: Path):
    """(place, marker name, text arguments) of every marked call in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = path.relative_to(root.parent).as_posix()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := _marker_name(node)) is not None:
            count = _MARKERS[name]
            yield f"{relative}:{node.lineno}", name, node.args[:count]


def extract(root: Path = PACKAGE_DIR) -> tuple[list[Message], list[Unextractable]]:
    """Every interface string under `root` (a package directory), sorted by msgid, and the problems."""
    found: dict[str, tuple[str | None, list[str]]] = {}
    problems: list[Unextractable] = []
    for path in sorted(root.rglob("*.py")):
        for place, name, args in _calls_in(path, root):
            if len(args) < _MARKERS[name]:
                if name.startswith("N_") or args:
                    problems.append(Unextractable(place, f"{name}() needs {_MARKERS[name]} text argument(s)"))
                continue
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args]
            if not all(literal):
                if any(isinstance(a, (ast.JoinedStr, ast.BinOp)) for a in args) or name.startswith("N_"):
                    problems.append(Unextractable(
                        place, f"{name}() is not given a literal string; give one with "
                        "{placeholders} and pass the values as keyword arguments"))
                continue  # a variable: marked with N_ where it was defined
            msgid, plural = args[0].value, (args[1].value if len(args) > 1 else None)
            if msgid == "":
                problems.append(Unextractable(place, f"{name}() is given an empty string"))
                continue
            earlier_plural, places = found.setdefault(msgid, (plural, []))
            if earlier_plural != plural:
                problems.append(Unextractable(
                    place, f"{msgid!r} is used with plural {plural!r} here and {earlier_plural!r} at {places[0]}"))
                continue
            places.append(place)
    messages = [Message(msgid, plural, tuple(sorted(places, key=_place_order))) for msgid, (plural, places) in sorted(found.items())]
    return messages, problems


def _place_order(place: str) -> tuple[str, int]:
    path, _, line = place.rpartition(":")
    return path, int(line)


def ui_strings(root: Path = PACKAGE_DIR) -> tuple[str, ...]:
    """Every msgid the code uses, sorted (a counted string is listed by its singular msgid)."""
    return tuple(message.msgid for message in extract(root)[0])
