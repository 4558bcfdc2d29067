"""Export files: CSV, Parquet and Excel read back equal, Arabic survives, no text becomes a formula."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from forum_toolkit.export import MissingExtraError, codebook, neutralize_formula, tidy_answers, wide_answers, write_export
from test_export import FORMULA, SUBMISSIONS, TINY  # the tiny consultation with every kind

ARABIC = "حديقة أكبر"


@pytest.fixture
def written(tmp_path: Path) -> Path:
    write_export(TINY, SUBMISSIONS, tmp_path)
    return tmp_path


def as_text(frame: pd.DataFrame, naive_times: bool = False) -> pd.DataFrame:
    """Every cell as the text a file holds ("" for missing), to compare frames with types aside."""
    frame = frame.copy()
    if naive_times:
        frame["submitted_at"] = frame["submitted_at"].dt.tz_localize(None)
    return frame.astype(object).where(frame.notna(), "").astype(str)


def tables() -> dict[str, pd.DataFrame]:
    return {"tidy": tidy_answers(TINY, SUBMISSIONS), "wide": wide_answers(TINY, SUBMISSIONS), "codebook": codebook(TINY)}


def test_write_export_writes_every_table_in_every_format(tmp_path: Path) -> None:
    paths = write_export(TINY, SUBMISSIONS, tmp_path / "new" / "folder")
    folder = tmp_path / "new" / "folder"
    assert paths == [
        folder / "tiny_tidy.csv", folder / "tiny_wide.csv", folder / "tiny_codebook.csv",
        folder / "tiny_tidy.parquet", folder / "tiny_wide.parquet", folder / "tiny_codebook.parquet",
        folder / "tiny.xlsx",
    ]
    assert all(p.stat().st_size > 0 for p in paths)


def test_formats_and_basename_can_be_chosen(tmp_path: Path) -> None:
    paths = write_export(TINY, SUBMISSIONS, tmp_path, formats=("xlsx",), basename="abend-2026-05-01")
    assert paths == [tmp_path / "abend-2026-05-01.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abend-2026-05-01.xlsx"]


def test_an_unknown_format_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"^unknown export format 'json': expected one of csv, parquet, xlsx, sav$"):
        write_export(TINY, SUBMISSIONS, tmp_path, formats=("csv", "json"))
    assert list(tmp_path.iterdir()) == []


def test_a_missing_writer_says_what_to_install_before_anything_is_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtraError, match=r"^install forum-toolkit\[analysis\] for exports \(pyarrow is not installed\)$"):
        write_export(TINY, SUBMISSIONS, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_csv_has_a_byte_order_mark_and_keeps_arabic(written: Path) -> None:
    raw = (written / "tiny_tidy.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert ARABIC in raw.decode("utf-8-sig")
    assert "المواضيع: السكن" in (written / "tiny_codebook.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("name", ["tidy", "wide", "codebook"])
def test_csv_reads_back_equal_with_formula_like_text_quoted(written: Path, name: str) -> None:
    back = pd.read_csv(written / f"tiny_{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    expected = as_text(tables()[name]).replace({FORMULA: "'" + FORMULA, "-Licht": "'-Licht"})
    pd.testing.assert_frame_equal(back, expected)


@pytest.mark.parametrize("name", ["tidy", "wide", "codebook"])
def test_parquet_reads_back_equal_with_its_types(written: Path, name: str) -> None:
    back = pd.read_parquet(written / f"tiny_{name}.parquet")
    pd.testing.assert_frame_equal(back, tables()[name])


@pytest.mark.parametrize("name", ["tidy", "wide", "codebook"])
def test_excel_reads_back_equal_with_utc_times_and_the_text_as_typed(written: Path, name: str) -> None:
    back = pd.read_excel(written / "tiny.xlsx", sheet_name=name, dtype=str, keep_default_na=False)
    expected = as_text(tables()[name], naive_times=name != "codebook")
    pd.testing.assert_frame_equal(back, expected)


def test_excel_stores_formula_like_text_as_text_with_a_quote_prefix(written: Path) -> None:
    sheet = openpyxl.load_workbook(written / "tiny.xlsx")["wide"]
    header = [cell.value for cell in sheet[1]]
    story = sheet.cell(row=2, column=header.index("story") + 1)
    assert (story.value, story.data_type, story.quotePrefix) == (FORMULA, "s", True)
    title = sheet.cell(row=3, column=header.index("idea.title") + 1)
    assert (title.value, title.data_type, title.quotePrefix) == ("-Licht", "s", True)
    wish = sheet.cell(row=2, column=header.index("wish") + 1)
    assert (wish.value, wish.data_type, wish.quotePrefix) == (ARABIC, "s", False)
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


@pytest.mark.parametrize(
    ("text", "written_as"),
    [
        (FORMULA, "'" + FORMULA),
        ("=1+1", "'=1+1"),
        ("+49 171 2345", "'+49 171 2345"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-3", "-3"),
        ("+4.5", "+4.5"),
        ("Mehr Bänke", "Mehr Bänke"),
        ("a=b", "a=b"),
        ("", ""),
        (ARABIC, ARABIC),
    ],
)
def test_neutralize_formula(text: str, written_as: str) -> None:
    assert neutralize_formula(text) == written_as
