"""The agenda document as a PDF to print: the same content as `document.agenda_html`, on A4.

Fonts and shaping as for the code sheets (`forum_toolkit.codesheet`): the DejaVu fonts from the
system or matplotlib, and Arabic and Farsi shaped by uharfbuzz and set right to left. Without
uharfbuzz a right-to-left text is replaced by a note saying so, never printed as broken letters.
Participant text is drawn as text: a PDF has no markup to inject into.
"""

from __future__ import annotations

from fpdf import FPDF

from forum_toolkit.agenda.document import direction, language_name, origin_label
from forum_toolkit.agenda.explain import explain
from forum_toolkit.agenda.model import Agenda
from forum_toolkit.agenda.words import word
from forum_toolkit.codesheet import _can_shape, _font_dir  # noqa: PLC2701 (one place finds the fonts)


def agenda_pdf(agenda: Agenda, languages: tuple[str, ...] = ("de",), *, held_on: str = "") -> bytes:
    """The agenda document as PDF bytes; headings and explanations in `languages[0]`."""
    language = languages[0]
    pdf = _new_pdf(f"{word('agenda', language)}: {agenda.title}")
    _paragraph(pdf, word("agenda", language), language, size=18, style="B")
    _paragraph(pdf, f"{agenda.title}{' · ' + held_on if held_on else ''}", language, size=10)
    for item in agenda.items:
        pdf.ln(3)
        _paragraph(pdf, word("item", language, n=item.position), language, size=14, style="B")
        candidate = item.candidate
        for shown in dict.fromkeys((*languages, candidate.language)):
            found = candidate.text_in(shown)
            if found is None:
                _paragraph(pdf, word("no_translation", language, language=language_name(shown)), language, size=9)
                continue
            _paragraph(pdf, found.title, shown, size=11, style="B")
            if found.text:
                _paragraph(pdf, found.text, shown, size=10)
            _paragraph(pdf, origin_label(found, language), language, size=8)
        if candidate.authors > 1:
            _paragraph(pdf, word("authors", language, n=candidate.authors), language, size=9)
        if item.by_tie_break:
            _paragraph(pdf, word("by_tie_break", language), language, size=9)
    pdf.ln(4)
    _paragraph(pdf, word("how_counted", language), language, size=14, style="B")
    for block in explain(agenda, language):
        if block.text:
            _paragraph(pdf, block.text, language, size=9)
        if block.rows:
            _paragraph(pdf, " | ".join(block.header), language, size=8, style="B")
            for row in block.rows:
                _paragraph(pdf, " | ".join(row), language, size=8)
    return bytes(pdf.output())


def _new_pdf(title: str) -> FPDF:
    folder = _font_dir()
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_title(title)
    pdf.set_creator("forum_toolkit")
    pdf.add_font("Sans", "", str(folder / "DejaVuSans.ttf"))
    pdf.add_font("Sans", "B", str(folder / "DejaVuSans-Bold.ttf"))
    if _can_shape():
        pdf.set_text_shaping(True)
    pdf.add_page()
    return pdf


def _paragraph(pdf: FPDF, text: str, language: str, *, size: float, style: str = "") -> None:
    rtl = direction(language) == "rtl"
    if rtl and not _can_shape():
        text = f"[{language_name(language)}: needs uharfbuzz to print]"
        rtl = False
    pdf.set_font("Sans", style, size)
    pdf.multi_cell(0, size * 0.5, text, align="R" if rtl else "L", new_x="LMARGIN", new_y="NEXT")
