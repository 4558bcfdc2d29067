"""The wide export: one row per submission, one column per variable (see `variables.py`).

| kind                      | columns                                   | cell                                        |
| ------------------------- | ----------------------------------------- | ------------------------------------------- |
| single_choice             | `<qid>`                                   | option id                                   |
| scale                     | `<qid>`                                   | point value                                 |
| number                    | `<qid>`                                   | the number (integer or float column)        |
| short_text, long_text     | `<qid>`                                   | the text                                    |
| multiple_choice, approval | `<qid>.<option>` per option               | 1 chosen, 0 not chosen                      |
| ranking                   | `<qid>.<option>` per option               | its rank 1..k; empty when not ranked        |
| dots                      | `<qid>.<option>` per option               | its dots (0: answered, none on it)          |
| matrix                    | `<qid>.<row>` per row                     | point value; empty when the row was skipped |
| statements                | `<qid>.<statement>` per statement         | agree / disagree / pass                     |
| proposal                  | `<qid>.title`, `<qid>.text`, `<qid>.category` | the texts and the category id           |

A question that was not answered (skipped, or not shown) is empty (<NA>) in all of its columns: an
unanswered approval question is not the same as "approved of nothing". Info questions have no
columns. Columns follow the consultation's order after the metadata columns (submission_id,
session_id, language, channel, submitted_at in UTC).
"""

from __future__ import annotations

from typing import Any, Iterable

from forum_toolkit.consultation.model import Consultation
from forum_toolkit.export.optional import require
from forum_toolkit.export.tidy import typed_frame
from forum_toolkit.export.variables import META_COLUMNS, read_submission, variables


def wide_answers(consultation: Consultation, submissions: Iterable[Any]):
    """One row per submission and one column per variable (see the module's table); a DataFrame."""
    pd = require("pandas")
    columns = variables(consultation)
    records = []
    for submission in submissions:
        meta, answers = read_submission(submission)
        records.append((*meta, *(variable.cell(answers) for variable in columns)))
    names = (*META_COLUMNS, *(v.name for v in columns))
    return typed_frame(pd, records, names, {v.name: v.dtype for v in columns})
