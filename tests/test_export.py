"""The export tables: exact tidy, wide and codebook frames for a tiny consultation with every kind."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

import pandas as pd
import pytest

from forum_toolkit.consultation.languages import known_language
from forum_toolkit.consultation.model import (
    Access,
    Approval,
    Consultation,
    Dots,
    Info,
    LongText,
    Matrix,
    MultipleChoice,
    Number,
    Option,
    Page,
    Proposal,
    Ranking,
    Scale,
    ScalePoint,
    ShortText,
    SingleChoice,
    Statements,
    Text,
)
from forum_toolkit.consultation.sample import sample_answers
from forum_toolkit.export import TIDY_COLUMNS, MissingExtraError, codebook, tidy_answers, wide_answers
from forum_toolkit.export.optional import require

# ---- the tiny consultation: German everywhere, Arabic only for some texts ----------------------


def T(de: str, ar: str | None = None) -> Text:
    return Text((("de", de),) if ar is None else (("de", de), ("ar", ar)))


def O(option_id: str, de: str, ar: str | None = None) -> Option:
    return Option(option_id, T(de, ar))


POINTS = (ScalePoint(1, T("schlecht", "سيئ")), ScalePoint(2, T("gut", "جيد")))

TINY = Consultation(
    id="tiny",
    title=T("Klein"),
    description=T(""),
    languages=(known_language("de"), known_language("ar")),
    default_language="de",
    access=Access.OPEN,
    live_results=True,
    pages=(
        Page("p1", T("Eins"), (
            Info("hello", T("Hallo")),
            SingleChoice("age", T("Wie alt?", "كم عمرك؟"), options=(O("under_30", "unter 30", "أقل من 30"), O("over_30", "30 oder älter"))),
            MultipleChoice("topics", T("Themen", "المواضيع"), options=(O("housing", "Wohnen", "السكن"), O("traffic", "Verkehr")), max=2),
            Approval("ok", T("Gut so?"), options=(O("a", "A"), O("b", "B"))),
            Ranking("rank", T("Reihenfolge"), options=(O("x", "X"), O("y", "Y"), O("z", "Z")), top=2),
            Dots("dots", T("Punkte"), options=(O("x", "X"), O("y", "Y")), budget=3, max_per_option=2),
        )),
        Page("p2", T("Zwei"), (
            Scale("mood", T("Stimmung"), points=POINTS),
            Matrix("places", T("Orte"), rows=(O("park", "Park"), O("station", "Bahnhof")), points=POINTS),
            Statements("st", T("Aussagen"), statements=(O("s1", "Mehr Busse"), O("s2", "Mehr Bänke"))),
            Number("years", T("Jahre hier"), min=0, max=99),
            Number("hours", T("Stunden"), min=0, max=10, integer=False),
            ShortText("wish", T("Wunsch")),
            LongText("story", T("Geschichte")),
            Proposal("idea", T("Vorschlag"), categories=(O("green", "Grün"), O("social", "Soziales"))),
        )),
    ),
)

FORMULA = '=HYPERLINK("http://x","y")'
AT_1830 = dt.datetime(2026, 5, 1, 18, 30, tzinfo=dt.timezone.utc)
AT_1900 = dt.datetime(2026, 5, 1, 19, 0)  # naive: taken as UTC

EVERYTHING = {
    "submission_id": "s1", "session_id": "evening", "language": "ar", "channel": "phone", "submitted_at": AT_1830,
    "answers": {
        "age": "over_30",
        "topics": ["traffic", "housing"],  # stored in the participant's order
        "ok": ["b"],
        "rank": ["z", "x"],
        "dots": {"y": 2, "x": 1},
        "mood": 2,
        "places": {"station": 1},  # the park row skipped
        "st": {"s2": "agree", "s1": "pass"},
        "years": 12,
        "hours": 2.5,
        "wish": "حديقة أكبر",
        "story": FORMULA,
        "idea": {"title": "Mehr Bänke", "text": "", "category": "green"},
    },
}
# The store's StoredSubmission is an object with attributes: exports read those as well as dicts.
LITTLE = SimpleNamespace(
    submission_id="s2", session_id="evening", language="de", channel="paper", submitted_at=AT_1900,
    answers={"age": "under_30", "dots": {}, "idea": {"title": "-Licht", "text": "Am Bahnhof"}},
)
SUBMISSIONS = [EVERYTHING, LITTLE]

NA = pd.NA


def frame(columns, rows, dtypes) -> pd.DataFrame:
    expected = pd.DataFrame.from_records(rows, columns=list(columns))
    expected = expected.astype({c: dtypes.get(c, "string") for c in columns if c != "submitted_at"})
    expected["submitted_at"] = pd.to_datetime(expected["submitted_at"], utc=True)
    return expected


# ---- tidy -------------------------------------------------------------------------------------

S1 = ("s1", "evening", "ar", "phone", AT_1830)
S2 = ("s2", "evening", "de", "paper", AT_1900)

TIDY_DE = [
    (*S1, "p1", "age", "single_choice", "", "over_30", "30 oder älter", None, None),
    (*S1, "p1", "topics", "multiple_choice", "housing", "housing", "Wohnen", None, None),
    (*S1, "p1", "topics", "multiple_choice", "traffic", "traffic", "Verkehr", None, None),
    (*S1, "p1", "ok", "approval", "b", "b", "B", None, None),
    (*S1, "p1", "rank", "ranking", "1", "z", "Z", 1, None),
    (*S1, "p1", "rank", "ranking", "2", "x", "X", 2, None),
    (*S1, "p1", "dots", "dots", "x", "x", "X", None, 1),
    (*S1, "p1", "dots", "dots", "y", "y", "Y", None, 2),
    (*S1, "p2", "mood", "scale", "", "2", "gut", None, None),
    (*S1, "p2", "places", "matrix", "station", "1", "schlecht", None, None),
    (*S1, "p2", "st", "statements", "s1", "pass", "überspringen", None, None),
    (*S1, "p2", "st", "statements", "s2", "agree", "stimme zu", None, None),
    (*S1, "p2", "years", "number", "", "12", "", None, None),
    (*S1, "p2", "hours", "number", "", "2.5", "", None, None),
    (*S1, "p2", "wish", "short_text", "", "حديقة أكبر", "", None, None),
    (*S1, "p2", "story", "long_text", "", FORMULA, "", None, None),
    (*S1, "p2", "idea", "proposal", "title", "Mehr Bänke", "", None, None),
    (*S1, "p2", "idea", "proposal", "category", "green", "Grün", None, None),
    (*S2, "p1", "age", "single_choice", "", "under_30", "unter 30", None, None),
    (*S2, "p2", "idea", "proposal", "title", "-Licht", "", None, None),
    (*S2, "p2", "idea", "proposal", "text", "Am Bahnhof", "", None, None),
]
TIDY_DTYPES = {"rank": "Int64", "dots": "Int64"}


def test_tidy_has_one_row_per_answer_element() -> None:
    expected = frame(TIDY_COLUMNS, TIDY_DE, TIDY_DTYPES)
    pd.testing.assert_frame_equal(tidy_answers(TINY, SUBMISSIONS), expected)


def test_tidy_labels_in_arabic_mark_the_ones_that_fell_back_to_german() -> None:
    tidy = tidy_answers(TINY, SUBMISSIONS, language="ar")
    labels = dict(zip(tidy["question_id"] + ":" + tidy["value"], tidy["value_label"]))
    assert labels["age:over_30"] == "[de] 30 oder älter"
    assert labels["age:under_30"] == "أقل من 30"
    assert labels["topics:housing"] == "السكن"
    assert labels["mood:2"] == "جيد"
    assert labels["st:agree"] == "أوافق"
    assert labels["idea:green"] == "[de] Grün"


def test_tidy_of_no_submissions_is_empty_with_its_columns_and_types() -> None:
    expected = frame(TIDY_COLUMNS, [], TIDY_DTYPES)
    pd.testing.assert_frame_equal(tidy_answers(TINY, []), expected)


def test_tidy_pivots_back_to_the_ranks_of_the_wide_frame() -> None:
    tidy = tidy_answers(TINY, SUBMISSIONS)
    ranks = tidy[tidy.question_id == "rank"].pivot(index="submission_id", columns="value", values="rank")
    assert ranks.to_dict("index") == {"s1": {"x": 2, "z": 1}}


def rebuild(kind: str, rows: pd.DataFrame):
    """The answer a question's tidy rows stand for, the way the store holds it."""
    values = list(rows["value"])
    if kind in ("single_choice", "short_text", "long_text"):
        return values[0]
    if kind in ("scale", "number"):
        return pd.to_numeric(values[0]).item()
    if kind in ("multiple_choice", "approval"):
        return set(values)
    if kind == "ranking":
        return [v for _, v in sorted(zip(rows["rank"], values))]
    if kind == "dots":
        return dict(zip(values, rows["dots"]))
    if kind == "matrix":
        return {item: int(v) for item, v in zip(rows["item"], values)}
    return dict(zip(rows["item"], values))  # statements, proposal


def test_tidy_rows_give_back_every_sampled_answer() -> None:
    ballots = [
        {**EVERYTHING, "submission_id": f"b{seed}", "answers": sample_answers(TINY, random.Random(seed))}
        for seed in range(100)
    ]
    tidy = tidy_answers(TINY, ballots)
    for ballot in ballots:
        rows = tidy[tidy.submission_id == ballot["submission_id"]]
        rebuilt = {q: rebuild(g["kind"].iloc[0], g) for q, g in rows.groupby("question_id", sort=False)}
        expected = {}
        for question_id, answer in ballot["answers"].items():
            if isinstance(answer, list) and TINY.question(question_id).kind.value != "ranking":
                answer = set(answer)
            if isinstance(answer, dict):
                answer = {k: v for k, v in answer.items() if v not in (0, "")}  # no rows for 0 dots, empty text
            if answer not in ({}, set()):
                expected[question_id] = answer
        assert rebuilt == expected


# ---- wide -------------------------------------------------------------------------------------

WIDE_COLUMNS = (
    "submission_id", "session_id", "language", "channel", "submitted_at",
    "age", "topics.housing", "topics.traffic", "ok.a", "ok.b", "rank.x", "rank.y", "rank.z",
    "dots.x", "dots.y", "mood", "places.park", "places.station", "st.s1", "st.s2",
    "years", "hours", "wish", "story", "idea.title", "idea.text", "idea.category",
)
WIDE_ROWS = [
    (*S1, "over_30", 1, 1, 0, 1, 2, None, 1, 1, 2, 2, None, 1, "pass", "agree",
     12, 2.5, "حديقة أكبر", FORMULA, "Mehr Bänke", "", "green"),
    (*S2, "under_30", None, None, None, None, None, None, None, 0, 0, None, None, None, None, None,
     None, None, None, None, "-Licht", "Am Bahnhof", None),
]
WIDE_DTYPES = {
    **{c: "Int64" for c in WIDE_COLUMNS if c.split(".")[0] in {"topics", "ok", "rank", "dots", "mood", "places", "years"}},
    "hours": "Float64",
}


def test_wide_has_one_row_per_submission_and_columns_in_the_consultations_order() -> None:
    expected = frame(WIDE_COLUMNS, WIDE_ROWS, WIDE_DTYPES)
    pd.testing.assert_frame_equal(wide_answers(TINY, SUBMISSIONS), expected)


def test_wide_tells_unanswered_from_answered_without_dots() -> None:
    wide = wide_answers(TINY, [LITTLE, {**EVERYTHING, "answers": {}}]).set_index("submission_id")
    assert wide.loc["s2", "dots.x"] == 0  # answered {}: no dots on x
    assert wide.loc["s1", "dots.x"] is NA  # not answered at all


# ---- codebook ---------------------------------------------------------------------------------

def chosen(variable: str, question: str, kind: str) -> list[tuple]:
    return [
        (variable, question, kind, "1", "gewählt", "مختار"),
        (variable, question, kind, "0", "nicht gewählt", "غير مختار"),
    ]


def points(variable: str, question: str, kind: str) -> list[tuple]:
    return [(variable, question, kind, "1", "schlecht", "سيئ"), (variable, question, kind, "2", "gut", "جيد")]


def stances(variable: str) -> list[tuple]:
    return [
        (variable, "st", "statements", "agree", "stimme zu", "أوافق"),
        (variable, "st", "statements", "disagree", "stimme nicht zu", "لا أوافق"),
        (variable, "st", "statements", "pass", "überspringen", "تخطي"),
    ]


CODEBOOK_ROWS = [
    ("age", "age", "single_choice", "", "Wie alt?", "كم عمرك؟"),
    ("age", "age", "single_choice", "under_30", "unter 30", "أقل من 30"),
    ("age", "age", "single_choice", "over_30", "30 oder älter", "[de] 30 oder älter"),
    ("topics.housing", "topics", "multiple_choice", "", "Themen: Wohnen", "المواضيع: السكن"),
    *chosen("topics.housing", "topics", "multiple_choice"),
    ("topics.traffic", "topics", "multiple_choice", "", "Themen: Verkehr", "المواضيع: [de] Verkehr"),
    *chosen("topics.traffic", "topics", "multiple_choice"),
    ("ok.a", "ok", "approval", "", "Gut so?: A", "[de] Gut so?: [de] A"),
    *chosen("ok.a", "ok", "approval"),
    ("ok.b", "ok", "approval", "", "Gut so?: B", "[de] Gut so?: [de] B"),
    *chosen("ok.b", "ok", "approval"),
    ("rank.x", "rank", "ranking", "", "Reihenfolge: X", "[de] Reihenfolge: [de] X"),
    ("rank.y", "rank", "ranking", "", "Reihenfolge: Y", "[de] Reihenfolge: [de] Y"),
    ("rank.z", "rank", "ranking", "", "Reihenfolge: Z", "[de] Reihenfolge: [de] Z"),
    ("dots.x", "dots", "dots", "", "Punkte: X", "[de] Punkte: [de] X"),
    ("dots.y", "dots", "dots", "", "Punkte: Y", "[de] Punkte: [de] Y"),
    ("mood", "mood", "scale", "", "Stimmung", "[de] Stimmung"),
    *points("mood", "mood", "scale"),
    ("places.park", "places", "matrix", "", "Orte: Park", "[de] Orte: [de] Park"),
    *points("places.park", "places", "matrix"),
    ("places.station", "places", "matrix", "", "Orte: Bahnhof", "[de] Orte: [de] Bahnhof"),
    *points("places.station", "places", "matrix"),
    ("st.s1", "st", "statements", "", "Aussagen: Mehr Busse", "[de] Aussagen: [de] Mehr Busse"),
    *stances("st.s1"),
    ("st.s2", "st", "statements", "", "Aussagen: Mehr Bänke", "[de] Aussagen: [de] Mehr Bänke"),
    *stances("st.s2"),
    ("years", "years", "number", "", "Jahre hier", "[de] Jahre hier"),
    ("hours", "hours", "number", "", "Stunden", "[de] Stunden"),
    ("wish", "wish", "short_text", "", "Wunsch", "[de] Wunsch"),
    ("story", "story", "long_text", "", "Geschichte", "[de] Geschichte"),
    ("idea.title", "idea", "proposal", "", "Vorschlag: Titel", "[de] Vorschlag: العنوان"),
    ("idea.text", "idea", "proposal", "", "Vorschlag: Text", "[de] Vorschlag: النص"),
    ("idea.category", "idea", "proposal", "", "Vorschlag: Kategorie", "[de] Vorschlag: الفئة"),
    ("idea.category", "idea", "proposal", "green", "Grün", "[de] Grün"),
    ("idea.category", "idea", "proposal", "social", "Soziales", "[de] Soziales"),
]


def test_codebook_labels_every_variable_and_code_in_every_language() -> None:
    columns = ["variable", "question_id", "kind", "value", "label_de", "label_ar"]
    expected = pd.DataFrame.from_records(CODEBOOK_ROWS, columns=columns).astype("string")
    pd.testing.assert_frame_equal(codebook(TINY), expected)


def test_codebook_names_exactly_the_wide_columns() -> None:
    wide = wide_answers(TINY, SUBMISSIONS)
    assert list(codebook(TINY)["variable"].unique()) == list(wide.columns[5:])


# ---- the analysis extra -----------------------------------------------------------------------

def test_a_missing_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "pandas", None)  # import pandas now fails
    with pytest.raises(MissingExtraError) as raised:
        tidy_answers(TINY, SUBMISSIONS)
    assert str(raised.value) == "install forum-toolkit[analysis] for exports (pandas is not installed)"
    assert isinstance(raised.value, ImportError)


def test_require_returns_the_module_when_installed() -> None:
    assert require("pandas") is pd
