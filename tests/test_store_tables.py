"""The tables: what they keep, and what they deliberately do not."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, insert, select

from forum_toolkit.store import open_store
from forum_toolkit.store.tables import audit_log, ballot_codes, metadata, submissions


def test_nothing_links_a_ballot_to_its_code():
    assert not {"code", "code_hash", "ballot_code"} & set(submissions.c.keys())
    assert set(ballot_codes.c.keys()) == {"code_hash", "session_id", "created_at", "used"}


def test_every_table_is_in_the_metadata():
    assert sorted(metadata.tables) == [
        "agenda_items",
        "agenda_statuses",
        "agendas",
        "audit_log",
        "ballot_codes",
        "consultation_snapshots",
        "contributions",
        "forum_events",
        "moderation_decisions",
        "proposal_translations",
        "reactions",
        "server_presence",
        "session_states",
        "sessions",
        "submissions",
        "voting_rounds",
    ]


def test_moments_come_back_in_utc_with_their_zone(store_url):
    open_store(store_url).close()
    engine = create_engine(store_url)
    berlin_evening = datetime(2026, 11, 25, 19, 30, 15, 123456, tzinfo=timezone(timedelta(hours=1)))
    with engine.begin() as connection:
        connection.execute(insert(audit_log).values(at=berlin_evening, event="test", detail="{}"))
        at = connection.execute(select(audit_log.c.at).where(audit_log.c.event == "test")).scalar_one()
    engine.dispose()
    assert at == berlin_evening
    assert at.tzinfo == timezone.utc and at.hour == 18


def test_a_moment_without_a_zone_is_refused(sqlite_url):
    open_store(sqlite_url).close()
    engine = create_engine(sqlite_url)
    with pytest.raises(Exception, match="expected a timezone-aware datetime"), engine.begin() as connection:
        connection.execute(insert(audit_log).values(at=datetime(2026, 11, 25, 19, 30), event="test", detail="{}"))
    engine.dispose()
