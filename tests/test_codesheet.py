"""Code sheets: ten slips to an A4 page, each QR code the ballot address with its code."""

from __future__ import annotations

import re
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from forum_toolkit import codesheet
from forum_toolkit.codesheet import FontsNotFound, code_sheet_pdf, printable_languages, slip_url

BALLOT = "https://forum.example.de/ballot"


def codes(n: int) -> list[str]:
    return [f"K{i:03d}-7QXP" for i in range(n)]


def sheet(n: int, **options) -> bytes:
    return code_sheet_pdf(codes(n), ballot_url=BALLOT, title="Ausländerbeirat", session_label="Mai 2026", **options)


def page_count(pdf: bytes) -> int:
    """Pages counted in the PDF's (uncompressed) page objects, without a PDF library."""
    return len(re.findall(rb"/Type /Page\b", pdf))


# ---- the address in the QR code ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("ballot_url", "code", "expected"),
    [
        (BALLOT, "ABCD-EFGH", "https://forum.example.de/ballot?code=ABCD-EFGH"),
        (BALLOT + "?session=may", "ABCD-EFGH", "https://forum.example.de/ballot?session=may&code=ABCD-EFGH"),
        (BALLOT + "?", "ABCD-EFGH", "https://forum.example.de/ballot?code=ABCD-EFGH"),
        (BALLOT + "?code=OLD1-OLD2&lang=ar", "ABCD-EFGH", "https://forum.example.de/ballot?lang=ar&code=ABCD-EFGH"),
        (BALLOT + "?a=b%20c#start", "ABCD-EFGH", "https://forum.example.de/ballot?a=b%20c&code=ABCD-EFGH#start"),
        ("http://192.168.4.1:8866/voila/render/ballot.ipynb", "AB CD/&", "http://192.168.4.1:8866/voila/render/ballot.ipynb?code=AB%20CD%2F%26"),
        ("https://forum.example.de", "ABCD-EFGH", "https://forum.example.de?code=ABCD-EFGH"),
    ],
)
def test_slip_url(ballot_url: str, code: str, expected: str) -> None:
    assert slip_url(ballot_url, code) == expected


@pytest.mark.parametrize("ballot_url", ["forum.example.de/ballot", "ftp://forum.example.de/ballot", "https://"])
def test_slip_url_refuses_an_address_a_phone_cannot_open(ballot_url: str) -> None:
    with pytest.raises(ValueError) as raised:
        slip_url(ballot_url, "ABCD-EFGH")
    assert str(raised.value) == f"ballot_url must be an http:// or https:// address, found {ballot_url!r}"


def test_every_qr_code_encodes_its_slips_address(monkeypatch: pytest.MonkeyPatch) -> None:
    encoded: list[str] = []
    make = codesheet.segno.make

    def recording_make(content, **options):
        encoded.append(content)
        return make(content, **options)

    monkeypatch.setattr(codesheet.segno, "make", recording_make)
    code_sheet_pdf(["ABCD-EFGH", "JKLM-NPQR"], ballot_url=BALLOT + "?s=1", title="T", session_label="S")
    assert encoded == [
        "https://forum.example.de/ballot?s=1&code=ABCD-EFGH",
        "https://forum.example.de/ballot?s=1&code=JKLM-NPQR",
    ]


def test_the_printed_qr_codes_scan_to_the_slip_addresses(tmp_path: Path) -> None:
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        reason = "reading the printed QR codes back needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; .ci/run installs them")
        pytest.skip(reason)
    (tmp_path / "sheet.pdf").write_bytes(sheet(12))
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "sheet.pdf"), str(tmp_path / "page")], check=True)
    scanned = subprocess.run(
        ["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", *sorted(str(p) for p in tmp_path.glob("page*.png"))],
        check=True, capture_output=True, text=True,
    ).stdout.split()
    assert sorted(scanned) == sorted(slip_url(BALLOT, code) for code in codes(12))


# ---- pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("n", "pages"), [(1, 1), (9, 1), (10, 1), (11, 2), (20, 2), (25, 3)])
def test_ten_slips_to_a_page(n: int, pages: int) -> None:
    pdf = sheet(n)
    assert pdf.startswith(b"%PDF-1.")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert page_count(pdf) == pages


def test_the_pdf_parses_with_a4_pages_that_carry_the_codes_and_the_words() -> None:
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(sheet(11)))
    assert len(reader.pages) == 2
    assert [(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in reader.pages] == [(595.3, 841.9)] * 2
    first, second = (page.extract_text() for page in reader.pages)
    assert all(code in first for code in codes(10)) and "K010-7QXP" not in first
    assert "K010-7QXP" in second
    assert "Ausländerbeirat · Mai 2026 · 2/2" in second
    for line in ("Scan the code or type it in", "Code scannen oder eintippen", "Відскануйте код або введіть його",
                 "Kodu tarayın veya yazın", "Kodê skan bike an binivîse"):
        assert line in first
    assert reader.metadata.title == "Ausländerbeirat"


def test_no_codes_is_a_clear_error() -> None:
    with pytest.raises(ValueError) as raised:
        code_sheet_pdf([], ballot_url=BALLOT, title="T", session_label="S")
    assert str(raised.value) == "no codes to print: issue ballot codes for the session first"


def test_an_empty_code_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^every ballot code must be a non-empty text$"):
        code_sheet_pdf(["ABCD-EFGH", " "], ballot_url=BALLOT, title="T", session_label="S")


def test_a_long_title_and_long_codes_still_fit() -> None:
    pdf = code_sheet_pdf(["ABCDEFGH-IJKLMNOP-QRSTUVWX"] * 3, ballot_url=BALLOT, title="Ausländerbeirat " * 10,
                         session_label="Sitzung " * 12)
    assert page_count(pdf) == 1


# ---- languages and fonts ----------------------------------------------------------------------

def test_all_eight_languages_print_when_text_can_be_shaped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codesheet, "_can_shape", lambda: True)
    assert printable_languages() == ("de", "en", "ar", "ru", "uk", "tr", "fa", "kmr")


def test_arabic_and_farsi_are_shaped_with_uharfbuzz() -> None:
    pdf = sheet(1, languages=("ar", "fa"))
    assert page_count(pdf) == 1


def test_without_shaping_right_to_left_lines_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codesheet, "_can_shape", lambda: False)
    assert printable_languages() == ("de", "en", "ru", "uk", "tr", "kmr")
    assert page_count(sheet(3)) == 1


def test_languages_can_be_chosen_and_unknown_ones_are_named() -> None:
    assert page_count(sheet(2, languages=("de", "ar"))) == 1
    with pytest.raises(ValueError) as raised:
        sheet(2, languages=("de", "ti"))
    assert str(raised.value) == "no slip instruction in 'ti': known are de, en, ar, ru, uk, tr, fa, kmr"


def test_missing_fonts_say_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(codesheet, "font_dirs", lambda: (tmp_path,))
    with pytest.raises(FontsNotFound) as raised:
        sheet(1)
    assert str(raised.value) == (
        "code sheets need the DejaVu fonts: install Debian's fonts-dejavu-core "
        "(apt-get install fonts-dejavu-core) or forum-toolkit[analysis]"
    )
