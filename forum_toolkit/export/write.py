"""Writing the exports to files: CSV, Parquet and one Excel workbook.

    write_export(consultation, submissions, "out/forum-evening")
    # -> [.../forum-evening_tidy.csv, .../forum-evening_wide.csv, .../forum-evening_codebook.csv,
    #     .../forum-evening_tidy.parquet, ..._wide.parquet, ..._codebook.parquet, .../forum-evening.xlsx]

CSV files are UTF-8 *with a byte order mark* (``utf-8-sig``): without it Excel guesses a Windows
code page and Arabic, Farsi, Cyrillic and Turkish letters turn into garbage. pandas reads them back
with ``pd.read_csv(path, encoding="utf-8-sig")``.

Participant text is never a formula. A spreadsheet treats a cell that starts with ``=``, ``+``,
``-`` or ``@`` (or a tab or carriage return) as a formula, so a proposal titled
``=HYPERLINK("http://x","y")`` could run when a colleague opens the file. Therefore:

- in CSV, such a text cell gets a leading apostrophe ``'`` (OWASP's advice for CSV injection): the
  spreadsheet shows ``'=HYPERLINK(...)`` as text. Plain numbers such as ``-3`` or ``+4.5`` stay as
  they are: they cannot run anything;
- in the Excel workbook every text cell is stored as a string, and such cells also carry Excel's own
  "quote prefix" mark, so they show exactly what the participant typed and are never evaluated;
- Parquet files hold the data unchanged: they are read by programs, not spreadsheets.

Timestamps: CSV and Parquet keep `submitted_at` in UTC with its zone; Excel cannot store a zone, so
the workbook has the same UTC time without one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Sequence

from forum_toolkit.consultation.model import Consultation
from forum_toolkit.export.codebook import codebook, codebook_in
from forum_toolkit.export.optional import require
from forum_toolkit.export.tidy import tidy_answers
from forum_toolkit.export.wide import wide_answers

FORMATS = ("csv", "parquet", "xlsx")  # the default
ALL_FORMATS = (*FORMATS, "sav")  # sav: SPSS, with one codebook CSV per language beside it
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def neutralize_formula(text: str) -> str:
    """`text` with a leading ``'`` when a spreadsheet would take it for a formula; else unchanged."""
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def write_export(
    consultation: Consultation,
    submissions: Iterable[Any],
    out_dir: str | Path,
    formats: Sequence[str] = FORMATS,
    basename: str | None = None,
    *,
    language: str | None = None,
) -> list[Path]:
    """Write the tidy, wide and codebook tables in `formats` to `out_dir`; the paths written.

    `basename` defaults to the consultation id; `language` (for the tidy labels) to the
    consultation's default language. `out_dir` is created when missing; files are overwritten.
    """
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if unknown:
        raise ValueError(f"unknown export format {unknown[0]!r}: expected one of {', '.join(ALL_FORMATS)}")
    for fmt, package in (("parquet", "pyarrow"), ("xlsx", "openpyxl"), ("sav", "pyreadstat")):
        if fmt in formats:
            require(package)  # fail before writing anything
    submissions = list(submissions)
    tables = {
        "tidy": tidy_answers(consultation, submissions, language or consultation.default_language),
        "wide": wide_answers(consultation, submissions),
        "codebook": codebook(consultation),
    }
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = basename or consultation.id
    written: list[Path] = []
    if "csv" in formats:
        for name, frame in tables.items():
            path = out / f"{base}_{name}.csv"
            _for_spreadsheet(frame).to_csv(path, index=False, encoding="utf-8-sig")
            written.append(path)
    if "parquet" in formats:
        for name, frame in tables.items():
            path = out / f"{base}_{name}.parquet"
            frame.to_parquet(path, index=False, engine="pyarrow")
            written.append(path)
    if "xlsx" in formats:
        path = out / f"{base}.xlsx"
        _write_workbook(path, tables)
        written.append(path)
    if "sav" in formats:
        from forum_toolkit.export.spss import write_sav  # noqa: PLC0415

        written.append(write_sav(consultation, submissions, out / f"{base}.sav", language))
        for code in consultation.language_codes:
            path = out / f"{base}_codebook_{code}.csv"
            _for_spreadsheet(codebook_in(consultation, code)).to_csv(path, index=False, encoding="utf-8-sig")
            written.append(path)
    return written


def _for_spreadsheet(frame):
    """A copy of `frame` whose text cells cannot start a formula."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == "string":
            frame[column] = frame[column].map(neutralize_formula, na_action="ignore").astype("string")
    return frame


def _write_workbook(path: Path, tables: dict[str, Any]) -> None:
    """One sheet per table; text cells are strings, formula-like ones marked with a quote prefix."""
    openpyxl = require("openpyxl")
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, frame in tables.items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append([_excel_value(value) for value in row])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", cell.value)
                    cell.data_type = "s"  # openpyxl takes a text starting with "=" for a formula
                    if cell.value.startswith(FORMULA_START):
                        cell.quotePrefix = True
        sheet.freeze_panes = "A2"
    workbook.save(path)


def _excel_value(value: Any) -> Any:
    """A cell value Excel can store: no NA objects, no time zones."""
    pd = require("pandas")
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.tz_convert("UTC").tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value
