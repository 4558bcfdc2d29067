"""The store's sessions, their states, their codes and the audit log (ballots: test_store_ballots.py)."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest
from sqlalchemy import create_engine, func, select

from forum_toolkit.store import DuplicateSession, InvalidRequest, StateChangeRefused, UnknownSession, open_store
from forum_toolkit.store.tables import ballot_codes, consultation_snapshots

EVENING = date(2026, 11, 25)


def test_a_new_session_is_planned(fresh_store, tiny_forum, tiny_forum_text):
    info = fresh_store.create_session(tiny_forum, tiny_forum_text, "forum-2026-11-25", "Forum evening", EVENING)
    assert (info.id, info.consultation_id, info.title, info.held_on, info.state, info.submissions) == (
        "forum-2026-11-25",
        "tiny-forum",
        "Forum evening",
        EVENING,
        "planned",
        0,
    )
    assert info.content_hash == hashlib.sha256(tiny_forum_text.encode()).hexdigest()
    assert fresh_store.session("forum-2026-11-25") == info
    assert fresh_store.sessions() == [info]
    entry = fresh_store.audit("forum-2026-11-25")[0]
    assert (entry.event, entry.detail) == ("session_created", {"consultation_id": "tiny-forum", "content_hash": info.content_hash})


def test_sessions_of_the_same_file_share_one_snapshot(fresh_store, store_url, tiny_forum, tiny_forum_text):
    fresh_store.create_session(tiny_forum, tiny_forum_text, "forum-2026-11-25", "Evening one", EVENING)
    fresh_store.create_session(tiny_forum, tiny_forum_text, "forum-2026-12-09", "Evening two", date(2026, 12, 9))
    engine = create_engine(store_url)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(consultation_snapshots)).scalar() == 1
    engine.dispose()
    assert [s.id for s in fresh_store.sessions()] == ["forum-2026-11-25", "forum-2026-12-09"]


def test_a_duplicate_session_id_is_refused(fresh_store, tiny_forum, tiny_forum_text):
    fresh_store.create_session(tiny_forum, tiny_forum_text, "forum-2026-11-25", "Forum evening", EVENING)
    with pytest.raises(DuplicateSession) as raised:
        fresh_store.create_session(tiny_forum, tiny_forum_text, "forum-2026-11-25", "Again", EVENING)
    assert str(raised.value) == "there is already a session 'forum-2026-11-25'; choose another id"
    assert fresh_store.session("forum-2026-11-25").title == "Forum evening"


@pytest.mark.parametrize("session_id", ["", "Forum 2026", "forum/2026", "-forum", "x" * 101])
def test_a_session_id_must_be_plain(fresh_store, tiny_forum, tiny_forum_text, session_id):
    with pytest.raises(InvalidRequest, match=re.escape(f"session id {session_id!r}: expected lower-case letters, digits, '-' and '_'")):
        fresh_store.create_session(tiny_forum, tiny_forum_text, session_id, "Forum", EVENING)


def test_an_unknown_session(fresh_store):
    with pytest.raises(UnknownSession) as raised:
        fresh_store.session("forum-1999-01-01")
    assert str(raised.value) == "there is no session 'forum-1999-01-01' in the store"
    for read in (fresh_store.consultation, fresh_store.submissions, fresh_store.code_counts):
        with pytest.raises(UnknownSession):
            read("forum-1999-01-01")
    with pytest.raises(UnknownSession):
        fresh_store.set_state("forum-1999-01-01", "open")


def test_another_process_rebuilds_the_consultation_from_the_stored_text(fresh_store, store_url, forum_session, tiny_forum):
    with open_store(store_url) as other:
        rebuilt = other.consultation(forum_session)
    assert rebuilt.questions == tiny_forum.questions
    assert rebuilt.languages == tiny_forum.languages
    assert forum_session in rebuilt.source


def test_a_session_opens_pauses_and_closes(fresh_store, tiny_forum, tiny_forum_text):
    fresh_store.create_session(tiny_forum, tiny_forum_text, "forum-2026-11-25", "Forum evening", EVENING)
    for state in ("open", "paused", "open", "closed"):
        assert fresh_store.set_state("forum-2026-11-25", state).state == state
    changes = [(e.detail["from"], e.detail["to"]) for e in fresh_store.audit("forum-2026-11-25") if e.event == "state_changed"]
    assert changes == [("planned", "open"), ("open", "paused"), ("paused", "open"), ("open", "closed")]


@pytest.mark.parametrize(
    ("path", "wanted", "message"),
    [
        ((), "paused", "session 'forum-2026-11-25' is planned and cannot become paused"),
        (("open",), "open", "session 'forum-2026-11-25' is open and cannot become open"),
        (("closed",), "open", "session 'forum-2026-11-25' is closed and cannot become open"),
        (("open", "closed"), "paused", "session 'forum-2026-11-25' is closed and cannot become paused"),
    ],
)
def test_state_changes_that_are_refused(fresh_store, tiny_forum, tiny_forum_text, path, wanted, message):
    fresh_store.create_session(tiny_forum, tiny_forum_text, "forum-2026-11-25", "Forum evening", EVENING)
    for state in path:
        fresh_store.set_state("forum-2026-11-25", state)
    with pytest.raises(StateChangeRefused) as raised:
        fresh_store.set_state("forum-2026-11-25", wanted)
    assert str(raised.value) == message


def test_an_unknown_state_is_refused(fresh_store, forum_session):
    with pytest.raises(InvalidRequest, match="state 'done': expected one of planned, open, paused, closed"):
        fresh_store.set_state(forum_session, "done")


def test_codes_are_shown_once_and_stored_as_hashes(fresh_store, store_url, council_session):
    codes = fresh_store.create_codes(council_session, 40)
    assert len(set(codes)) == 40 and all(re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", code) for code in codes)
    assert fresh_store.code_counts(council_session) == (40, 0)
    engine = create_engine(store_url)
    with engine.connect() as connection:
        stored = set(connection.execute(select(ballot_codes.c.code_hash)).scalars())
    engine.dispose()
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in stored) and not {c.replace("-", "") for c in codes} & stored
    [entry] = [e for e in fresh_store.audit(council_session) if e.event == "codes_created"]
    assert entry.detail == {"count": 40}


def test_codes_only_for_consultations_that_use_them(fresh_store, forum_session):
    with pytest.raises(InvalidRequest) as raised:
        fresh_store.create_codes(forum_session, 10)
    assert str(raised.value) == "session 'forum-2026-11-25': consultation 'tiny-forum' is open to all (access: open) and takes no codes"


@pytest.mark.parametrize("count", [0, -1, 10_001])
def test_a_sensible_number_of_codes(fresh_store, council_session, count):
    with pytest.raises(InvalidRequest, match=f"count {count}: expected 1 to 10000 codes"):
        fresh_store.create_codes(council_session, count)


def test_the_audit_log_of_one_session_or_all(fresh_store, forum_session, council_session):
    assert {e.session_id for e in fresh_store.audit(forum_session)} == {forum_session}
    events = [e.event for e in fresh_store.audit()]
    assert events == ["schema_upgraded", "session_created", "state_changed", "session_created", "state_changed"]
