"""Submitting ballots: stored once, durable on return, and every refusal explained and audited."""

from __future__ import annotations

import threading
import uuid
from datetime import date, datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum_toolkit.store import InvalidRequest, SubmissionRefused, open_store

GOOD = {"park": "parking", "idea": "Mehr Bänke am Fluss"}


def new_id() -> str:
    return str(uuid.uuid4())


def refusal(store, session_id, answers=GOOD, **fields) -> SubmissionRefused:
    """Submit, expecting a refusal; gives the refusal."""
    fields = {"language": "de", "channel": "tablet", "submission_id": new_id(), **fields}
    with pytest.raises(SubmissionRefused) as raised:
        store.submit(session_id, answers, **fields)
    return raised.value


def test_a_ballot_is_stored_and_receipted(fresh_store, forum_session):
    receipt = fresh_store.submit(forum_session, GOOD, language="ar", channel="phone", submission_id=(sid := new_id()))
    assert (receipt.submission_id, receipt.session_id, receipt.stored) == (sid, forum_session, True)
    [stored] = fresh_store.submissions(forum_session)
    assert (stored.submission_id, stored.language, stored.channel, stored.answers) == (sid, "ar", "phone", GOOD)
    assert stored.submitted_at == receipt.submitted_at
    assert fresh_store.session(forum_session).submissions == 1


def test_a_retry_is_receipted_but_not_stored_again(fresh_store, forum_session):
    first = fresh_store.submit(forum_session, GOOD, language="de", channel="tablet", submission_id=(sid := new_id()))
    again = fresh_store.submit(forum_session, GOOD, language="de", channel="tablet", submission_id=sid.upper())
    assert (again.stored, again.submitted_at) == (False, first.submitted_at)
    assert len(fresh_store.submissions(forum_session)) == 1


def test_a_retry_after_closing_still_finds_its_ballot(fresh_store, forum_session):
    fresh_store.submit(forum_session, GOOD, language="de", channel="tablet", submission_id=(sid := new_id()))
    fresh_store.set_state(forum_session, "closed")
    assert fresh_store.submit(forum_session, GOOD, language="de", channel="tablet", submission_id=sid).stored is False


def test_an_id_reused_for_a_different_ballot_is_refused(fresh_store, forum_session):
    fresh_store.submit(forum_session, GOOD, language="de", channel="tablet", submission_id=(sid := new_id()))
    refused = refusal(fresh_store, forum_session, {"park": "park"}, submission_id=sid)
    assert (refused.reason, str(refused)) == ("submission_id_reused", "this submission id was already used for a different ballot")
    assert fresh_store.submissions(forum_session)[0].answers == GOOD


def test_a_ballot_cast_earlier_keeps_its_time(fresh_store, forum_session):
    on_paper = datetime(2026, 11, 25, 18, 45, tzinfo=timezone.utc)
    fresh_store.submit(forum_session, GOOD, language="de", channel="paper", submission_id=new_id(), submitted_at=on_paper)
    assert fresh_store.submissions(forum_session)[0].submitted_at == on_paper


def test_wrong_answers_are_refused_with_their_problems_and_nothing_is_stored(fresh_store, forum_session):
    refused = refusal(fresh_store, forum_session, {"park": "Ich will einen Spielplatz", "my secret": "x"})
    assert refused.reason == "invalid_answers"
    assert [(p.question, p.code) for p in refused.problems] == [("my secret", "unknown_question"), ("park", "unknown_option")]
    assert str(refused) == (
        "the answers do not fit the consultation: there is no question 'my secret' in this consultation; "
        "question 'park': 'Ich will einen Spielplatz' is not one of its options"
    )
    assert fresh_store.submissions(forum_session) == []
    entry = fresh_store.audit(forum_session)[-1]
    assert (entry.event, entry.detail) == (
        "submission_refused",
        {"reason": "invalid_answers", "problems": [{"question": None, "code": "unknown_question"}, {"question": "park", "code": "unknown_option"}]},
    )
    assert "Spielplatz" not in str(entry.detail) and "secret" not in str(entry.detail)


@pytest.mark.parametrize(
    ("fields", "reason", "message", "event"),
    [
        ({"channel": "fax"}, "bad_channel", "the channel is not one of tablet, phone, paper, assisted", "submission_refused"),
        ({"language": "fr"}, "unknown_language", "the language is not one of the consultation's languages", "submission_refused"),
        ({"submission_id": "42"}, "bad_submission_id", "the submission id is not a UUID", "submission_refused"),
        ({"code": "ABCD-EFGH"}, "code_not_expected", "this consultation does not use ballot codes", "code_refused"),
    ],
)
def test_submissions_that_do_not_fit_are_refused(fresh_store, forum_session, fields, reason, message, event):
    refused = refusal(fresh_store, forum_session, **fields)
    assert (refused.reason, str(refused), refused.problems) == (reason, message, ())
    assert fresh_store.submissions(forum_session) == []
    entry = fresh_store.audit(forum_session)[-1]
    assert (entry.event, entry.detail) == (event, {"reason": reason, "problems": []})


@pytest.mark.parametrize("states", [("paused",), ("closed",)])
def test_a_session_that_is_not_open_takes_no_ballots(fresh_store, forum_session, states):
    for state in states:
        fresh_store.set_state(forum_session, state)
    refused = refusal(fresh_store, forum_session)
    assert (refused.reason, str(refused)) == ("session_not_open", "the session is not open for submissions")
    assert fresh_store.submissions(forum_session) == []
    assert fresh_store.audit(forum_session)[-1].detail == {"reason": "session_not_open", "problems": []}


def test_a_planned_session_takes_no_ballots(fresh_store, tiny_forum, tiny_forum_text):
    fresh_store.create_session(tiny_forum, tiny_forum_text, "forum-2026-12-09", "Next time", date(2026, 12, 9))
    assert refusal(fresh_store, "forum-2026-12-09").reason == "session_not_open"


def test_an_unknown_session_is_refused_and_audited_without_its_name(fresh_store):
    refused = refusal(fresh_store, "forum-by-someone-else")
    assert (refused.reason, str(refused)) == ("unknown_session", "there is no such session")
    entry = fresh_store.audit()[-1]
    assert (entry.session_id, entry.event, entry.detail) == (None, "submission_refused", {"reason": "unknown_session", "problems": []})


# --- Ballot codes ---------------------------------------------------------------------------------


def test_a_code_opens_one_ballot(fresh_store, council_session):
    [code] = fresh_store.create_codes(council_session, 1)
    assert fresh_store.submit(council_session, GOOD, language="de", channel="tablet", submission_id=new_id(), code=code).stored
    assert fresh_store.code_counts(council_session) == (1, 1)
    refused = refusal(fresh_store, council_session, code=code)
    assert (refused.reason, str(refused)) == ("code_used", "the ballot code has already been used")
    assert len(fresh_store.submissions(council_session)) == 1
    entry = fresh_store.audit(council_session)[-1]
    assert (entry.event, entry.detail) == ("code_refused", {"reason": "code_used", "problems": []})


def test_a_code_may_be_typed_loosely(fresh_store, council_session):
    [code] = fresh_store.create_codes(council_session, 1)
    typed = " " + code.lower().replace("-", " ") + " "
    assert fresh_store.submit(council_session, GOOD, language="de", channel="phone", submission_id=new_id(), code=typed).stored


def test_a_retry_with_its_code_is_receipted(fresh_store, council_session):
    [code] = fresh_store.create_codes(council_session, 1)
    sid = new_id()
    fresh_store.submit(council_session, GOOD, language="de", channel="tablet", submission_id=sid, code=code)
    assert fresh_store.submit(council_session, GOOD, language="de", channel="tablet", submission_id=sid, code=code).stored is False
    assert fresh_store.code_counts(council_session) == (1, 1)


@pytest.mark.parametrize(
    ("code", "reason", "message"),
    [
        (None, "code_required", "this consultation needs a ballot code"),
        ("", "code_required", "this consultation needs a ballot code"),
        ("2345-6789", "code_unknown", "the ballot code is not known"),
        ("not a code", "code_unknown", "the ballot code is not known"),
    ],
)
def test_codes_that_open_nothing(fresh_store, council_session, code, reason, message):
    fresh_store.create_codes(council_session, 5)
    refused = refusal(fresh_store, council_session, code=code)
    assert (refused.reason, str(refused)) == (reason, message)
    assert fresh_store.submissions(council_session) == [] and fresh_store.code_counts(council_session) == (5, 0)


def test_a_code_of_another_session(fresh_store, council_session, coded_council, coded_council_text):
    fresh_store.create_session(coded_council, coded_council_text, "council-2027-01", "Council, January", date(2027, 1, 14))
    fresh_store.set_state("council-2027-01", "open")
    [january_code] = fresh_store.create_codes("council-2027-01", 1)
    refused = refusal(fresh_store, council_session, code=january_code)
    assert (refused.reason, str(refused)) == ("code_other_session", "the ballot code belongs to another session")
    assert fresh_store.code_counts("council-2027-01") == (1, 0)
    assert fresh_store.audit(council_session)[-1].detail == {"reason": "code_other_session", "problems": []}


def test_a_refused_ballot_leaves_its_code_unused(fresh_store, council_session):
    [code] = fresh_store.create_codes(council_session, 1)
    assert refusal(fresh_store, council_session, {"park": "nowhere"}, code=code).reason == "invalid_answers"
    fresh_store.set_state(council_session, "paused")
    assert refusal(fresh_store, council_session, code=code).reason == "session_not_open"
    assert fresh_store.code_counts(council_session) == (1, 0)


# --- Property: whatever is sent, the store counts each accepted ballot once -----------------------

attempt = st.tuples(
    st.integers(min_value=0, max_value=7),  # which submission id (few, so that retries happen)
    st.sampled_from([{"park": "park"}, {"park": "parking", "idea": "Bänke"}, {"park": "beach"}, {}, {"idea": "x" * 60}]),
    st.sampled_from(["de", "ar", "fr"]),
    st.sampled_from(["tablet", "phone", "fax"]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(attempts=st.lists(attempt, max_size=20))
def test_the_count_is_the_number_of_distinct_accepted_ids(sqlite_url, tiny_forum, tiny_forum_text, attempts):
    with open_store(sqlite_url) as store:
        session_id = f"forum-{uuid.uuid4().hex[:12]}"  # every example in a session of its own
        store.create_session(tiny_forum, tiny_forum_text, session_id, "Forum", date(2026, 11, 25))
        store.set_state(session_id, "open")
        ids = [new_id() for _ in range(8)]  # ids are unique across sessions too
        accepted: dict[str, tuple] = {}
        for number, answers, language, channel in attempts:
            sent = (answers, language, channel)
            try:
                receipt = store.submit(session_id, answers, language=language, channel=channel, submission_id=ids[number])
            except SubmissionRefused as refused:
                assert refused.reason != "submission_id_reused" or accepted[ids[number]] != sent
                continue
            assert receipt.stored == (ids[number] not in accepted)
            accepted.setdefault(ids[number], sent)
        stored = store.submissions(session_id)
        assert len(stored) == store.session(session_id).submissions == len(accepted)
        assert {s.submission_id: (s.answers, s.language, s.channel) for s in stored} == accepted


# --- Closing races submitting ------------------------------------------------------------------


def test_a_ballot_waits_for_a_closing_in_progress_and_is_then_refused(fresh_store, forum_session):
    """While the facilitator's close is being committed, a ballot neither slips in before nor after it."""
    from forum_toolkit.store import queries

    outcome = []
    with fresh_store._database.writing() as connection:  # the closing, not yet committed
        queries.lock_session(connection, forum_session, exclusive=True)
        queries.add_state(connection, forum_session, "closed")
        ballot = threading.Thread(target=lambda: outcome.append(_try_submit(fresh_store, forum_session)))
        ballot.start()
        ballot.join(0.5)
        assert ballot.is_alive(), "the ballot should wait for the closing to commit"
    ballot.join(10)
    assert outcome == ["session_not_open"]
    assert fresh_store.submissions(forum_session) == []


def _try_submit(store, session_id) -> str:
    try:
        store.submit(session_id, GOOD, language="de", channel="tablet", submission_id=new_id())
    except SubmissionRefused as refused:
        return refused.reason
    return "stored"


def test_a_time_without_a_zone_is_refused(fresh_store, forum_session):
    with pytest.raises(InvalidRequest, match="submitted_at datetime.datetime\\(2026, 11, 25, 18, 45\\): expected a timezone-aware datetime"):
        fresh_store.submit(forum_session, GOOD, language="de", channel="paper", submission_id=new_id(), submitted_at=datetime(2026, 11, 25, 18, 45))


# --- The code screen and refused taps ----------------------------------------------------------


def test_check_code_says_whether_a_code_would_open_a_ballot_without_using_it(fresh_store, council_session):
    [code] = fresh_store.create_codes(council_session, 1)
    assert fresh_store.check_code(council_session, code.lower()) is None
    assert fresh_store.check_code(council_session, code) is None
    assert fresh_store.code_counts(council_session) == (1, 0)
    fresh_store.submit(council_session, GOOD, language="de", channel="tablet", submission_id=new_id(), code=code)
    assert fresh_store.check_code(council_session, code) == "code_used"
    assert fresh_store.audit(council_session)[-1].detail == {"reason": "code_used", "problems": []}


@pytest.mark.parametrize(
    ("session", "code", "reason"),
    [
        ("council-2026-12", "", "code_required"),
        ("council-2026-12", "2345-6789", "code_unknown"),
        ("council-2026-12", "ABC", "code_unknown"),
        ("forum-2026-11-25", "2345-6789", "code_not_expected"),
        ("no-such-session", "2345-6789", "unknown_session"),
    ],
)
def test_check_code_refusals(fresh_store, forum_session, council_session, session, code, reason):
    assert fresh_store.check_code(session, code) == reason
    entry = fresh_store.audit()[-1]
    assert (entry.event, entry.detail) == ("code_refused", {"reason": reason, "problems": []})
    assert entry.session_id == (None if reason == "unknown_session" else session)


def test_check_code_knows_a_code_of_another_session(fresh_store, council_session, coded_council, coded_council_text):
    fresh_store.create_session(coded_council, coded_council_text, "council-2027-01", "Council, January", date(2027, 1, 14))
    [january_code] = fresh_store.create_codes("council-2027-01", 1)
    assert fresh_store.check_code(council_session, january_code) == "code_other_session"


def test_a_refused_tap_is_audited(fresh_store, forum_session):
    fresh_store.record_refusal(forum_session, "repeated_submit", {"detail": "thanks"})
    fresh_store.record_refusal("no-such-session", "forged_click")
    *_, tap, unknown = fresh_store.audit()
    assert (tap.session_id, tap.event, tap.detail) == (forum_session, "tap_refused", {"reason": "repeated_submit", "detail": "thanks"})
    assert (unknown.session_id, unknown.detail) == (None, {"reason": "forged_click"})


def test_a_refused_tap_needs_a_reason_code(fresh_store, forum_session):
    with pytest.raises(InvalidRequest, match="reason 'Ich habe zweimal gedrückt': expected a short code"):
        fresh_store.record_refusal(forum_session, "Ich habe zweimal gedrückt")
