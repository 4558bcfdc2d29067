"""Printable sheets of single-use ballot codes: A4 pages of slips to cut apart and hand out.

    pdf = code_sheet_pdf(codes, ballot_url="https://forum.example.de/ballot",
                         title="Ausländerbeirat", session_label="Abstimmung Mai 2026")
    Path("codes.pdf").write_bytes(pdf)

Each page holds ten slips (2 columns × 5 rows) inside dashed cut lines. A slip has a QR code of the
ballot address with its code (`slip_url`), the code in large monospace letters, the title, the
session label and the instruction "Scan the code or type it in" in the languages asked for.

Fonts: the DejaVu fonts (Latin, Cyrillic, Arabic and Farsi letters, Turkish and Kurmanji accents),
from Debian's `fonts-dejavu-core` package or from matplotlib's own copy; nothing is downloaded.
Arabic and Farsi need text shaping (joined letters, right to left), which fpdf2 does with the
`uharfbuzz` package: without it those two lines are left out rather than printed as broken
letters, and `printable_languages` says which lines a sheet will have.
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import segno
from fpdf import FPDF

from forum_toolkit.consultation.languages import KNOWN

__all__ = [
    "DEFAULT_LANGUAGES",
    "INSTRUCTIONS",
    "FontsNotFound",
    "code_sheet_pdf",
    "font_dirs",
    "printable_languages",
    "slip_url",
]

# "Scan the code or type it in" (translations not yet reviewed by native speakers).
INSTRUCTIONS: dict[str, str] = {
    "de": "Code scannen oder eintippen",
    "en": "Scan the code or type it in",
    "ar": "امسح الرمز أو اكتبه",
    "ru": "Отсканируйте код или введите его",
    "uk": "Відскануйте код або введіть його",
    "tr": "Kodu tarayın veya yazın",
    "fa": "کد را اسکن کنید یا تایپ کنید",
    "kmr": "Kodê skan bike an binivîse",
}
DEFAULT_LANGUAGES = ("de", "en", "ar", "ru", "uk", "tr", "fa", "kmr")
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian and Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
)

COLUMNS, ROWS = 2, 5
PAGE_W, PAGE_H = 210.0, 297.0  # A4 in millimetres
MARGIN_X, MARGIN_Y = 10.0, 11.0
SLIP_W, SLIP_H = (PAGE_W - 2 * MARGIN_X) / COLUMNS, (PAGE_H - 2 * MARGIN_Y) / ROWS
PAD, QR_SIZE = 4.0, 36.0
MIN_FONT_SIZE = 6.0  # points: smaller than this, a line is cut with "…" instead


class FontsNotFound(FileNotFoundError):
    """The DejaVu fonts that code sheets are printed with are not on this machine."""


def slip_url(ballot_url: str, code: str) -> str:
    """`ballot_url` with ``code=<code>`` added to its query, keeping any query and fragment it has.

    >>> slip_url("https://forum.example.de/ballot?session=may#start", "ABCD-EFGH")
    'https://forum.example.de/ballot?session=may&code=ABCD-EFGH#start'

    A `code` parameter already in the address is replaced; the code is percent-encoded.
    """
    parts = urlsplit(ballot_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"ballot_url must be an http:// or https:// address, found {ballot_url!r}")
    kept = [p for p in parts.query.split("&") if p and p.split("=", 1)[0] != "code"]
    query = "&".join([*kept, f"code={quote(code, safe='')}"])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def printable_languages(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> tuple[str, ...]:
    """The languages whose instruction a sheet will print: right-to-left ones need uharfbuzz."""
    unknown = [lang for lang in languages if lang not in INSTRUCTIONS]
    if unknown:
        raise ValueError(f"no slip instruction in {unknown[0]!r}: known are {', '.join(INSTRUCTIONS)}")
    if _can_shape():
        return tuple(languages)
    return tuple(lang for lang in languages if KNOWN[lang][1] != "rtl")


def code_sheet_pdf(
    codes: list[str],
    *,
    ballot_url: str,
    title: str,
    session_label: str,
    languages: tuple[str, ...] = DEFAULT_LANGUAGES,
) -> bytes:
    """An A4 PDF with one cut-out slip per code, ten to a page; raises ValueError for no codes."""
    if not codes:
        raise ValueError("no codes to print: issue ballot codes for the session first")
    if any(not isinstance(c, str) or not c.strip() for c in codes):
        raise ValueError("every ballot code must be a non-empty text")
    urls = [slip_url(ballot_url, code) for code in codes]
    lines = [(INSTRUCTIONS[lang], KNOWN[lang][1] == "rtl") for lang in printable_languages(languages)]
    pdf = _new_pdf(title)
    per_page = COLUMNS * ROWS
    pages = math.ceil(len(codes) / per_page)
    for index, (code, url) in enumerate(zip(codes, urls)):
        if index % per_page == 0:
            pdf.add_page()
            _page_header(pdf, title, session_label, index // per_page + 1, pages)
            _scissors(pdf)
        place, on_page = index % per_page, min(per_page, len(codes) - index // per_page * per_page)
        column, row = place % COLUMNS, place // COLUMNS
        slip = _Slip(MARGIN_X + column * SLIP_W, MARGIN_Y + row * SLIP_H)
        has_right = column < COLUMNS - 1 and place + 1 < on_page
        _cut_line(pdf, slip, right=not has_right, bottom=place + COLUMNS >= on_page)
        _draw_slip(pdf, slip, code, url, title, session_label, lines)
    return bytes(pdf.output())


@dataclass(frozen=True)
class _Slip:
    x: float
    y: float


def _can_shape() -> bool:
    return importlib.util.find_spec("uharfbuzz") is not None


def font_dirs() -> tuple[Path, ...]:
    """Where the DejaVu fonts are looked for, in order: the system's, then matplotlib's copy."""
    matplotlib = importlib.util.find_spec("matplotlib")
    if matplotlib is None or not matplotlib.origin:
        return FONT_DIRS
    return (*FONT_DIRS, Path(matplotlib.origin).parent / "mpl-data" / "fonts" / "ttf")


def _font_dir() -> Path:
    for folder in font_dirs():
        if (folder / "DejaVuSans.ttf").is_file() and (folder / "DejaVuSansMono-Bold.ttf").is_file():
            return folder
    raise FontsNotFound(
        "code sheets need the DejaVu fonts: install Debian's fonts-dejavu-core "
        "(apt-get install fonts-dejavu-core) or forum-toolkit[analysis]"
    )


def _new_pdf(title: str) -> FPDF:
    folder = _font_dir()
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_title(title)
    pdf.set_creator("forum_toolkit")
    pdf.add_font("Sans", "", str(folder / "DejaVuSans.ttf"))
    pdf.add_font("Sans", "B", str(folder / "DejaVuSans-Bold.ttf"))
    pdf.add_font("Mono", "B", str(folder / "DejaVuSansMono-Bold.ttf"))
    if _can_shape():
        pdf.set_text_shaping(True)
    pdf.c_margin = 0
    return pdf


def _page_header(pdf: FPDF, title: str, session_label: str, page: int, pages: int) -> None:
    pdf.set_text_color(110)
    text = f"{title} · {session_label} · {page}/{pages}"
    _fitted_cell(pdf, MARGIN_X + 10, 4, PAGE_W - 2 * MARGIN_X - 20, 4, text, "Sans", "", 7, align="C")
    pdf.set_text_color(0)


def _scissors(pdf: FPDF) -> None:
    pdf.set_font("Sans", "", 9)
    pdf.set_xy(MARGIN_X + 2, MARGIN_Y - 4)
    pdf.cell(5, 4, "✂")


def _cut_line(pdf: FPDF, slip: _Slip, right: bool, bottom: bool) -> None:
    """Dashed lines on the slip's top and left edge, and on its right and bottom edge when asked.

    Each edge is drawn once (a neighbour draws the shared one), left to right and top to bottom,
    so that dashes never fall half over each other into a solid-looking line.
    """
    pdf.set_draw_color(150)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=2, gap=1.5)
    x, y = slip.x, slip.y
    pdf.line(x, y, x + SLIP_W, y)
    pdf.line(x, y, x, y + SLIP_H)
    if right:
        pdf.line(x + SLIP_W, y, x + SLIP_W, y + SLIP_H)
    if bottom:
        pdf.line(x, y + SLIP_H, x + SLIP_W, y + SLIP_H)
    pdf.set_dash_pattern()


def _draw_slip(pdf: FPDF, slip: _Slip, code: str, url: str, title: str, session_label: str, lines) -> None:
    _draw_qr(pdf, url, slip.x + PAD, slip.y + PAD, QR_SIZE)
    left = slip.x + PAD + QR_SIZE + PAD
    width = slip.x + SLIP_W - PAD - left
    _fitted_cell(pdf, left, slip.y + PAD, width, 4.5, title, "Sans", "B", 8)
    _fitted_cell(pdf, left, slip.y + PAD + 5.5, width, 9, code, "Mono", "B", 20)
    _fitted_cell(pdf, left, slip.y + PAD + 15.5, width, 4.5, session_label, "Sans", "", 9)
    y = slip.y + PAD + 22
    step = min(3.3, (slip.y + SLIP_H - PAD - y) / max(len(lines), 1))
    for text, rtl in lines:
        _fitted_cell(pdf, left, y, width, step, text, "Sans", "", 7, align="R" if rtl else "L")
        y += step


def _fitted_cell(pdf: FPDF, x: float, y: float, width: float, height: float, text: str,
                 family: str, style: str, size: float, align: str = "L") -> None:
    """One line of text in a box: smaller type when it is too wide, then cut with an ellipsis."""
    pdf.set_font(family, style, size)
    while pdf.get_string_width(text) > width and size > MIN_FONT_SIZE:
        size -= 0.5
        pdf.set_font(family, style, size)
    while pdf.get_string_width(text) > width and len(text) > 1:
        text = text[:-2] + "…"
    pdf.set_xy(x, y)
    pdf.cell(width, height, text, align=align)


def _draw_qr(pdf: FPDF, content: str, x: float, y: float, size: float) -> None:
    """The QR code of `content` as filled squares (sharp at any printer resolution)."""
    qr = segno.make(content, error="m", micro=False)
    border = 2  # modules; the slip's padding adds to the quiet zone
    count = len(qr.matrix) + 2 * border
    module = size / count
    pdf.set_fill_color(0)
    for r, row in enumerate(qr.matrix):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            top = y + (r + border) * module
            pdf.rect(x + (start + border) * module, top, (c - start) * module, module + 0.02, style="F")
