"""The tidy and wide frames built column by column, for 50,000 ballots in a second or two.

The export (`forum_toolkit.export.tidy_answers`, `wide_answers`) builds its rows one answer at a
time, which is clear and right for files; for analysis that is most of the time of a big forum. Here
the same frames are built from one list per question (each question's answer on every ballot):

- wide: one column per variable (see `export/variables.py`), filled by one comprehension each and
  given the export's dtypes, so the wide frame is the export's;
- tidy: every kind of element (a chosen option, a matrix row, a statement, ...) of every question
  is one *source*: the ballots that have it (read off the wide column with numpy), and its item,
  value and labels. Sources are joined and put in the export's order (ballot, then question, then
  the element's place) by one sort. Labels are looked up once per distinct value, not per answer.

The tidy frame holds the same values as the export's plus the analysis columns (see frames.py), but
its repeated texts are categoricals (consultation, session, language, channel, page, question, kind,
texts, items, values, labels, group answers): a tenth of the memory, and comparisons and groupings on
integer codes. `submission_id` stays text. tests/test_analysis_frames.py checks that the frames equal
the ones built through the export on the demo data.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

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
from forum_toolkit.export.tidy import code
from forum_toolkit.export.variables import META_COLUMNS, Variable, read_submission, variables

CATEGORICAL = ("consultation_id", "session_id", "language", "channel", "page_id", "question_id", "kind", "question_text",
               "item", "item_label", "value", "value_label")  # fmt: skip


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector paused while the frames are built: they make millions of small
    objects and no cycles, and each collection would walk every ballot's answers again (at 50,000
    ballots it took more time than the building itself)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Source:
    """One kind of element of one question: the ballots that have it, and what it says.

    A text field is one text for every row of the source, or an array of one per row."""

    question: int  # the question's place in the consultation
    positions: np.ndarray  # ballots, as rows of the wide frame (over every session)
    place: int | np.ndarray  # the element's place within the question's answer
    item: str | np.ndarray
    value: str | np.ndarray
    value_label: str | np.ndarray
    rank: np.ndarray | None = None
    dots: np.ndarray | None = None


@dataclass
class Session:
    """One session's ballots: the wide frame and the sources of its tidy rows."""

    consultation: Consultation
    wide: pd.DataFrame
    sources: list[Source]
    question_ids: tuple[str, ...]  # by place in the consultation


def session_frames(consultation: Consultation, submissions: Sequence[Any], language: str, offset: int) -> Session:
    """The wide frame of one session's ballots and its tidy sources; `offset`: ballots before it."""
    read = [read_submission(s) for s in submissions]
    answers = [a for _, a in read]
    meta = list(zip(*(m for m, _ in read))) if read else [() for _ in META_COLUMNS]
    by_question = {q.id: [a.get(q.id) for a in answers] for q in consultation.questions if q.takes_answer}
    columns: dict[str, pd.Series] = {}
    for name, values in zip(META_COLUMNS, meta):
        column = pd.Series(list(values), dtype=object)
        columns[name] = pd.to_datetime(column, utc=True) if name == "submitted_at" else column.astype("string")
    cells: dict[str, np.ndarray] = {}
    for variable in variables(consultation):
        cells[variable.name] = _objects(_cells(variable, by_question[variable.question.id]))
        columns[variable.name] = pd.Series(cells[variable.name], dtype=object).astype(variable.dtype)
    wide = pd.DataFrame(columns, columns=[*META_COLUMNS, *cells])
    if not read:
        wide = wide.astype({"submitted_at": "datetime64[us, UTC]"})
    fallbacks = consultation.fallbacks()
    sources = []
    for place, question in enumerate(consultation.questions):
        if question.takes_answer:
            found = _sources(question, place, cells, by_question[question.id], language, fallbacks)
            sources += [replace(source, positions=source.positions + offset) for source in found]
    return Session(consultation, wide, sources, tuple(q.id for q in consultation.questions))


def tidy_frame(sessions: Sequence[Session], wide: pd.DataFrame, groups: Sequence[str], language: str) -> pd.DataFrame:
    """The tidy frame of every session's sources, in the export's order, with the analysis columns."""
    sources = [(number, source) for number, session in enumerate(sessions) for source in session.sources]
    lengths = np.array([len(s.positions) for _, s in sources], dtype=np.int64)
    positions = _join([s.positions for _, s in sources])
    questions = np.repeat(np.array([s.question for _, s in sources], dtype=np.int64), lengths)
    places = _join([np.broadcast_to(np.asarray(s.place, dtype=np.int64), len(s.positions)) for _, s in sources])
    order = np.lexsort((places, questions, positions))  # ballot, question, element
    positions = positions[order]

    def texts(parts: list) -> pd.Categorical:
        return _text_column(parts, lengths, order)

    ids = [sessions[n].question_ids[s.question] for n, s in sources]
    questions_of = [{q.id: q for q in session.consultation.questions} for session in sessions]
    page_of = [{q.id: page.id for page in session.consultation.pages for q in page.questions} for session in sessions]
    fallbacks = [session.consultation.fallbacks() for session in sessions]
    part_labels = [_part_labels(session.consultation, language) for session in sessions]
    frame: dict[str, Any] = {"submission_id": wide["submission_id"].array.take(positions)}
    frame["consultation_id"] = texts([sessions[n].consultation.id for n, _ in sources])
    for name in ("session_id", "language", "channel"):
        frame[name] = _taken(wide[name], positions)
    frame["submitted_at"] = wide["submitted_at"].array.take(positions)
    frame["page_id"] = texts([page_of[n][qid] for (n, _), qid in zip(sources, ids)])
    frame["question_id"] = texts(ids)
    frame["kind"] = texts([questions_of[n][qid].kind.value for (n, _), qid in zip(sources, ids)])
    frame["question_text"] = texts([label(questions_of[n][qid].text, language, fallbacks[n]) for (n, _), qid in zip(sources, ids)])
    frame["item"] = texts([s.item for _, s in sources])
    frame["item_label"] = texts([
        part_labels[n].get((qid, s.item), s.item) if isinstance(s.item, str) else _mapped(s.item, lambda i, n=n, qid=qid: part_labels[n].get((qid, i), i))
        for (n, s), qid in zip(sources, ids)
    ])
    frame["value"] = texts([s.value for _, s in sources])
    frame["value_label"] = texts([s.value_label for _, s in sources])
    frame["rank"] = _integers([s.rank for _, s in sources], lengths, order)
    frame["dots"] = _integers([s.dots for _, s in sources], lengths, order)
    tidy = pd.DataFrame(frame)
    for group in groups:
        name = f"{group}_group" if group in tidy.columns else group
        tidy[name] = _taken(wide[group], positions)
    return tidy


def _cells(variable: Variable, answers: list[Any]) -> list[Any]:
    """The wide column of `variable` from each ballot's answer to its question (see Variable.cell)."""
    question, part = variable.question, variable.part
    if part is None:
        return answers
    if isinstance(question, (MultipleChoice, Approval)):
        return [None if a is None else int(part in a) for a in answers]
    if isinstance(question, Ranking):
        return [None if a is None else (a.index(part) + 1 if part in a else None) for a in answers]
    if isinstance(question, Dots):
        return [None if a is None else a.get(part, 0) for a in answers]
    return [None if a is None else a.get(part) for a in answers]


def _sources(question: Question, place: int, cells: Mapping[str, np.ndarray], answers: list[Any], language: str, fallbacks) -> list[Source]:
    """The tidy sources of one question (the table in export/tidy.py says what each kind gives),
    read off its wide columns `cells`; positions are within the session."""

    def shown(text) -> str:
        return label(text, language, fallbacks)

    def first_labels(pairs) -> dict:
        found: dict = {}
        for key, text in pairs:
            found.setdefault(key, shown(text))
        return found

    def column(name: str, keep=None) -> tuple[np.ndarray, np.ndarray]:
        values = cells[name]
        positions = np.flatnonzero(~pd.isna(values) if keep is None else keep(values))
        return positions, values[positions]

    qid = question.id
    if isinstance(question, (SingleChoice, Scale, Matrix)) or not _has_parts(question):
        points = first_labels((p.value, p.label) for p in getattr(question, "points", ()))
        options = first_labels((o.id, o.label) for o in getattr(question, "options", ()))
        sources = []
        for at, (name, item) in enumerate([(f"{qid}.{row.id}", row.id) for row in question.rows] if isinstance(question, Matrix) else [(qid, "")]):
            positions, values = column(name)
            if isinstance(question, SingleChoice):
                sources.append(Source(place, positions, at, item, values, _mapped(values, lambda v: options.get(v, ""))))
            else:  # a point of a scale or matrix, a number or a text: written as code() writes it
                labels = _mapped(values, lambda v: _get(points, v)) if points else ""
                sources.append(Source(place, positions, at, item, _mapped(values, code), labels))
        return sources
    if isinstance(question, (MultipleChoice, Approval, Dots)):
        sources = []
        for at, option in enumerate(question.options):
            name = f"{qid}.{option.id}"
            if isinstance(question, Dots):
                positions, dots = column(name, lambda v: np.fromiter((x is not None and x > 0 for x in v), dtype=bool, count=len(v)))
                sources.append(Source(place, positions, at, option.id, option.id, shown(option.label), dots=dots.astype(np.int64)))
            else:
                positions, _ = column(name, lambda v: v == 1)
                sources.append(Source(place, positions, at, option.id, option.id, shown(option.label)))
        return sources
    if isinstance(question, Statements):
        stances = {stance: shown(text) for stance, text in STANCE_LABELS.items()}
        sources = []
        for at, statement in enumerate(question.statements):
            positions, values = column(f"{qid}.{statement.id}")
            sources.append(Source(place, positions, at, statement.id, values, _mapped(values, stances.__getitem__)))
        return sources
    if isinstance(question, Proposal):
        categories = first_labels((o.id, o.label) for o in question.categories)
        sources = []
        for at, part in enumerate(("title", "text", "category")):
            positions, values = column(f"{qid}.{part}", lambda v: ~pd.isna(v) & (v != ""))
            labels = _mapped(values, lambda v: categories.get(v, "")) if part == "category" else ""
            sources.append(Source(place, positions, at, part, values, labels))
        return sources
    # Ranking: in the order ranked (and an option the question does not have stays, as in the export)
    options = first_labels((o.id, o.label) for o in question.options)
    ranked = [(p, rank, option) for p, a in enumerate(answers) if a is not None for rank, option in enumerate(a, start=1)]
    ranks = np.array([rank for _, rank, _ in ranked], dtype=np.int64)
    values = _objects([option for _, _, option in ranked])
    positions = np.array([p for p, _, _ in ranked], dtype=np.int64)
    return [Source(place, positions, ranks, _mapped(ranks, str), values, _mapped(values, lambda v: options.get(v, "")), rank=ranks)]


def _has_parts(question: Question) -> bool:
    return isinstance(question, (MultipleChoice, Approval, Ranking, Dots, Matrix, Statements, Proposal))


def _get(labels: dict, value: Any) -> str:
    """A point's label by value ("" for none); a value that cannot be a key has none."""
    try:
        return labels.get(value, "")
    except TypeError:
        return ""


def _part_labels(consultation: Consultation, language: str) -> dict[tuple[str, str], str]:
    fallbacks = consultation.fallbacks()
    return {
        (v.question.id, v.part): label(v.part_label, language, fallbacks)
        for v in variables(consultation)
        if v.part is not None and v.part_label is not None
    }


def _objects(values: list[Any]) -> np.ndarray:
    """A list as a one-dimensional object array (never a grid, whatever its elements)."""
    return np.fromiter(values, dtype=object, count=len(values))


def _mapped(values: np.ndarray, function) -> np.ndarray:
    """`function` of every value, called once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return _objects([function(u) for u in uniques])[codes] if len(values) else _objects([])


def _join(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate([np.asarray(p, dtype=np.int64) for p in parts]) if parts else np.empty(0, dtype=np.int64)


def _text_column(parts: list, lengths: np.ndarray, order: np.ndarray) -> pd.Categorical:
    """A text column over the sources' rows as a categorical: each part one text, or one per row."""
    categories: dict[str, int] = {}
    codes = np.empty(int(lengths.sum()), dtype=np.int64)
    start = 0
    for part, length in zip(parts, lengths):
        if isinstance(part, str):
            codes[start : start + length] = categories.setdefault(part, len(categories))
        elif length:
            here, uniques = pd.factorize(part, use_na_sentinel=False)
            codes[start : start + length] = np.array([categories.setdefault(u, len(categories)) for u in uniques], dtype=np.int64)[here]
        start += length
    return pd.Categorical.from_codes(codes[order], categories=pd.Index(list(categories), dtype="string"))


def _taken(column: pd.Series, positions: np.ndarray) -> pd.Categorical:
    """A wide column's values at `positions`, as a categorical (missing values stay missing)."""
    codes, uniques = pd.factorize(column.array)
    return pd.Categorical.from_codes(codes[positions], categories=pd.Index(uniques, dtype="string"))


def _integers(parts: list[np.ndarray | None], lengths: np.ndarray, order: np.ndarray) -> pd.arrays.IntegerArray:
    """A nullable Int64 column: the sources' numbers, missing where a source has none."""
    values = np.zeros(int(lengths.sum()), dtype=np.int64)
    mask = np.ones(len(values), dtype=bool)
    start = 0
    for part, length in zip(parts, lengths):
        if part is not None:
            values[start : start + length] = part
            mask[start : start + length] = False
        start += length
    return pd.arrays.IntegerArray(values[order], mask[order])
