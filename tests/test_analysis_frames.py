"""The frames built column by column (analysis/columnar.py) hold exactly what the export's row-by-row
tables give, with the analysis columns the way `answers_from` first added them (`exported_frames`
below is that first version, kept here as the reference), on the demo data of a fresh install."""

from pathlib import Path

import pandas as pd
import pytest

from forum_toolkit.analysis import answers_from, load_answers
from forum_toolkit.export import tidy_answers, variables, wide_answers
from forum_toolkit.export.labels import label
from analysis_data import evening, submissions

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    from forum_toolkit.demo import seed_demo
    from forum_toolkit.store import open_store

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('demo')}/demo.sqlite3")
    seed_demo(store, ROOT / "surveys")
    yield store
    store.close()


def exported_frames(consultations, stored, language):
    """(tidy, wide) through the export's row-by-row code, as answers_from built them before."""
    tidy_parts, wide_parts = [], []
    for session, consultation in consultations.items():
        tidy = tidy_answers(consultation, stored[session], language)
        wide = wide_answers(consultation, stored[session])
        described = [q.id for q in consultation.questions if q.describes_participant and q.takes_answer]
        fallbacks = consultation.fallbacks()
        texts = {q.id: label(q.text, language, fallbacks) for q in consultation.questions}
        parts = {(v.question.id, v.part): label(v.part_label, language, fallbacks) for v in variables(consultation) if v.part is not None and v.part_label is not None}
        tidy.insert(tidy.columns.get_loc("kind") + 1, "question_text", tidy["question_id"].map(texts).astype("string"))
        item_labels = [parts.get((q, item), item) for q, item in zip(tidy["question_id"], tidy["item"])]
        tidy.insert(tidy.columns.get_loc("item") + 1, "item_label", pd.Series(item_labels, index=tidy.index, dtype="string"))
        tidy = tidy.merge(wide[["submission_id", *described]], on="submission_id", how="left", suffixes=("", "_group"))
        tidy.insert(1, "consultation_id", consultation.id)
        wide.insert(1, "consultation_id", consultation.id)
        tidy_parts.append(tidy)
        wide_parts.append(wide)
    tidy = pd.concat(tidy_parts, ignore_index=True)
    wide = pd.concat(wide_parts, ignore_index=True)
    tidy["consultation_id"] = tidy["consultation_id"].astype("string")
    wide["consultation_id"] = wide["consultation_id"].astype("string")
    return tidy, wide


def as_exported(tidy: pd.DataFrame) -> pd.DataFrame:
    """The tidy frame with its categoricals as the export's text columns."""
    return tidy.astype({name: "string" for name, dtype in tidy.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)})


@pytest.mark.parametrize(
    ("sessions", "language"),
    [
        (["forum-2026-11-12"], "de"),
        (["forum-2026-11-12", "forum-2026-11-26"], "ar"),
        (["council-2026-12"], "tr"),
        (["forum-2026-11-26", "council-2026-12"], "en"),  # two consultations: the wide columns of both
    ],
)
def test_the_frames_equal_the_exports_on_the_demo(demo_store, sessions, language):
    answers = load_answers(demo_store, sessions, language)
    consultations = {s: demo_store.consultation(s) for s in sessions}
    tidy, wide = exported_frames(consultations, {s: demo_store.submissions(s) for s in sessions}, language)
    pd.testing.assert_frame_equal(answers.wide, wide)
    pd.testing.assert_frame_equal(as_exported(answers.tidy), tidy)
    assert len(tidy) > 1000 or sessions == ["council-2026-12"]


def test_the_hand_made_evening_equals_the_export():
    answers = evening("ar")
    tidy, wide = exported_frames(answers.consultations, {"evening": submissions()}, "ar")
    pd.testing.assert_frame_equal(answers.wide, wide)
    pd.testing.assert_frame_equal(as_exported(answers.tidy), tidy)


def test_repeated_texts_are_categoricals_and_ids_are_text():
    tidy = evening().tidy
    for name in ("session_id", "language", "channel", "question_id", "item", "value", "value_label", "age"):
        assert isinstance(tidy[name].dtype, pd.CategoricalDtype), name
    assert tidy["submission_id"].dtype == "string"
    assert str(tidy["rank"].dtype) == str(tidy["dots"].dtype) == "Int64"


def test_a_session_without_ballots_gives_empty_frames_of_the_same_columns():
    consultation = evening().consultation
    answers = answers_from({"empty": consultation}, {"empty": []})
    tidy, wide = exported_frames({"empty": consultation}, {"empty": []}, "de")
    assert list(answers.tidy.columns) == list(tidy.columns) and len(answers.tidy) == 0
    assert list(answers.wide.columns) == list(wide.columns) and len(answers.wide) == 0
