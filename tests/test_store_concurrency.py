"""Many processes at once, as on a forum evening: every tablet's kernel is a process of its own.

Each test starts its processes together (a barrier) so that they really race. The processes come
from one pool of 16 spawned workers, shared by the tests of this module.
"""

from __future__ import annotations

import multiprocessing
import random
import uuid
from concurrent.futures import ProcessPoolExecutor

import pytest
from sqlalchemy import create_engine, text

from forum_toolkit.store import SubmissionRefused, open_store
from forum_toolkit.store.migrate import head_revision

pytestmark = pytest.mark.slow

PROCESSES = 16
BALLOTS = 200


@pytest.fixture(scope="module")
def workers():
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, ProcessPoolExecutor(PROCESSES, mp_context=context) as pool:
        yield pool, manager


def run_together(workers, function, arguments: list[tuple]) -> list:
    """Run function(barrier, *args) for each args in its own process, all starting at once."""
    pool, manager = workers
    barrier = manager.Barrier(len(arguments), timeout=120)
    futures = [pool.submit(function, barrier, *args) for args in arguments]
    return [future.result(timeout=600) for future in futures]


def answers_for(number: int) -> dict:
    return {"park": "park" if number % 3 else "parking", "idea": f"Idee {number}"}


def submit_ballots(barrier, url: str, session_id: str, count: int, resend: int) -> tuple[list[str], list[str]]:
    """Submit `count` ballots, then send the first `resend` again (retries). Gives (ids, errors)."""
    store = open_store(url)
    barrier.wait()
    ids, errors = [], []
    for number in range(count):
        ids.append(str(uuid.uuid4()))
        try:
            if not store.submit(session_id, answers_for(number), language="de", channel="tablet", submission_id=ids[-1]).stored:
                errors.append(f"ballot {number} was not stored")
        except Exception as error:  # noqa: BLE001 (every error is reported to the test)
            errors.append(f"ballot {number}: {error!r}")
    for number in range(resend):
        if store.submit(session_id, answers_for(number), language="de", channel="tablet", submission_id=ids[number]).stored:
            errors.append(f"the retry of ballot {number} was stored again")
    store.close()
    return ids, errors


def test_many_processes_submit_at_once_and_nothing_is_lost_or_doubled(store_url, fresh_store, forum_session, workers):
    resends = [20 if n % 2 else 0 for n in range(PROCESSES)]
    results = run_together(workers, submit_ballots, [(store_url, forum_session, BALLOTS, r) for r in resends])
    assert [errors for _, errors in results] == [[]] * PROCESSES
    sent = {submission_id for ids, _ in results for submission_id in ids}
    stored = [s.submission_id for s in fresh_store.submissions(forum_session)]
    assert len(sent) == PROCESSES * BALLOTS == 3200
    assert len(stored) == len(set(stored)) == 3200
    assert set(stored) == sent


def use_codes(barrier, url: str, session_id: str, codes: list[str], seed: int) -> list[str]:
    """Try every code in a random order; gives what happened to each try ("stored" or the refusal)."""
    store = open_store(url)
    order = random.Random(seed).sample(codes, len(codes))
    barrier.wait()
    outcomes = []
    for code in order:
        try:
            store.submit(session_id, answers_for(seed), language="ar", channel="phone", submission_id=str(uuid.uuid4()), code=code)
            outcomes.append("stored")
        except SubmissionRefused as refused:
            outcomes.append(refused.reason)
    store.close()
    return outcomes


def test_processes_racing_for_one_code_only_one_wins(store_url, fresh_store, council_session, workers):
    [code] = fresh_store.create_codes(council_session, 1)
    outcomes = [o for result in run_together(workers, use_codes, [(store_url, council_session, [code], n) for n in range(PROCESSES)]) for o in result]
    assert sorted(outcomes) == ["code_used"] * (PROCESSES - 1) + ["stored"]
    assert len(fresh_store.submissions(council_session)) == 1
    assert fresh_store.code_counts(council_session) == (1, 1)


def test_every_code_opens_exactly_one_ballot_however_they_race(store_url, fresh_store, council_session, workers):
    codes = fresh_store.create_codes(council_session, 10)
    results = run_together(workers, use_codes, [(store_url, council_session, codes, n) for n in range(PROCESSES)])
    outcomes = [o for result in results for o in result]
    assert outcomes.count("stored") == 10
    assert outcomes.count("code_used") == 10 * (PROCESSES - 1)
    assert len(fresh_store.submissions(council_session)) == 10
    assert fresh_store.code_counts(council_session) == (10, 10)


def open_new_store(barrier, url: str) -> str | None:
    barrier.wait()
    store = open_store(url)
    store.close()
    return store.upgraded_from


def test_processes_opening_a_new_store_at_once_migrate_it_once(store_url, workers):
    upgraded_from = run_together(workers, open_new_store, [(store_url,)] * PROCESSES)
    assert sorted(upgraded_from, key=str) == [""] + [None] * (PROCESSES - 1)
    engine = create_engine(store_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head_revision()]
        assert connection.execute(text("SELECT count(*) FROM audit_log WHERE event = 'schema_upgraded'")).scalar() == 1
    engine.dispose()
