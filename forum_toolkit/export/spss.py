"""SPSS .sav files: the wide table with variable labels and value labels in one language.

    write_sav(consultation, submissions, "out/forum.sav", language="de")

SPSS works best with numbers: single choice answers, statements (agree 1, disagree 2, pass 3) and
proposal categories become whole numbers 1..k in the consultation's order, each with its label as a
value label (``1 = unter 18 Jahre``); the option ids are in the codebook. Scales, matrices,
rankings, dots, numbers and 0/1 choices keep their numbers (points and 0/1 labelled). Texts stay
text. Variable names are the wide table's (`town_life.safety`); every variable is labelled with the
question (and option, row or statement) in `language`. submitted_at is stored in UTC.

pyreadstat (the `analysis` extra) writes the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from forum_toolkit.consultation.model import Consultation, Proposal, SingleChoice, Statements
from forum_toolkit.export.codebook import _codes
from forum_toolkit.export.labels import joined_label, label
from forum_toolkit.export.optional import require
from forum_toolkit.export.variables import variables
from forum_toolkit.export.wide import wide_answers


def write_sav(consultation: Consultation, submissions: Iterable[Any], path: str | Path, language: str | None = None) -> Path:
    """Write the wide table of `submissions` as an SPSS file at `path`; the path written."""
    pyreadstat = require("pyreadstat")
    pd = require("pandas")
    language = language or consultation.default_language
    fallbacks = consultation.fallbacks()
    frame = wide_answers(consultation, list(submissions))
    frame["submitted_at"] = frame["submitted_at"].dt.tz_convert("UTC").dt.tz_localize(None)
    column_labels = {"submission_id": "submission", "session_id": "session", "language": "language", "channel": "channel", "submitted_at": "submitted at (UTC)"}
    value_labels: dict[str, dict] = {}
    for variable in variables(consultation):
        question = variable.question
        column_labels[variable.name] = (
            label(question.text, language, fallbacks) if variable.part_label is None
            else joined_label(question.text, variable.part_label, language, fallbacks)
        )
        codes = _codes(variable)
        if not codes:
            continue
        numbered = isinstance(question, (SingleChoice, Statements)) or (isinstance(question, Proposal) and variable.part == "category")
        if numbered:
            numbers = {code: number for number, (code, _) in enumerate(codes, start=1)}
            frame[variable.name] = frame[variable.name].map(numbers, na_action="ignore").astype("Float64")
            value_labels[variable.name] = {float(numbers[code]): label(text, language, fallbacks) for code, text in codes}
        else:
            value_labels[variable.name] = {float(code): label(text, language, fallbacks) for code, text in codes}
    for column in frame.columns:
        if str(frame[column].dtype) in ("Int64", "Float64"):
            frame[column] = frame[column].astype("float64")
        elif str(frame[column].dtype) == "string":
            frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pyreadstat.write_sav(
        pd.DataFrame(frame), str(path), column_labels=[column_labels.get(c, c) for c in frame.columns],
        variable_value_labels=value_labels,
    )
    return path
