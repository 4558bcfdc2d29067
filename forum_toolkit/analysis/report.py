"""The town report: one self-contained HTML file for residents, with every table and chart suppressed.

    html = town_report(store, "forum-2026-11-12", language="ar", threshold=5)
    Path("report.html").write_text(html, encoding="utf-8")

Self-contained: the charts are PNG images inside the file (data: URIs), the styles are inline, and
nothing is loaded from anywhere, so the file opens offline and can be mailed or put on the town's
website as it is. The page says its language (`<html lang>`) and is laid out right to left for
Arabic, Farsi and the other right-to-left languages (`dir="rtl"`). Every text from the consultation
or the store is escaped: a label can never become markup.

What it shows: how many took part, by language, way of taking part and every self-described group;
each counted question as a chart and a table (matrix rows and statements as one table); rankings in
the order the Schulze method gives; and, for statements, what the groups agree on. Every count goes
through `forum_toolkit.privacy.SuppressionPolicy`; free text (short and long texts, proposals) is
never shown.
"""

from __future__ import annotations

import base64
import html
from typing import Any

from forum_toolkit.analysis import plots
from forum_toolkit.analysis.errors import UnknownLanguage, UnknownQuestion
from forum_toolkit.analysis.frames import Answers, load_answers
from forum_toolkit.analysis.participation import submissions_by
from forum_toolkit.analysis.publish import Published, published_agreement, published_counts, published_distribution
from forum_toolkit.analysis.report_words import word
from forum_toolkit.analysis.votes import count_question, profile
from forum_toolkit.consultation.languages import KNOWN
from forum_toolkit.consultation.model import Kind
from forum_toolkit.export.labels import label
from forum_toolkit.privacy import HIDDEN, FREE_TEXT_KINDS, SuppressionPolicy

CHARTED = (Kind.SINGLE_CHOICE, Kind.SCALE, Kind.NUMBER, Kind.MULTIPLE_CHOICE, Kind.APPROVAL, Kind.DOTS)

STYLE = """
body { font-family: "DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", Arial, sans-serif; color: #1a1a1a;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #0072B2; }
h3 { font-size: 1.1rem; margin-top: 1.8rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: start; vertical-align: top; }
td.n { text-align: end; font-variant-numeric: tabular-nums; }
img { max-width: 100%; height: auto; }
.note { font-size: .9rem; color: #444; }
"""


def town_report(store: Any, session_id: str, language: str = "de", threshold: int = 5, *, by: str | None = None) -> str:
    """The report of one session as an HTML text (see the module's docstring).

    `by`: the group question for "what the groups agree on" (default: the consultation's first
    self-described group question that is not age). Raises InvalidThreshold, UnknownSession or
    UnknownLanguage with one clear message.
    """
    policy = SuppressionPolicy(threshold)
    consultation = store.consultation(session_id) if not isinstance(store, str) else None
    if consultation is not None and language not in consultation.language_codes:
        raise UnknownLanguage(language, consultation.language_codes)
    answers = load_answers(store, [session_id], language)
    info = (store.session(session_id) if not isinstance(store, str) else None)
    return render(answers, policy, title=info.title if info else session_id, held_on=str(info.held_on) if info else "", by=by)


def render(answers: Answers, policy: SuppressionPolicy, *, title: str = "", held_on: str = "", by: str | None = None) -> str:
    """The report of `answers` (one session) as HTML."""
    consultation = answers.consultation
    language = answers.language
    fallbacks = consultation.fallbacks()
    direction = _direction(answers)
    total = policy.counts([answers.submissions], ["n"]).total
    shown_total = HIDDEN if total is None else str(total)
    parts = [
        f"<h1>{_e(label(consultation.title, language, fallbacks))}</h1>",
        f'<p class="note">{_e(title)}{" · " + _e(held_on) if held_on else ""}</p>',
        f"<h2>{_e(word('participation', language))}</h2>",
        f"<p>{_e(word('ballots', language, n=shown_total))}</p>",
    ]
    parts += _participation(answers, policy)
    parts.append(f"<h2>{_e(word('results', language))}</h2>")
    for question in consultation.questions:
        if not question.takes_answer or question.describes_participant or question.kind.value in FREE_TEXT_KINDS:
            continue
        parts += _question(answers, question, policy)
    parts += _agreement(answers, policy, by)
    parts.append(f'<p class="note">{_e(word("privacy", language, threshold=policy.threshold))}</p>')
    parts.append(f'<p class="note">{_e(word("made", language, n=shown_total, session=answers.sessions[0]))}</p>')
    head = f'<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(label(consultation.title, language, fallbacks))}</title><style>{STYLE}</style>'
    body = "\n".join(parts)
    return f'<!DOCTYPE html>\n<html lang="{_e(language)}" dir="{direction}">\n<head>{head}</head>\n<body><main>\n{body}\n</main></body>\n</html>\n'


def _participation(answers: Answers, policy: SuppressionPolicy) -> list[str]:
    language = answers.language
    parts = []
    for column, heading in (("language", word("by_language", language)), ("channel", word("by_channel", language))):
        frame = submissions_by(answers, column)
        if column == "channel":
            frame["label"] = [word(c, language) if c in ("tablet", "phone", "paper", "assisted") else c for c in frame["channel"]]
        parts += _published_block(published_counts(frame, "submissions", policy, title=heading), chart=False)
    for group in answers.groups:
        frame = submissions_by(answers, group)
        frame["label"] = [text or word("no_answer", language) for text in frame["label"]]
        parts += _published_block(published_counts(frame, "submissions", policy, title=answers.text(group)), chart=False)
    return parts


def _question(answers: Answers, question, policy: SuppressionPolicy) -> list[str]:
    language = answers.language
    if question.kind is Kind.RANKING:
        return _ranking(answers, question, policy)
    tables = published_distribution(answers, question.id, policy)
    if not tables or not tables[0].row_labels:
        return []
    if question.kind in CHARTED:
        published = tables[0]
        return _published_block(published, chart=True, unit=word("dots", language) if question.kind is Kind.DOTS else "")
    # matrix rows and statements: one table, a row per item
    parts = [f"<h3>{_e(answers.text(question.id))}</h3>", "<table>"]
    labels = tables[0].row_labels if tables else ()
    parts.append("<tr><th></th>" + "".join(f'<th scope="col">{_e(c)}</th>' for c in labels) + '<th scope="col">n</th></tr>')
    for published in tables:
        cells = published.table.cells[0]
        total = published.table.total
        row = "".join(f'<td class="n">{_e(_cell(v, total))}</td>' for v in cells)
        parts.append(f'<tr><th scope="row">{_e(published.title)}</th>{row}<td class="n">{_e(HIDDEN if total is None else str(total))}</td></tr>')
    parts.append("</table>")
    return parts


def _ranking(answers: Answers, question, policy: SuppressionPolicy) -> list[str]:
    language = answers.language
    result = count_question(answers, question.id, "schulze")
    voters = profile(answers, question.id).voters
    parts = [f"<h3>{_e(answers.text(question.id))}</h3>"]
    if voters < policy.threshold:
        return parts + [f"<p>{HIDDEN}</p>"]
    labels = answers.labels(question.id)
    items = "".join(f"<li>{_e(' = '.join(labels[c] for c in group))}</li>" for group in result.order or ())
    return parts + [f'<p class="note">{_e(word("order", language))} · {_e(word("answers", language, n=voters))}</p>', f"<ol>{items}</ol>"]


def _agreement(answers: Answers, policy: SuppressionPolicy, by: str | None) -> list[str]:
    statements = [q for q in answers.consultation.questions if q.kind is Kind.STATEMENTS]
    if not statements or not answers.groups:
        return []
    if by is None:
        by = next((g for g in answers.groups if g != "age_group"), answers.groups[0])
    elif by not in answers.groups:
        raise UnknownQuestion(by, answers.groups, what="group question")
    language = answers.language
    parts = [f"<h2>{_e(word('agreement', language))}</h2>"]
    for question in statements:
        published = published_agreement(answers, question.id, by, policy)
        frame = published.frame
        header = [*frame.columns[1:-1], word("consensus", language)]
        parts.append(f"<h3>{_e(published.title)}</h3>")
        parts.append(f'<p class="note">{_e(word("agreement_note", language, by=answers.text(by)))}</p>')
        rows = ["<tr><th></th>" + "".join(f'<th scope="col">{_e(h)}</th>' for h in header) + "</tr>"]
        for values in frame.itertuples(index=False):
            rows.append(f'<tr><th scope="row">{_e(values[0])}</th>' + "".join(f'<td class="n">{_e(v)}</td>' for v in values[1:]) + "</tr>")
        parts.append("<table>" + "".join(rows) + "</table>")
    return parts


def _published_block(published: Published, *, chart: bool, unit: str = "") -> list[str]:
    table = published.table
    parts = [f"<h3>{_e(published.title)}</h3>"]
    if chart:
        figure = plots.published_bars(list(published.row_labels), list(table.cells[0]), total=None if unit else table.total)
        png = base64.b64encode(plots.to_png(figure, dpi=90)).decode("ascii")
        parts.append(f'<img src="data:image/png;base64,{png}" alt="{_e(published.title)}">')
    rows = []
    for values in published.frame.itertuples(index=False):
        head, *cells = values
        rows.append(f'<tr><th scope="row">{_e(head)}</th>' + "".join(f'<td class="n">{_e(v)}</td>' for v in cells) + "</tr>")
    header = "<tr><th></th>" + "".join(f'<th scope="col">{_e(c if c != "n" or not unit else unit)}</th>' for c in published.frame.columns[1:]) + "</tr>"
    parts.append("<table>" + header + "".join(rows) + "</table>")
    return parts


def _cell(value: int | None, total: int | None) -> str:
    if value is None:
        return HIDDEN
    return f"{value} ({value / total:.0%})" if total else str(value)


def _direction(answers: Answers) -> str:
    for lang in answers.consultation.languages:
        if lang.code == answers.language:
            return lang.direction
    return KNOWN.get(answers.language, ("", "ltr"))[1]


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)
