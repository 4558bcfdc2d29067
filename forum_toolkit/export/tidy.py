"""The tidy export: one row per answer element, ready for pandas' groupby and pivot.

Every row has the submission's metadata (submission_id, session_id, language, channel,
submitted_at in UTC), where the answer belongs (page_id, question_id, kind) and what it was:

| kind                      | rows                          | item          | value         | value_label  | rank | dots |
| ------------------------- | ----------------------------- | ------------- | ------------- | ------------ | ---- | ---- |
| single_choice             | 1                             | ""            | option id     | option label |      |      |
| multiple_choice, approval | 1 per chosen option           | option id     | option id     | option label |      |      |
| ranking                   | 1 per ranked option           | "1" .. "k"    | option id     | option label | 1..k |      |
| dots                      | 1 per option with dots > 0    | option id     | option id     | option label |      | n    |
| scale                     | 1                             | ""            | point value   | point label  |      |      |
| matrix                    | 1 per answered row            | row id        | point value   | point label  |      |      |
| statements                | 1 per statement reacted to    | statement id  | agree, disagree, pass | stance label | |  |
| number                    | 1                             | ""            | the number    | ""           |      |      |
| short_text, long_text     | 1                             | ""            | the text      | ""           |      |      |
| proposal                  | 1 per part: title, text, category | part name | text, category id | category label or "" | | |

Chosen options, dots, matrix rows and statements follow the consultation's order, whatever order
was stored; ranked options follow their rank. An empty proposal text has no row.

`value` is always text (numbers as "3" or "12.5": `pd.to_numeric` them for scale and number rows),
so that one column keeps one type through CSV, Parquet and Excel. `rank` and `dots` are nullable
integers. Labels are in `language`; a label that fell back to another language is written
``[de] unter 30`` so that a missing translation shows. Questions that were not answered have no rows;
info questions never have any.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional

from forum_toolkit.consultation.model import (
    Approval,
    Consultation,
    Dots,
    Matrix,
    MultipleChoice,
    Proposal,
    Question,
    Ranking,
    Scale,
    SingleChoice,
    Statements,
)
from forum_toolkit.export.labels import STANCE_LABELS, label
from forum_toolkit.export.optional import require
from forum_toolkit.export.variables import META_COLUMNS, read_submission

TIDY_COLUMNS = (*META_COLUMNS, "page_id", "question_id", "kind", "item", "value", "value_label", "rank", "dots")

# (item, value, value_label, rank, dots) for one answer element.
Element = tuple[str, str, str, Optional[int], Optional[int]]


def tidy_answers(consultation: Consultation, submissions: Iterable[Any], language: str = "de"):
    """One row per answer element of every submission (see the module's table); a DataFrame."""
    pd = require("pandas")
    fallbacks = consultation.fallbacks()
    page_of = {q.id: page.id for page in consultation.pages for q in page.questions}
    records = []
    for submission in submissions:
        meta, answers = read_submission(submission)
        for question in consultation.questions:
            answer = answers.get(question.id)
            if answer is None or not question.takes_answer:
                continue
            for element in _elements(question, answer, language, fallbacks):
                records.append((*meta, page_of[question.id], question.id, question.kind.value, *element))
    return typed_frame(pd, records, TIDY_COLUMNS, {"rank": "Int64", "dots": "Int64"})


def typed_frame(pd, records: list[tuple], columns: tuple[str, ...], dtypes: dict[str, str]):
    """A DataFrame of `records` whose columns are text unless `dtypes` says otherwise.

    submitted_at becomes a UTC timestamp column (naive datetimes are taken to be UTC already).
    """
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    frame = frame.astype({name: dtypes.get(name, "string") for name in columns if name != "submitted_at"})
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], utc=True)
    return frame


def code(value: Any) -> str:
    """A point value or number as text: 3 -> "3", 12.0 -> "12", 12.5 -> "12.5"; text stays text."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    return str(int(value))


def _elements(question: Question, answer: Any, language: str, fallbacks: tuple[str, ...]) -> Iterator[Element]:
    def option_label(options, option_id: str) -> str:
        match = [o.label for o in options if o.id == option_id]
        return label(match[0], language, fallbacks) if match else ""

    def point_label(value: Any) -> str:
        match = [p.label for p in question.points if p.value == value]
        return label(match[0], language, fallbacks) if match else ""

    if isinstance(question, SingleChoice):
        yield "", answer, option_label(question.options, answer), None, None
    elif isinstance(question, (MultipleChoice, Approval)):
        for option in question.options:  # the consultation's order, not the order stored
            if option.id in answer:
                yield option.id, option.id, label(option.label, language, fallbacks), None, None
    elif isinstance(question, Ranking):
        for rank, option_id in enumerate(answer, start=1):
            yield str(rank), option_id, option_label(question.options, option_id), rank, None
    elif isinstance(question, Dots):
        for option in question.options:
            if answer.get(option.id, 0) > 0:
                yield option.id, option.id, label(option.label, language, fallbacks), None, answer[option.id]
    elif isinstance(question, Scale):
        yield "", code(answer), point_label(answer), None, None
    elif isinstance(question, Matrix):
        for row in question.rows:
            if row.id in answer:
                yield row.id, code(answer[row.id]), point_label(answer[row.id]), None, None
    elif isinstance(question, Statements):
        for statement in question.statements:
            if statement.id in answer:
                stance = answer[statement.id]
                yield statement.id, stance, label(STANCE_LABELS[stance], language, fallbacks), None, None
    elif isinstance(question, Proposal):
        for part in ("title", "text", "category"):
            if answer.get(part) not in (None, ""):
                shown = option_label(question.categories, answer[part]) if part == "category" else ""
                yield part, answer[part], shown, None, None
    else:  # number, short_text, long_text
        yield "", code(answer), "", None, None

