"""How a count went, in plain words and small tables, for the agenda document.

`explain(agenda, language)` turns the count's result into `Block`s: sentences (the method, the
ballots, the tie-break rule and each time it was used) and tables (scores, the head-to-head table,
rounds). Proposals are named by their title in the document's language. Text only: the document
escapes everything when it lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from forum_toolkit.agenda.model import Agenda
from forum_toolkit.agenda.words import method_explanation, word
from forum_toolkit.voting import REGISTRY

# The names of the steps' tables and numbers: German, else the step's own (English) name.
STEP_NAMES_DE = {
    "scores": "Stimmen", "approvals": "Unterstützende", "worst defeat": "größte Niederlage", "median grade": "mittlere Bewertung (Median)",
    "gauge": "Feinwert bei gleichem Median", "scored by": "bewertet von", "last places": "letzte Plätze", "grades": "Bewertungen",
    "ballots": "Stimmzettel", "empty ballots": "leere Stimmzettel", "points for first place": "Punkte für Platz 1",
    "skipped counts as": "nicht bewertet zählt als", "ungraded counts as": "nicht bewertet zählt als", "quota": "Quote",
    "valid ballots": "gültige Stimmzettel", "seats": "Plätze", "budget per person": "Budget pro Person",
    "condorcet winner": "schlägt alle anderen im direkten Vergleich", "strongest paths": "stärkste Ketten",
    "completed by approvals": "aufgefüllt nach Unterstützung", "pairs in order": "Paare, größter Abstand zuerst",
}


@dataclass(frozen=True)
class Block:
    """A sentence (`rows` empty) or a table: `text` is its caption, `header` and `rows` its cells."""

    text: str
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def number(value: Any) -> str:
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{float(value):.2f}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return "–" if value is None else str(value)


def step_name(key: str, language: str) -> str:
    return STEP_NAMES_DE.get(key, key) if language == "de" else key


def explain(agenda: Agenda, language: str) -> list[Block]:
    """The method, the count and its steps as blocks in `language` (see the module's docstring)."""
    result = agenda.result
    method = REGISTRY[result.method]
    name = lambda option: agenda.candidate(option).title(language)  # noqa: E731
    blocks = [
        Block(method_explanation(method.name, method.summary, language)),
        Block(word("count_line", language, method=method.title, ballots=agenda.ballots, seats=result.seats)),
    ]
    policy = result.tie_break.policy
    blocks.append(Block(word("tie_break_earliest", language) if policy == "earliest" else word("tie_break_seed", language, seed=policy.split(":", 1)[1])))
    if not result.tie_break.uses:
        blocks.append(Block(word("tie_break_unused", language)))
    for use in result.tie_break.uses:
        tied = ", ".join(name(c) for c in use.tied)
        chosen = ", ".join(name(c) for c in use.chosen)
        blocks.append(Block(word("tie_break_used", language, at=use.at, tied=tied, chosen=chosen)))
    blocks += _steps(agenda, language, name)
    return blocks


def _steps(agenda: Agenda, language: str, name) -> list[Block]:
    steps = agenda.result.steps
    candidates = list(steps.get("candidates", [c.option_id for c in agenda.candidates]))
    blocks: list[Block] = []
    scalars = [(k, v) for k, v in steps.items() if not isinstance(v, (dict, list, tuple)) and k != "candidates"]
    per_candidate = [k for k, v in steps.items() if isinstance(v, dict) and v and all(not isinstance(x, (list, dict)) for x in v.values())]
    if per_candidate:
        shown = [c for c in candidates if any(c in steps[k] for k in per_candidate)]
        header = (word("proposal", language), *(step_name(k, language) for k in per_candidate))
        rows = tuple((name(c), *(number(steps[k].get(c)) for k in per_candidate)) for c in shown)
        blocks.append(Block("", header, rows))
    if isinstance(steps.get("grades"), dict):
        grades = sorted({int(g) for counts in steps["grades"].values() for g in counts}, reverse=True)
        header = (word("proposal", language), *(str(g) for g in grades))
        rows = tuple((name(c), *(number(counts.get(str(g), counts.get(g, 0))) for g in grades)) for c, counts in steps["grades"].items())
        blocks.append(Block(step_name("grades", language), header, rows))
    for key in ("pairwise", "strongest paths"):
        if key in steps:
            caption = word("pairwise", language) if key == "pairwise" else step_name(key, language)
            header = ("", *(str(n) for n in range(1, len(candidates) + 1)))
            rows = tuple((f"{n}. {name(c)}", *(number(v) for v in steps[key][c])) for n, c in enumerate(candidates, start=1))
            blocks.append(Block(caption, header, rows))
    for pair in steps.get("pairs in order", []):
        state = "✓" if pair["locked"] else "✗"
        blocks.append(Block(f"{state} {name(pair['pair'][0])} > {name(pair['pair'][1])} ({pair['margin']})"))
    for step in steps.get("rounds", []):
        blocks.append(Block(_round(step, language, name)))
    for key, value in scalars:
        if key in ("condorcet winner",):
            if value is not None:
                blocks.append(Block(f"{step_name(key, language)}: {name(value)}"))
            continue
        blocks.append(Block(f"{step_name(key, language)}: {number(value)}"))
    if steps.get("completed by approvals"):
        blocks.append(Block(f"{step_name('completed by approvals', language)}: {', '.join(name(c) for c in steps['completed by approvals'])}"))
    return blocks


def _round(step: dict, language: str, name) -> str:
    parts = [word("round", language, n=step["round"])]
    votes = step.get("votes") or step.get("cost per supporter") or {}
    if votes:
        parts.append(", ".join(f"{name(c)} {number(v)}" for c, v in votes.items()))
    if step.get("exhausted"):
        parts.append(word("exhausted", language, n=number(step["exhausted"])))
    if "eliminated" in step:
        parts.append(word("eliminated", language, name=name(step["eliminated"])))
    if "elected" in step:
        elected = step["elected"] if isinstance(step["elected"], list) else [step["elected"]]
        parts.append(word("elected", language, name=", ".join(name(c) for c in elected)))
    return "; ".join(parts)
