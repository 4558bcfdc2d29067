"""SPSS files: variable labels, value labels and numbered codes, read back with pyreadstat; one
codebook per language beside them."""

import pandas as pd
import pyreadstat
import pytest
from analysis_data import EVERY_KIND, submissions

from forum_toolkit.consultation import load_consultation
from forum_toolkit.export import codebook_in, write_export, write_sav


@pytest.fixture(scope="module")
def consultation():
    return load_consultation(EVERY_KIND)


def test_the_sav_file_has_labels_in_the_chosen_language(consultation, tmp_path):
    path = write_sav(consultation, submissions(), tmp_path / "evening.sav", language="en")
    frame, meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 12
    assert meta.variable_value_labels["age"] == {1.0: "young", 2.0: "old"}
    assert frame["age"].tolist()[:7] == [1.0] * 6 + [2.0]
    assert pd.isna(frame["age"].iloc[11])
    assert meta.variable_value_labels["statements.s1"] == {1.0: "agree", 2.0: "disagree", 3.0: "pass"}
    assert frame["mood"].tolist()[:3] == [1.0, 1.0, 2.0]  # points keep their numbers
    assert meta.column_names_to_labels["town.safety"].startswith(consultation.question("town").text.get("en").text)


def test_write_export_writes_sav_and_a_codebook_per_language(consultation, tmp_path):
    written = write_export(consultation, submissions(), tmp_path, formats=("sav",), basename="evening")
    assert [p.name for p in written] == ["evening.sav", "evening_codebook_de.csv", "evening_codebook_en.csv", "evening_codebook_ar.csv"]
    arabic = pd.read_csv(tmp_path / "evening_codebook_ar.csv", encoding="utf-8-sig", dtype=str)
    assert list(arabic.columns) == ["variable", "question_id", "kind", "value", "label"]


def test_a_codebook_in_a_language_the_consultation_lacks_is_refused(consultation):
    with pytest.raises(ValueError, match=r"language 'fa': expected one of the consultation's languages \(de, en, ar\)"):
        codebook_in(consultation, "fa")
