"""Proposals for the council: their translations and the voting rounds over the approved ones.

A proposal is a contribution and is moderated as one (`moderation.py`). Translations are appended,
never changed: a volunteer's correction is a new version, and the latest per language holds. A
voting round is a session of its own, made from the approved proposals (see `agenda.round`), linked
here to the session that collected them.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, insert, select

from forum_toolkit.consultation.model import Consultation
from forum_toolkit.store import queries
from forum_toolkit.store.council_records import TRANSLATION_ORIGINS, Proposal, Translation, VotingRound
from forum_toolkit.store.errors import InvalidRequest
from forum_toolkit.store.moderation import check_text
from forum_toolkit.store.records import Item
from forum_toolkit.store.tables import proposal_translations, utc_now, voting_rounds


def translations(connection: Connection, session_id: str) -> list[Translation]:
    """Every version of every translation in the session, oldest first."""
    statement = select(proposal_translations).where(proposal_translations.c.session_id == session_id).order_by(proposal_translations.c.id)
    return [
        Translation(row.id, row.contribution_id, row.language, row.title, row.text, row.origin, row.at)
        for row in connection.execute(statement)
    ]


def latest(versions: list[Translation]) -> dict[int, tuple[Translation, ...]]:
    """Per proposal, the latest version per language (in the order the languages were first translated)."""
    found: dict[int, dict[str, Translation]] = {}
    for version in versions:
        found.setdefault(version.proposal_id, {})[version.language] = version
    return {proposal: tuple(by_language.values()) for proposal, by_language in found.items()}


def proposal_of(item: Item, translated: dict[int, tuple[Translation, ...]]) -> Proposal:
    return Proposal(
        item.id, item.session_id, item.question_id, item.status, item.title or "", item.text, item.category, item.language,
        item.channel, 1 + len(item.merged), item.reason, translated.get(item.id, ()),
    )


def check_translation(consultation: Consultation, item: Item, language: str, title: str, text: str, origin: str) -> None:
    """InvalidRequest saying what is wrong with a translation of `item`; nothing when it is fine."""
    if item.kind != "proposal":
        raise InvalidRequest(f"item {item.id} is a {item.kind}; only proposals are translated here")
    if item.status == "merged":
        raise InvalidRequest(f"item {item.id} was merged into item {item.merged_into}; translate item {item.merged_into}")
    if language not in consultation.language_codes:
        raise InvalidRequest(f"language {language!r}: expected one of {', '.join(consultation.language_codes)}")
    if language == item.language:
        raise InvalidRequest(f"item {item.id} was written in {language!r}: correct its spelling with an edit, not a translation")
    if origin not in TRANSLATION_ORIGINS:
        raise InvalidRequest(f"origin {origin!r}: expected one of {', '.join(TRANSLATION_ORIGINS)}")
    question = consultation.question(item.question_id)
    check_text(f"item {item.id}: the {language} title", title, 2 * question.title_max_length)
    if item.text.strip() or text:
        check_text(f"item {item.id}: the {language} text", text, 2 * question.text_max_length)


def add_translation(connection: Connection, item: Item, language: str, title: str, text: str, origin: str) -> int:
    values = {
        "session_id": item.session_id, "contribution_id": item.id, "language": language, "title": title, "text": text,
        "origin": origin, "at": utc_now(),
    }
    translation_id = connection.execute(insert(proposal_translations).values(**values).returning(proposal_translations.c.id)).scalar_one()
    queries.add_audit(connection, item.session_id, "proposal_translated", {"item": item.id, "language": language, "origin": origin})
    return translation_id


def add_round(connection: Connection, session_id: str, proposals_session_id: str, question_id: str, options: dict[str, int]) -> None:
    connection.execute(
        insert(voting_rounds).values(
            session_id=session_id, proposals_session_id=proposals_session_id, question_id=question_id,
            options=queries.to_json(options), created_at=utc_now(),
        )
    )
    queries.add_audit(connection, session_id, "round_created", {"proposals_session": proposals_session_id, "options": len(options)})


def voting_round(connection: Connection, session_id: str) -> VotingRound | None:
    row = connection.execute(select(voting_rounds).where(voting_rounds.c.session_id == session_id)).first()
    if row is None:
        return None
    options = json.loads(row.options)
    ordered = sorted(options.items(), key=lambda pair: pair[1])
    return VotingRound(row.session_id, row.proposals_session_id, row.question_id, tuple(ordered), row.created_at)
