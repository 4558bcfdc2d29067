"""What became of an agenda item: its statuses and the changes between them.

An item is `planned` when the council adopts the agenda. It is then `discussed` at a meeting (and
may be planned again for a later one), `decided`, and in the end `implemented`; or `rejected`, with
the reason in the note. `implemented` and `rejected` are final. The same status can be noted again
while it is not final (a second discussion, a decision's next step), so every note is kept.

    >>> check_status_change(2, "planned", "decided")
    InvalidStatusChange: agenda item 2 is planned and cannot become decided; it can become planned, discussed, rejected
"""

from __future__ import annotations

from forum_toolkit.agenda.errors import AgendaError, InvalidStatusChange

STATUSES = ("planned", "discussed", "decided", "implemented", "rejected")
FINAL = ("implemented", "rejected")
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    "planned": ("planned", "discussed", "rejected"),
    "discussed": ("planned", "discussed", "decided", "rejected"),
    "decided": ("decided", "implemented", "rejected"),
    "implemented": (),
    "rejected": (),
}
NOTE_MAX_LENGTH = 2000


def check_status_change(position: int, current: str, wanted: str) -> str:
    """`wanted`, if the item at `position`, now `current`, may take it; else InvalidStatusChange."""
    if wanted not in STATUSES:
        raise AgendaError(f"status {wanted!r}: expected one of {', '.join(STATUSES)}")
    allowed = NEXT_STATUSES[current]
    if wanted not in allowed:
        raise InvalidStatusChange(position, current, wanted, allowed)
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
