"""What became of an agenda item: its statuses and the changes between them.

An item is `scheduled` when the council adopts the agenda. It is then `discussed` at a meeting (and
may be scheduled again for a later one), `decided`, `in progress` while the town carries the
decision out, and in the end `done`; or `declined` from any open status, with the reason in the
note. `done` and `declined` are final. The same status can be noted again while it is not final (a
second discussion, a decision's next step, progress), so every note is kept. A decision carried out
at once may go straight to `done`.

The stored value of "in progress" is `in_progress`; people read and may type "in progress".

    >>> check_status_change(2, "scheduled", "decided")
    InvalidStatusChange: agenda item 2 is scheduled and cannot become decided; it can become scheduled, discussed, declined
"""

from __future__ import annotations

from forum_toolkit.agenda.errors import AgendaError, InvalidStatusChange

STATUSES = ("scheduled", "discussed", "decided", "in_progress", "done", "declined")
FIRST = "scheduled"
FINAL = ("done", "declined")
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    "scheduled": ("scheduled", "discussed", "declined"),
    "discussed": ("scheduled", "discussed", "decided", "declined"),
    "decided": ("decided", "in_progress", "done", "declined"),
    "in_progress": ("in_progress", "done", "declined"),
    "done": (),
    "declined": (),
}
NOTE_MAX_LENGTH = 2000


def status_label(status: str) -> str:
    """The status as people read it in English: `in_progress` is "in progress"."""
    return status.replace("_", " ")


def status_of(given: str) -> str:
    """The stored status for what someone typed ("in progress", "in-progress", "In_Progress"), or
    AgendaError naming the statuses there are."""
    stored = given.strip().lower().replace(" ", "_").replace("-", "_") if isinstance(given, str) else given
    if stored not in STATUSES:
        raise AgendaError(f"status {given!r}: expected one of {', '.join(map(status_label, STATUSES))}")
    return stored


def check_status_change(position: int, current: str, wanted: str) -> str:
    """The stored form of `wanted`, if the item at `position`, now `current`, may take it; else
    InvalidStatusChange (or AgendaError for a status that does not exist)."""
    wanted = status_of(wanted)
    allowed = NEXT_STATUSES[current]
    if wanted not in allowed:
        raise InvalidStatusChange(position, status_label(current), status_label(wanted), tuple(map(status_label, allowed)))
    return wanted


def check_note(note: object) -> str:
    """The note as given, or AgendaError when it is empty, too long or holds control characters."""
    if not isinstance(note, str) or not note.strip():
        raise AgendaError("the note is empty: say in a sentence what happened (it is shown to residents)")
    if len(note) > NOTE_MAX_LENGTH:
        raise AgendaError(f"the note has {len(note)} characters, at most {NOTE_MAX_LENGTH} fit")
    if any(ord(c) < 32 and c not in "\n\t" for c in note):
        raise AgendaError("the note contains control characters")
    return note
