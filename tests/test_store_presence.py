"""Connected devices: each Voilà process reports its count; the console adds up the fresh ones."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from forum_toolkit.store import InvalidRequest, UnknownSession
from forum_toolkit.store.tables import server_presence, utc_now


def test_the_fresh_reports_of_every_server_are_added_up(fresh_store, forum_session):
    assert fresh_store.presence(forum_session).connected == 0
    fresh_store.report_presence(forum_session, "cafe:8866:101", connected=12, started=30)
    fresh_store.report_presence(forum_session, "cafe:8867:102", connected=5, started=30)
    fresh_store.report_presence(forum_session, "cafe:8866:101", connected=9, started=30)  # overwrites its own row
    found = fresh_store.presence(forum_session)
    assert (found.connected, found.servers) == (14, 2)


def test_a_server_that_stopped_reporting_drops_out(fresh_store, forum_session):
    fresh_store.report_presence(forum_session, "cafe:8866:101", connected=12, started=30)
    fresh_store.report_presence(forum_session, "laptop:8866:7", connected=3, started=3)
    with fresh_store._database.writing() as connection:
        connection.execute(update(server_presence).where(server_presence.c.server_id == "laptop:8866:7").values(seen_at=utc_now() - timedelta(minutes=5)))
    assert fresh_store.presence(forum_session).connected == 12


def test_reporting_wakes_no_watcher(fresh_store, forum_session):
    before = fresh_store.version(forum_session)
    fresh_store.report_presence(forum_session, "cafe:8866:101", connected=4, started=4)
    assert fresh_store.version(forum_session) == before


@pytest.mark.parametrize(("connected", "started"), [(-1, 0), (0, -2), ("3", 1), (1.5, 2)])
def test_impossible_counts_are_refused_and_nothing_is_stored(fresh_store, forum_session, connected, started):
    with pytest.raises(InvalidRequest, match="expected counts of 0 or more"):
        fresh_store.report_presence(forum_session, "cafe:8866:101", connected=connected, started=started)
    assert fresh_store.presence(forum_session).servers == 0


def test_an_unknown_session_is_refused(fresh_store):
    with pytest.raises(UnknownSession):
        fresh_store.report_presence("nowhere", "cafe:8866:101", connected=1, started=1)
