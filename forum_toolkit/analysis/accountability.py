"""What became of the council's agenda items: one row per item, for the agenda notebook.

    accountability("sqlite:///data/demo.sqlite3", "council-2026-12", language="de")

Read from the store's adopted agenda and its dated status notes (the same entries as
`forum-toolkit agenda-report` and the public status page). Only what the council made public is in
it: titles, statuses, days and notes, never ballots or moderation.
"""

from __future__ import annotations

import pandas as pd

from forum_toolkit.agenda.words import word


def accountability(store_url: str, session_id: str, language: str = "de") -> pd.DataFrame:
    """Place, title (in `language` when someone wrote or translated it, else the author's own),
    latest status and its word in `language`, its day and note, and how many notes there are."""
    from forum_toolkit.store import open_store

    with open_store(store_url) as store:
        entries = store.report_entries(session_id)  # AgendaError when nothing was adopted yet
    rows = []
    for entry in entries:
        text = entry.candidate.text_in(language) or entry.candidate.text_in(entry.candidate.language)
        status, day, note = entry.notes[-1] if entry.notes else (entry.status, entry.adopted_on, "")
        rows.append({
            "place": entry.position,
            "title": text.title if text else entry.candidate.option_id,
            "status": status,
            "status_word": word(status, language),
            "day": day,
            "note": note,
            "notes": len(entry.notes),
        })  # fmt: skip
    return pd.DataFrame(rows)
