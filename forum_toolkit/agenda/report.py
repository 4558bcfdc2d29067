"""What became of the agenda's items: the public report for residents, as HTML or plain text.

    entries = [ReportEntry(1, candidate, (("discussed", date(2027, 1, 14), "Im Beirat besprochen."),))]
    html = report_html(entries, ("de", "ar"), title="Ausländerbeirat, Januar 2027")

Each item shows its title in the languages asked for (and its author's), its latest status with the
day and the council's note, and the earlier notes below. Every text is escaped. `report_rows` gives
the same as one plain row per item, for a CSV file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from forum_toolkit.agenda.document import candidate_texts, e, page
from forum_toolkit.agenda.model import Candidate
from forum_toolkit.agenda.status import FIRST
from forum_toolkit.agenda.words import word


@dataclass(frozen=True)
class ReportEntry:
    position: int
    candidate: Candidate
    notes: tuple[tuple[str, date, str], ...]  # (status, day, note), oldest first
    adopted_on: date | None = None

    @property
    def status(self) -> str:
        return self.notes[-1][0] if self.notes else FIRST


def report_html(entries: list[ReportEntry], languages: tuple[str, ...] = ("de",), *, title: str = "") -> str:
    language = languages[0]
    body = [f"<h1>{e(word('report', language))}</h1>", f'<p class="note">{e(title)}</p>', '<ol class="agenda">']
    for entry in entries:
        body.append(f'<li id="item-{entry.position}"><h2>{e(word("item", language, n=entry.position))}: {e(word(entry.status, language))}</h2>')
        body += candidate_texts(entry.candidate, languages, language)
        rows = [(word(status, language), on.isoformat(), note) for status, on, note in reversed(entry.notes)]
        if not rows and entry.adopted_on is not None:
            rows = [(word(FIRST, language), entry.adopted_on.isoformat(), "")]
        header = "".join(f"<th>{e(word(k, language))}</th>" for k in ("status", "date", "note"))
        cells = "".join(f'<tr><td>{e(s)}</td><td>{e(d)}</td><td class="text">{e(n)}</td></tr>' for s, d, n in rows)
        body.append(f"<table><caption>{e(word('history', language))}</caption><thead><tr>{header}</tr></thead><tbody>{cells}</tbody></table>")
        body.append("</li>")
    body.append("</ol>")
    return page(f"{word('report', language)}: {title}", language, body)


def report_text(entries: list[ReportEntry], language: str = "de") -> str:
    """One line per item (position, status, day, title), and its latest note indented below."""
    lines = []
    for entry in entries:
        on = entry.notes[-1][1].isoformat() if entry.notes else (entry.adopted_on.isoformat() if entry.adopted_on else "")
        lines.append(f"{entry.position}. {word(entry.status, language)} {on}  {entry.candidate.title(language)}".rstrip())
        if entry.notes:
            lines.append(f"   {entry.notes[-1][2]}")
    return "\n".join(lines)


def report_rows(entries: list[ReportEntry], languages: tuple[str, ...] = ("de",)) -> list[dict[str, object]]:
    """One row per item: its position, proposal number, title in each of `languages` (column
    `title_<lang>`, empty when there is none) and its author's, its latest status (stored value and
    the word in the first language), day and note, and how many notes it has."""
    rows = []
    for entry in entries:
        candidate = entry.candidate
        on = entry.notes[-1][1] if entry.notes else entry.adopted_on
        row: dict[str, object] = {
            "position": entry.position,
            "proposal": candidate.proposal_id if candidate.proposal_id is not None else candidate.option_id,
            "author_language": candidate.language,
            "title": candidate.original.title,
        }
        for language in languages:
            text = candidate.text_in(language)
            row[f"title_{language}"] = text.title if text is not None else ""
        row |= {
            "status": entry.status,
            "status_label": word(entry.status, languages[0]),
            "date": on.isoformat() if on else "",
            "note": entry.notes[-1][2] if entry.notes else "",
            "notes": len(entry.notes),
            "adopted_on": entry.adopted_on.isoformat() if entry.adopted_on else "",
        }
        rows.append(row)
    return rows
