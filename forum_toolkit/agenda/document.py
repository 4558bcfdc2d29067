"""The agenda document: one self-contained HTML page to print for the meeting and to post publicly.

    html = agenda_html(agenda, languages=("de", "ar"), held_on="2027-01-14")

It lists the elected items in order, each with its title and text in every language asked for and
in its author's own language (a translation says who made it; a missing one says so), then how the
votes were counted: the method in plain words, the ballots, the tie-break rule and each time it was
used, and the steps (scores, the head-to-head table, rounds). The page is in the first language
asked for (`<html lang dir>`: right to left for Arabic and Farsi), and every text in another
language carries its own `lang` and `dir`. Every participant's text is escaped: it is shown as text,
never as markup. Nothing is loaded from anywhere.
"""

from __future__ import annotations

import html

from forum_toolkit.agenda.explain import Block, explain
from forum_toolkit.agenda.model import Agenda, Candidate, ProposalText
from forum_toolkit.agenda.words import word
from forum_toolkit.consultation.languages import KNOWN

STYLE = """
body { font-family: "DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", Arial, sans-serif; color: #1a1a1a;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 2px solid #0072B2; }
h3 { font-size: 1.05rem; margin: .8rem 0 .2rem; }
.text { white-space: pre-line; margin: .2rem 0; }
.origin, .note { font-size: .9rem; color: #444; } .missing { font-size: .9rem; color: #8a3b00; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: start; vertical-align: top; }
td.n { text-align: end; font-variant-numeric: tabular-nums; }
@media print { body { margin: 0; max-width: none; } }
"""


def e(text: object) -> str:
    """Text as HTML text: <, >, &, and quotes escaped."""
    return html.escape(str(text), quote=True)


def direction(language: str) -> str:
    return KNOWN.get(language, ("", "ltr"))[1]


def language_name(language: str) -> str:
    return KNOWN.get(language, (language, "ltr"))[0]


def page(title: str, language: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{e(language)}" dir="{direction(language)}">',
            f'<head><meta charset="utf-8"><title>{e(title)}</title><style>{STYLE}</style></head>',
            "<body><main>",
            *body,
            "</main></body></html>",
            "",
        ]
    )


def origin_label(found: ProposalText, document_language: str) -> str:
    """Who wrote this text in its language: "Original (العربية)", "übersetzt von Freiwilligen (English)"..."""
    name = language_name(found.language)
    if found.origin == "author":
        return word("original", document_language, language=name)
    if found.origin in ("human", "machine"):
        return f'{word("translated_" + found.origin, document_language)} ({name})'
    return name


def candidate_texts(candidate: Candidate, languages: tuple[str, ...], document_language: str) -> list[str]:
    """The candidate's title and text in each language asked for and in its author's language."""
    parts = []
    for language in dict.fromkeys((*languages, candidate.language)):
        found = candidate.text_in(language)
        if found is None:
            parts.append(f'<p class="missing">{e(word("no_translation", document_language, language=language_name(language)))}</p>')
            continue
        origin = origin_label(found, document_language)
        text = f'<p class="text">{e(found.text)}</p>' if found.text else ""
        parts.append(
            f'<section lang="{e(language)}" dir="{direction(language)}"><h3>{e(found.title)}</h3>{text}'
            f'<p class="origin">{e(origin)}</p></section>'
        )
    return parts


def blocks_html(blocks: list[Block]) -> list[str]:
    parts = []
    for block in blocks:
        if not block.rows:
            parts.append(f"<p>{e(block.text)}</p>")
            continue
        caption = f"<caption>{e(block.text)}</caption>" if block.text else ""
        header = "".join(f"<th>{e(cell)}</th>" for cell in block.header)
        rows = "".join("<tr><th>" + e(row[0]) + "</th>" + "".join(f'<td class="n">{e(c)}</td>' for c in row[1:]) + "</tr>" for row in block.rows)
        parts.append(f"<table>{caption}<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>")
    return parts


def agenda_html(agenda: Agenda, languages: tuple[str, ...] = ("de",), *, held_on: str = "") -> str:
    """The agenda document as HTML text; the page is in `languages[0]`."""
    language = languages[0]
    body = [
        f"<h1>{e(word('agenda', language))}</h1>",
        f'<p class="note">{e(agenda.title)}{" · " + e(held_on) if held_on else ""}</p>',
        '<ol class="agenda">',
    ]
    for item in agenda.items:
        candidate = item.candidate
        body.append(f'<li id="item-{item.position}"><h2>{e(word("item", language, n=item.position))}</h2>')
        body += candidate_texts(candidate, languages, language)
        if candidate.authors > 1:
            body.append(f'<p class="note">{e(word("authors", language, n=candidate.authors))}</p>')
        if item.by_tie_break:
            body.append(f'<p class="note">{e(word("by_tie_break", language))}</p>')
        body.append("</li>")
    body.append("</ol>")
    body.append(f"<h2>{e(word('how_counted', language))}</h2>")
    body += blocks_html(explain(agenda, language))
    return page(f"{word('agenda', language)}: {agenda.title}", language, body)
