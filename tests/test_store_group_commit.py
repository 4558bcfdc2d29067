"""Group commit on SQLite: ballots that wait are committed together, each decided on its own, and a
process that dies anywhere on the way neither blocks the others nor loses a confirmed ballot.

The crash tests put ballots in the spool as waiting processes would (`waiting_ballot`), let a child
process lead a batch and kill itself (SIGKILL) at a named point of the write path, then let each
waiting ballot's owner go on exactly as a live process does after its wait (`GroupCommit._await`).
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import signal
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import date

import pytest

from forum_toolkit.store import SubmissionRefused, group_commit, open_store
from forum_toolkit.store.ballots import prepare_ballot
from forum_toolkit.store.mailbox import Mailbox
from forum_toolkit.store.spool import JOURNAL
from forum_toolkit.store.sqlite_ballots import entry_for
from forum_toolkit.store.tables import utc_now

GOOD = {"park": "park", "idea": "Ein Brunnen"}


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def store(sqlite_url):
    with open_store(sqlite_url) as store:
        yield store


@pytest.fixture
def forum(store, tiny_forum, tiny_forum_text) -> str:
    """An open session of `tiny_forum` (open to all) in `store`."""
    store.create_session(tiny_forum, tiny_forum_text, "forum-2026-11-25", "Forum evening", date(2026, 11, 25))
    store.set_state("forum-2026-11-25", "open")
    return "forum-2026-11-25"


@pytest.fixture
def council(store, coded_council, coded_council_text) -> str:
    """An open session of `coded_council` (ballot codes) in `store`."""
    store.create_session(coded_council, coded_council_text, "council-2026-12", "Council, December", date(2026, 12, 3))
    store.set_state("council-2026-12", "open")
    return "council-2026-12"


@dataclass
class Waiting:
    """A ballot in the spool and what its owner waits with."""

    submission_id: str
    token: str
    mailbox: Mailbox
    lock: int

    def outcome(self, store) -> str:
        """What the owner learns: posted by a leader, or by leading itself."""
        return store._ballots._group._await(self.token, self.mailbox, self.lock)


@pytest.fixture
def waiting_ballot(store):
    """waiting_ballot(session_id, answers, submission_id=..., code=...): spool a ballot as a process
    whose try for the lock failed does; nobody looks for it until the test calls its `outcome`."""
    made: list[Waiting] = []

    def spool_one(session_id: str, answers=GOOD, submission_id: str | None = None, code: str | None = None) -> Waiting:
        made.append(_spool(store, session_id, answers, submission_id, code))
        return made[-1]

    yield spool_one
    for ballot in made:
        ballot.mailbox.close()
        os.close(ballot.lock)


def _spool(store, session_id: str, answers, submission_id: str | None, code: str | None) -> Waiting:
    submission_id = submission_id or new_id()
    consultation = store.consultation(session_id)
    ballot = prepare_ballot(consultation, session_id, answers, language="de", channel="tablet", submission_id=submission_id, code=code)
    entry = entry_for(ballot, store._salt(session_id), store._ballots._times, utc_now())
    mailbox = Mailbox(store._ballots._group.spool.folder)
    token = mailbox.new_token()
    store._ballots._group.spool.add(token, entry)
    return Waiting(submission_id, token, mailbox, os.open(store._database.lock_path, os.O_RDWR))


def spooled(store) -> list[str]:
    return sorted(name for name in os.listdir(store._ballots._group.spool.folder) if not name.endswith(".fifo"))


# --- Batches ---------------------------------------------------------------------------------------


def test_waiting_ballots_are_committed_in_one_transaction_each_decided_on_its_own(store, council, waiting_ballot, monkeypatch):
    first, second = store.create_codes(council, 2)
    taken = new_id()
    store.submit(council, GOOD, language="de", channel="tablet", submission_id=taken, code=first)
    waiting = {
        "new": waiting_ballot(council, code=second),
        "same code again": waiting_ballot(council, code=second),
        "used code": waiting_ballot(council, code=first),
        "retry": waiting_ballot(council, submission_id=taken, code=first),
        "id reused": waiting_ballot(council, {"park": "parking"}, submission_id=taken, code=first),
    }
    commits = []
    monkeypatch.setattr(group_commit, "reached", lambda point: commits.append(point) if point == "committed" else None)
    outcomes = {name: ballot.outcome(store) for name, ballot in waiting.items()}
    assert commits == ["committed"]
    assert sorted([outcomes["new"], outcomes["same code again"]]) == ["refused code", "stored"]  # in no particular order
    assert outcomes["used code"] == "refused code"
    assert outcomes["retry"].startswith("earlier ")
    assert outcomes["id reused"] == "refused submission_id_reused"
    assert len(store.submissions(council)) == 2
    assert store.code_counts(council) == (2, 2)
    assert spooled(store) == []


def test_ballots_that_wait_for_another_write_are_led_as_soon_as_it_ends(store, forum, monkeypatch):
    monkeypatch.setattr(group_commit, "WAIT_S", 30.0)  # nobody looks again on their own: only a hand-off helps
    receipts = []
    with store._writing():  # e.g. the facilitator pausing another session
        threads = [threading.Thread(target=lambda: receipts.append(_submit(store, forum))) for _ in range(8)]
        for thread in threads:
            thread.start()
        _until(lambda: len(spooled(store)) == 8)
    started = time.monotonic()
    for thread in threads:
        thread.join(10)
    assert time.monotonic() - started < 5
    assert sorted(receipts) == [True] * 8
    assert len(store.submissions(forum)) == 8


def test_a_refused_code_is_named_by_the_process_that_knows_the_code(store, council):
    [code] = store.create_codes(council, 1)
    store.submit(council, GOOD, language="de", channel="tablet", submission_id=new_id(), code=code)
    with pytest.raises(SubmissionRefused) as raised:
        store.submit(council, GOOD, language="de", channel="tablet", submission_id=new_id(), code=code)
    assert raised.value.reason == "code_used"


def test_the_spool_lives_beside_the_database_without_shared_memory(sqlite_url, tmp_path, monkeypatch, tiny_forum, tiny_forum_text):
    from forum_toolkit.store import spool

    monkeypatch.setattr(spool, "SHARED_MEMORY", tmp_path / "no-shared-memory")
    with open_store(sqlite_url) as store:
        assert store._ballots._group.spool.folder == tmp_path / "forum.sqlite3.spool"
        store.create_session(tiny_forum, tiny_forum_text, "forum-2026-11-25", "Forum", date(2026, 11, 25))
        store.set_state("forum-2026-11-25", "open")
        assert _submit(store, "forum-2026-11-25")
    assert not (tmp_path / "forum.sqlite3.spool").exists()  # removed when the last store closed


def test_a_ballot_file_that_cannot_be_read_is_dropped(store, forum):
    folder = store._ballots._group.spool.folder
    (folder / "0123456789abcdef-1.ballot").write_bytes(b"ballot-1\nhalf a ballot")
    assert _submit(store, forum)
    assert spooled(store) == []
    assert len(store.submissions(forum)) == 1


# --- Crashes ---------------------------------------------------------------------------------------


def _submit_and_die_at(url: str, session_id: str, submission_id: str, point: str, ready, go) -> None:
    """In a child process: open the store, and once told to, submit one ballot and die (SIGKILL)
    when the write path reaches `point`."""
    from forum_toolkit.store import group_commit, open_store

    def reached(where: str) -> None:
        if where == point:
            os.kill(os.getpid(), signal.SIGKILL)

    group_commit.reached = reached
    store = open_store(url)
    ready.set()
    go.wait(60)
    store.submit(session_id, GOOD, language="de", channel="tablet", submission_id=submission_id)


def run_child_until_it_dies(url: str, session_id: str, point: str, lock_path=None) -> str:
    """The submission id of a child process that died at `point`. With `lock_path`, the writers'
    lock is held meanwhile (another write in progress), so that the child spools its ballot."""
    submission_id = new_id()
    context = multiprocessing.get_context("spawn")
    ready, go = context.Event(), context.Event()
    child = context.Process(target=_submit_and_die_at, args=(url, session_id, submission_id, point, ready, go))
    child.start()
    assert ready.wait(60)
    lock = os.open(lock_path, os.O_RDWR) if lock_path else None
    if lock is not None:
        fcntl.flock(lock, fcntl.LOCK_EX)
    go.set()
    child.join(60)
    if lock is not None:
        os.close(lock)
    assert child.exitcode == -signal.SIGKILL, f"the child should have died at {point!r}"
    return submission_id


def test_a_process_that_dies_after_spooling_has_its_ballot_stored_once(store, forum, sqlite_url):
    dead = run_child_until_it_dies(sqlite_url, forum, "spooled", lock_path=store._database.lock_path)
    assert len([name for name in spooled(store) if name.endswith(".ballot")]) == 1
    assert _submit(store, forum)  # the next leader stores the dead process's ballot too
    assert dead in {s.submission_id for s in store.submissions(forum)}
    assert store.submit(forum, GOOD, language="de", channel="tablet", submission_id=dead).stored is False  # its retry
    assert len(store.submissions(forum)) == 2
    assert spooled(store) == []


@pytest.mark.parametrize(
    ("point", "leader_ballot_stored"),
    [
        ("journaled", False),  # after the batch's statements and journal, before COMMIT
        ("committed", True),  # after COMMIT, before any outcome is posted
        ("posted", True),  # after the first outcome is posted
    ],
)
def test_a_leader_that_dies_blocks_nobody_and_every_owner_learns_what_was_committed(
    store, forum, sqlite_url, waiting_ballot, point, leader_ballot_stored
):
    waiting = [waiting_ballot(forum) for _ in range(3)]
    leader = run_child_until_it_dies(sqlite_url, forum, point)  # it found the lock free: it leads them
    assert JOURNAL in spooled(store)
    outcomes = [ballot.outcome(store) for ballot in waiting]
    assert outcomes == ["stored"] * 3  # not "earlier": the batch that stored them was theirs
    stored = [s.submission_id for s in store.submissions(forum)]
    assert len(stored) == len(set(stored))
    assert set(stored) == {b.submission_id for b in waiting} | ({leader} if leader_ballot_stored else set())
    assert spooled(store) == []
    for ballot in waiting:
        assert store.submit(forum, GOOD, language="de", channel="tablet", submission_id=ballot.submission_id).stored is False


def test_a_journal_that_cannot_be_read_is_a_batch_never_committed(store, forum, waiting_ballot):
    ballot = waiting_ballot(forum)
    (store._ballots._group.spool.folder / JOURNAL).write_text('{"stored": ["half', encoding="utf-8")
    assert ballot.outcome(store) == "stored"
    assert spooled(store) == []


def _submit_until_killed(url: str, session_id: str, count: int, point: str | None, times: int, log_path: str, barrier) -> None:
    """In a child process: submit `count` ballots, logging each id before it is sent and after it is
    confirmed; die (SIGKILL) the `times`-th time the write path reaches `point`."""
    from forum_toolkit.store import group_commit, open_store

    reached_count = 0

    def reached(where: str) -> None:
        nonlocal reached_count
        if where == point:
            reached_count += 1
            if reached_count == times:
                os.kill(os.getpid(), signal.SIGKILL)

    group_commit.reached = reached
    store = open_store(url)
    barrier.wait()
    with open(log_path, "a", encoding="utf-8") as log:
        for _ in range(count):
            submission_id = new_id()
            log.write(f"sent {submission_id}\n")
            log.flush()
            store.submit(session_id, GOOD, language="de", channel="tablet", submission_id=submission_id)
            log.write(f"confirmed {submission_id}\n")
            log.flush()
    store.close()


@pytest.mark.slow
def test_processes_killed_anywhere_while_many_submit_lose_no_confirmed_ballot(store, forum, sqlite_url, tmp_path):
    deaths = [("spooled", 3), ("journaled", 1), ("committed", 1), ("posted", 2), ("committed", 3), ("journaled", 4)]
    plans = deaths + [(None, 0)] * 10
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(plans), timeout=120)
    logs = [tmp_path / f"process-{n}.log" for n in range(len(plans))]
    children = [
        context.Process(target=_submit_until_killed, args=(sqlite_url, forum, 100, point, times, str(log), barrier))
        for (point, times), log in zip(plans, logs)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(300)
    assert [child.exitcode for child in children[len(deaths):]] == [0] * 10, "the living must all finish"
    died = [child.exitcode == -signal.SIGKILL for child in children[: len(deaths)]]
    assert sum(died) >= 4, "most of the planned deaths happen (each needs its point reached often enough)"
    lines = [line.split() for log in logs for line in log.read_text(encoding="utf-8").splitlines()]
    sent = {submission_id for word, submission_id in lines if word == "sent"}
    confirmed = {submission_id for word, submission_id in lines if word == "confirmed"}
    stored = [s.submission_id for s in store.submissions(forum)]
    assert len(stored) == len(set(stored)), "nothing is stored twice"
    assert confirmed <= set(stored), "every confirmed ballot is stored"
    for submission_id in sorted(sent):  # the clients of the dead send again what was not confirmed
        receipt = store.submit(forum, GOOD, language="de", channel="tablet", submission_id=submission_id)
        assert receipt.stored == (submission_id not in stored)
    final = [s.submission_id for s in store.submissions(forum)]
    assert len(final) == len(set(final)) == len(sent) and set(final) == sent
    assert not [name for name in spooled(store) if name.endswith(".ballot") or name == JOURNAL]


# --- Helpers -----------------------------------------------------------------------------------------


def _submit(store, session_id: str) -> bool:
    return store.submit(session_id, GOOD, language="de", channel="tablet", submission_id=new_id()).stored


def _until(condition, timeout_s: float = 10) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)
