"""The codebook: what every wide column and every code in it means, in every language.

One row per variable with an empty `value`, labelled with the question text (and the option, row,
statement or proposal field it is about: ``How old are you?: under 30``), then one row per code
the variable can hold:

| kind                      | codes                                              |
| ------------------------- | -------------------------------------------------- |
| single_choice             | the option ids, labelled with the options          |
| scale, matrix rows        | the point values, labelled with the points         |
| multiple_choice, approval | "1" chosen, "0" not chosen                         |
| statements                | agree, disagree, pass                              |
| proposal category         | the category ids, labelled with the categories     |
| ranking, dots, number, texts, proposal title/text | none: the value is a rank, a count, a number or text |

Columns: variable, question_id, kind, value, then `label_<code>` for each language of the
consultation in its order (`label_de`, `label_ar`, ...). A label that had to fall back to another
language is written ``[de] ...`` so that the missing translation shows.
"""

from __future__ import annotations

from forum_toolkit.consultation.model import (
    Approval,
    Consultation,
    Matrix,
    MultipleChoice,
    Proposal,
    Scale,
    SingleChoice,
    Statements,
    Text,
)
from forum_toolkit.export.labels import CHOSEN_LABELS, STANCE_LABELS, joined_label, label
from forum_toolkit.export.optional import require
from forum_toolkit.export.tidy import code
from forum_toolkit.export.variables import Variable, variables


def codebook(consultation: Consultation):
    """One row per wide variable and per code of it, labelled in every language; a DataFrame."""
    pd = require("pandas")
    languages = consultation.language_codes
    fallbacks = consultation.fallbacks()
    columns = ["variable", "question_id", "kind", "value", *(f"label_{lang}" for lang in languages)]
    records = []
    for variable in variables(consultation):
        question = variable.question
        head = (variable.name, question.id, question.kind.value)
        if variable.part_label is None:
            described = [label(question.text, lang, fallbacks) for lang in languages]
        else:
            described = [joined_label(question.text, variable.part_label, lang, fallbacks) for lang in languages]
        records.append((*head, "", *described))
        for value, text in _codes(variable):
            records.append((*head, value, *(label(text, lang, fallbacks) for lang in languages)))
    return pd.DataFrame.from_records(records, columns=columns).astype("string")


def codebook_in(consultation: Consultation, language: str):
    """The codebook in one language: variable, question_id, kind, value, label (for a colleague
    who reads that language; the SPSS file's value numbers are the codes' order, 1..k)."""
    if language not in consultation.language_codes:
        raise ValueError(f"language {language!r}: expected one of the consultation's languages ({', '.join(consultation.language_codes)})")
    frame = codebook(consultation)
    return frame[["variable", "question_id", "kind", "value", f"label_{language}"]].rename(columns={f"label_{language}": "label"})


def _codes(variable: Variable) -> list[tuple[str, Text]]:
    """The codes a variable can hold, each with its label."""
    question = variable.question
    if isinstance(question, SingleChoice):
        return [(o.id, o.label) for o in question.options]
    if isinstance(question, (Scale, Matrix)):
        return [(code(p.value), p.label) for p in question.points]
    if isinstance(question, (MultipleChoice, Approval)):
        return list(CHOSEN_LABELS.items())
    if isinstance(question, Statements):
        return list(STANCE_LABELS.items())
    if isinstance(question, Proposal) and variable.part == "category":
        return [(c.id, c.label) for c in question.categories]
    return []
