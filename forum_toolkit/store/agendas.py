"""Adopted agendas and what became of their items: appended, never changed.

An agenda is adopted once per counted session, with the count that made it (method, seats,
tie-break, ballots). Each item then gathers dated status notes; the latest holds, and every earlier
one stays for residents to read.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, insert, select

from forum_toolkit.agenda.status import FIRST
from forum_toolkit.store import queries
from forum_toolkit.store.council_records import AdoptedAgenda, AdoptedItem, StatusNote
from forum_toolkit.store.tables import agenda_items, agenda_statuses, agendas, utc_now


def adopted(connection: Connection, session_id: str) -> AdoptedAgenda | None:
    head = connection.execute(select(agendas).where(agendas.c.session_id == session_id)).first()
    if head is None:
        return None
    notes: dict[int, list[StatusNote]] = {}
    statement = select(agenda_statuses).where(agenda_statuses.c.session_id == session_id).order_by(agenda_statuses.c.id)
    for row in connection.execute(statement):
        notes.setdefault(row.agenda_item_id, []).append(StatusNote(row.status, row.on_date, row.note, row.at))
    rows = connection.execute(select(agenda_items).where(agenda_items.c.session_id == session_id).order_by(agenda_items.c.position))
    items = tuple(AdoptedItem(row.position, row.option_id, row.contribution_id, tuple(notes.get(row.id, ()))) for row in rows)
    return AdoptedAgenda(head.session_id, head.question_id, head.method, head.seats, head.tie_break, head.ballots, head.adopted_at, items)


def adopt(connection: Connection, session_id: str, question_id: str, method: str, seats: int, tie_break: str, ballots: int, items: list[tuple[str, int | None]]) -> None:
    """Record the agenda: `items` are (option id, proposal id or None) in the agenda's order."""
    connection.execute(
        insert(agendas).values(
            session_id=session_id, question_id=question_id, method=method, seats=seats, tie_break=tie_break, ballots=ballots, adopted_at=utc_now()
        )
    )
    connection.execute(
        insert(agenda_items),
        [{"session_id": session_id, "position": n, "option_id": option, "contribution_id": proposal} for n, (option, proposal) in enumerate(items, start=1)],
    )
    queries.add_audit(connection, session_id, "agenda_adopted", {"method": method, "seats": seats, "items": len(items)})


def lock_item(connection: Connection, session_id: str, position: int) -> int | None:
    """The id of the agenda item at `position`, locked on PostgreSQL so that two notes take turns."""
    statement = select(agenda_items.c.id).where(agenda_items.c.session_id == session_id, agenda_items.c.position == position)
    if connection.dialect.name == "postgresql":
        statement = statement.with_for_update()
    return connection.execute(statement).scalar_one_or_none()


def latest_status(connection: Connection, item_id: int) -> str:
    statement = select(agenda_statuses.c.status).where(agenda_statuses.c.agenda_item_id == item_id).order_by(agenda_statuses.c.id.desc()).limit(1)
    return connection.execute(statement).scalar_one_or_none() or FIRST


def add_status(connection: Connection, session_id: str, item_id: int, position: int, status: str, on: date, note: str) -> None:
    connection.execute(
        insert(agenda_statuses).values(session_id=session_id, agenda_item_id=item_id, status=status, on_date=on, note=note, at=utc_now())
    )
    queries.add_audit(connection, session_id, "agenda_status_noted", {"position": position, "status": status})
