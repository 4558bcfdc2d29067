"""Moderating what participants write: proposals (from their ballots) and statements (added on their
own), with reactions (agree, disagree, pass) to the approved ones.

A contribution is stored once, as written, and never changed. Facilitators' decisions are appended
to `moderation_decisions` (approve, reject with a reason, merge into another item, edit) and folded
here into each item's current status and text; the participant's words stay beside a correction.
Reactions to an item merged into another count for the item kept, once per voter.

Everything participants and facilitators write is kept and handed back as plain text: nothing here
escapes, formats or interprets it. The audit log names items and actions, never their text.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import replace

from sqlalchemy import Connection, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from forum_toolkit.consultation.model import Consultation, Kind, Proposal
from forum_toolkit.store import queries
from forum_toolkit.store.errors import InvalidRequest
from forum_toolkit.store.live import check_question
from forum_toolkit.store.records import CHANNELS, ApprovedItem, Item, StanceCount
from forum_toolkit.store.tables import contributions, moderation_decisions, reactions, submissions, utc_now

STATEMENT_MAX_LENGTH = 300
REASON_MAX_LENGTH = 500
STANCES = ("agree", "disagree", "pass")
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


# Collecting contributions


def collect(connection: Connection, session_id: str, consultation: Consultation) -> int:
    """Copy proposals from the session's ballots into the queue, once each. Returns how many."""
    proposals = [q.id for q in consultation.questions if q.kind is Kind.PROPOSAL]
    if not proposals:
        return 0
    seen = select(contributions.c.submission_id).where(contributions.c.session_id == session_id)
    columns = submissions.c
    statement = select(columns.submission_id, columns.language, columns.channel, columns.submitted_at, columns.answers).where(
        columns.session_id == session_id, columns.submission_id.not_in(seen.scalar_subquery())
    )
    # A cheap filter before the JSON is read: the canonical JSON names each answered question so.
    statement = statement.where(or_(*(columns.answers.contains(f'"{key}":') for key in proposals)))
    rows = []
    for row in connection.execute(statement.order_by(columns.id)):
        answers = json.loads(row.answers)
        for question_id in proposals:
            answer = answers.get(question_id)
            if isinstance(answer, dict) and answer.get("title"):
                rows.append(
                    {
                        "session_id": session_id, "question_id": question_id, "kind": "proposal", "submission_id": row.submission_id,
                        "language": row.language, "channel": row.channel, "title": answer["title"], "text": answer.get("text", ""),
                        "category": answer.get("category"), "created_at": row.submitted_at,
                    }
                )
    if rows:
        connection.execute(insert(contributions), rows)
        queries.add_audit(connection, session_id, "contributions_collected", {"count": len(rows)})
    return len(rows)


def check_statement(consultation: Consultation, session_id: str, question_id: str, text: str, language: str, channel: str, client_id: str) -> str:
    """The client's UUID, canonical; or InvalidRequest saying what is wrong with the statement."""
    question = _question_of_kind(consultation, session_id, question_id, Kind.STATEMENTS, "statements")
    check_text(f"question {question.id!r}: the statement", text, STATEMENT_MAX_LENGTH)
    if language not in consultation.language_codes:
        raise InvalidRequest(f"language {language!r}: expected one of {', '.join(consultation.language_codes)}")
    if channel not in CHANNELS:
        raise InvalidRequest(f"channel {channel!r}: expected one of {', '.join(CHANNELS)}")
    return canonical_uuid(client_id, "client id", "made once per statement")


def canonical_uuid(text: object, what: str, made: str = "") -> str:
    try:
        return str(uuid.UUID(text))
    except (ValueError, TypeError, AttributeError):
        raise InvalidRequest(f"{what} {str(text)[:60]!r}: expected a UUID" + (f" {made}" if made else "")) from None


def add_statement(connection: Connection, session_id: str, question_id: str, text: str, language: str, channel: str, client_id: str) -> tuple[int, bool]:
    """(item id, stored): a retry with the same client id stores nothing and gives the same item."""
    row = {
        "session_id": session_id, "question_id": question_id, "kind": "statement", "submission_id": client_id,
        "language": language, "channel": channel, "title": None, "text": text, "category": None, "created_at": utc_now(),
    }
    earlier = connection.execute(
        select(contributions).where(contributions.c.submission_id == client_id, contributions.c.question_id == question_id)
    ).first()
    if earlier is not None:
        if (earlier.session_id, earlier.text) != (session_id, text):
            raise InvalidRequest(f"client id {client_id!r} was already used for a different statement")
        return earlier.id, False
    item_id = connection.execute(insert(contributions).values(**row).returning(contributions.c.id)).scalar_one()
    queries.add_audit(connection, session_id, "statement_added", {"item": item_id, "question": question_id})
    return item_id, True


# Reading the queue


def items(connection: Connection, session_id: str) -> dict[int, Item]:
    """Every contribution of the session with the decisions on it folded in, by id."""
    found: dict[int, Item] = {}
    for row in connection.execute(select(contributions).where(contributions.c.session_id == session_id).order_by(contributions.c.id)):
        found[row.id] = Item(
            id=row.id, session_id=row.session_id, question_id=row.question_id, kind=row.kind, status="pending",
            title=row.title, text=row.text, category=row.category, language=row.language, channel=row.channel,
            created_at=row.created_at, original_title=row.title, original_text=row.text, reason=None, merged_into=None, merged=(),
        )
    decisions = select(moderation_decisions).where(moderation_decisions.c.session_id == session_id).order_by(moderation_decisions.c.id)
    for decision in connection.execute(decisions):
        item = found[decision.contribution_id]
        if decision.action == "approve":
            found[item.id] = replace(item, status="approved", reason=None)
        elif decision.action == "reject":
            found[item.id] = replace(item, status="rejected", reason=decision.reason)
        elif decision.action == "merge":
            found[item.id] = replace(item, status="merged", merged_into=decision.into_id)
        else:  # edit
            found[item.id] = replace(item, title=decision.title, text=decision.text)
    for item in list(found.values()):
        if item.status == "merged":
            kept = final_item(found, item.id)
            found[kept] = replace(found[kept], merged=tuple(sorted((*found[kept].merged, item.id))))
    return found


def items_of(connection: Connection, session_id: str, submission_id: str) -> list[Item]:
    """The items that came with one ballot or statement (its submission or client id)."""
    statement = select(contributions.c.id).where(contributions.c.session_id == session_id, contributions.c.submission_id == submission_id)
    ids = set(connection.execute(statement).scalars())
    return [item for item in items(connection, session_id).values() if item.id in ids] if ids else []


def final_item(found: dict[int, Item], item_id: int) -> int:
    """The item that `item_id` was merged into, following merges of merges; itself if none."""
    while found[item_id].merged_into is not None:
        item_id = found[item_id].merged_into
    return item_id


def get_item(found: dict[int, Item], session_id: str, item_id: int) -> Item:
    if isinstance(item_id, bool) or not isinstance(item_id, int) or item_id not in found:
        raise InvalidRequest(f"session {session_id!r} has no item {item_id!r} to moderate")
    return found[item_id]


def approved(found: dict[int, Item], question_id: str | None = None) -> list[ApprovedItem]:
    return [
        ApprovedItem(item.id, item.question_id, item.kind, item.title, item.text, item.category, item.language, 1 + len(item.merged))
        for item in found.values()
        if item.status == "approved" and question_id in (None, item.question_id)
    ]


# Deciding


def check_text(what: str, text: object, max_length: int) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InvalidRequest(f"{what} is empty: write at least one character")
    if _CONTROL_CHARACTERS.search(text.replace("\n", "").replace("\t", "")):
        raise InvalidRequest(f"{what} contains control characters")
    if len(text) > max_length:
        raise InvalidRequest(f"{what} has {len(text)} characters, at most {max_length} fit")
    return text


def refuse_merged(item: Item) -> None:
    if item.status == "merged":
        raise InvalidRequest(f"item {item.id} was merged into item {item.merged_into}; decide on item {item.merged_into}")


def check_merge(found: dict[int, Item], session_id: str, item_id: int, into_id: int) -> tuple[Item, Item]:
    item, kept = get_item(found, session_id, item_id), get_item(found, session_id, into_id)
    if item.id == kept.id:
        raise InvalidRequest(f"item {item.id} cannot be merged into itself; choose the item it repeats")
    refuse_merged(item)
    if kept.status == "merged":
        raise InvalidRequest(f"item {kept.id} was merged into item {kept.merged_into}; merge into item {kept.merged_into}")
    if kept.status == "rejected":
        raise InvalidRequest(f"item {kept.id} is rejected; approve it first, or merge item {kept.id} into item {item.id}")
    if item.question_id != kept.question_id:
        raise InvalidRequest(
            f"item {item.id} answers question {item.question_id!r} and item {kept.id} question {kept.question_id!r}; only items of one question merge"
        )
    return item, kept


def check_edit(consultation: Consultation, item: Item, title: str | None, text: str | None) -> tuple[str | None, str]:
    refuse_merged(item)
    if item.kind == "statement":
        if title is not None:
            raise InvalidRequest(f"item {item.id} is a statement and has no title")
        return None, check_text(f"item {item.id}: the text", text, STATEMENT_MAX_LENGTH)
    question: Proposal = consultation.question(item.question_id)  # a proposal item answers a proposal question
    new_title = item.title if title is None else check_text(f"item {item.id}: the title", title, question.title_max_length)
    new_text = item.text if text is None else text
    if text is not None and text.strip():
        check_text(f"item {item.id}: the text", text, question.text_max_length)
    return new_title, new_text


def decide(connection: Connection, item: Item, action: str, **values) -> None:
    connection.execute(
        insert(moderation_decisions).values(session_id=item.session_id, contribution_id=item.id, action=action, at=utc_now(), **values)
    )
    detail = {"item": item.id, "action": action}
    if action == "merge":
        detail["into"] = values["into_id"]
    queries.add_audit(connection, item.session_id, "item_moderated", detail)


# Reactions


def check_reaction(found: dict[int, Item], session_id: str, item_id: int, stance: str, voter: str) -> tuple[Item, str]:
    item = get_item(found, session_id, item_id)
    if stance not in STANCES:
        raise InvalidRequest(f"stance {stance!r}: expected one of {', '.join(STANCES)}")
    if found[final_item(found, item.id)].status != "approved":
        raise InvalidRequest(f"item {item.id} is {item.status}, not approved: only approved items take reactions")
    return item, canonical_uuid(voter, "voter", "for the device in this session")


def add_reaction(connection: Connection, item: Item, voter: str, stance: str) -> bool:
    """False when this voter reacted to this item before (the first reaction holds)."""
    values = {"session_id": item.session_id, "contribution_id": item.id, "voter": voter, "stance": stance, "at": utc_now()}
    dialect = sqlite if connection.dialect.name == "sqlite" else postgresql
    statement = dialect.insert(reactions).values(**values).on_conflict_do_nothing(index_elements=["contribution_id", "voter"])
    return connection.execute(statement.returning(reactions.c.id)).first() is not None


def item_stances(connection: Connection, session_id: str, found: dict[int, Item], question_id: str) -> tuple[StanceCount, ...]:
    """Agree, disagree and pass for each approved item of the question, merged duplicates included:
    a voter counts once per kept item (their reaction to the kept item itself, else their first)."""
    statement = select(reactions.c.contribution_id, reactions.c.voter, reactions.c.stance).where(reactions.c.session_id == session_id)
    chosen: dict[tuple[int, str], tuple[bool, str]] = {}
    for row in connection.execute(statement.order_by(reactions.c.id)):
        kept = final_item(found, row.contribution_id)
        own = row.contribution_id == kept
        key = (kept, row.voter)
        if key not in chosen or (own and not chosen[key][0]):
            chosen[key] = (own, row.stance)
    tallies: dict[int, dict[str, int]] = {}
    for (kept, _), (_, stance) in chosen.items():
        tallies.setdefault(kept, dict.fromkeys(STANCES, 0))[stance] += 1
    result = []
    for item in approved(found, question_id):
        tally = tallies.get(item.id, dict.fromkeys(STANCES, 0))
        result.append(StanceCount(None, item, tally["agree"], tally["disagree"], tally["pass"]))
    return tuple(result)


def _question_of_kind(consultation: Consultation, session_id: str, question_id: str, kind: Kind, name: str):
    question = check_question(consultation, session_id, question_id)
    if question.kind is not kind:
        raise InvalidRequest(f"session {session_id!r}: question {question_id!r} is {question.kind.value}, not {name}")
    return question
