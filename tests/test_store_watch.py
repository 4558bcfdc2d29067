"""Watching a session's changes (`watch.Watcher`): within a second, across processes, without
blocking the event loop, and ending when asked or after its maximum."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from forum_toolkit.store import InvalidRequest, UnknownSession, open_store
from forum_toolkit.store.watch import FACILITATOR_KINDS, Watcher


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 30))


def a_ballot(store, session_id, park="park"):
    store.submit(session_id, {"park": park}, language="de", channel="tablet", submission_id=str(uuid.uuid4()))


async def change_later(seconds, change, *args):
    await asyncio.sleep(seconds)
    await asyncio.to_thread(change, *args)
    return time.monotonic()


@pytest.mark.parametrize(
    ("change", "what"),
    [
        (lambda s, sid: a_ballot(s, sid), ("submissions",)),
        (lambda s, sid: s.reveal(sid, "park"), ("forum_events",)),
        (lambda s, sid: s.set_state(sid, "paused"), ("states",)),
        (lambda s, sid: s.add_statement(sid, "x", "y", language="de", channel="tablet", client_id="z"), None),
    ],
    ids=["ballot", "reveal", "state", "refused"],
)
def test_a_change_by_another_connection_is_seen_within_a_second(fresh_store, store_url, forum_session, change, what):
    async def scenario():
        with open_store(store_url) as other:
            async with Watcher(store_url, forum_session) as watcher:
                before = watcher.version
                changed_at = asyncio.create_task(change_later(0.3, _quietly(change), other, forum_session))
                seen = await watcher.next(timeout=1.5)
                seen_at = time.monotonic()
                await changed_at
                return before, seen, seen_at - changed_at.result()

    before, seen, latency = run(scenario())
    if what is None:  # a refused request adds no fact: no change
        assert seen is None
        return
    assert seen.what == what and seen.previous == before
    assert latency < 1.0


def _quietly(change):
    def call(*args):
        try:
            change(*args)
        except InvalidRequest:
            pass

    return call


def test_changes_to_other_sessions_are_not_reported(fresh_store, store_url, forum_session, tiny_forum, tiny_forum_text):
    fresh_store.create_session(tiny_forum, tiny_forum_text, "forum-2026-12-09", "Another evening", date(2026, 12, 9))
    fresh_store.set_state("forum-2026-12-09", "open")

    async def scenario():
        async with Watcher(store_url, forum_session) as watcher:
            await asyncio.to_thread(a_ballot, fresh_store, "forum-2026-12-09")
            assert await watcher.next(timeout=0.8) is None
            await asyncio.to_thread(a_ballot, fresh_store, forum_session)
            return await watcher.next(timeout=1.5)

    assert run(scenario()).version.submissions == 1


def test_a_tablet_following_the_facilitator_is_told_of_the_facilitators_changes_only(fresh_store, store_url, forum_session):
    async def scenario():
        async with Watcher(store_url, forum_session, kinds=FACILITATOR_KINDS) as tablet:
            await asyncio.to_thread(a_ballot, fresh_store, forum_session)
            assert await tablet.next(timeout=0.8) is None
            await asyncio.to_thread(fresh_store.open_question, forum_session, "park")
            return await tablet.next(timeout=1.5)

    change = run(scenario())
    assert change.what[-1] == "forum_events" and change.version.submissions == 1  # what may name the ballot too


def test_unknown_kinds_are_refused(store_url):
    with pytest.raises(InvalidRequest, match=r"kinds \('ballots',\): expected some of submissions, states, forum_events, contributions, decisions, reactions"):
        Watcher(store_url, "forum-2026-11-25", kinds=("ballots",))


def test_waiting_never_blocks_the_event_loop(store_url, forum_session):
    async def scenario():
        ticks = 0

        async def tick():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.create_task(tick())
        async with Watcher(store_url, forum_session) as watcher:
            started = time.monotonic()
            assert await watcher.next(timeout=1.0) is None
            waited = time.monotonic() - started
        ticker.cancel()
        return ticks, waited

    ticks, waited = run(scenario())
    assert 0.95 < waited < 1.5
    assert ticks >= 60  # 100 if nothing else ran; a blocked loop would give a handful


def test_a_watcher_ends_when_asked(store_url, forum_session):
    async def scenario():
        watcher = Watcher(store_url, forum_session)
        asyncio.get_running_loop().call_later(0.3, watcher.stop)
        started = time.monotonic()
        changes = [change async for change in watcher]
        return changes, time.monotonic() - started, watcher.ended

    changes, took, ended = run(scenario())
    assert changes == [] and ended
    assert took < 1.5


def test_a_watcher_ends_after_its_maximum(fresh_store, store_url, forum_session):
    async def scenario():
        changes = []
        started = time.monotonic()
        async for change in Watcher(store_url, forum_session, max_seconds=1.2):
            changes.append(change)
            await asyncio.to_thread(a_ballot, fresh_store, forum_session)
        return changes, time.monotonic() - started

    async def first_ballot():
        await asyncio.sleep(0.2)
        await asyncio.to_thread(a_ballot, fresh_store, forum_session)

    async def both():
        starter = asyncio.create_task(first_ballot())
        result = await scenario()
        await starter
        return result

    changes, took = run(both())
    assert len(changes) >= 2 and [c.version.submissions for c in changes] == sorted({c.version.submissions for c in changes})
    assert 1.1 < took < 2.5


def test_an_unknown_session_cannot_be_watched(fresh_store, store_url):
    async def scenario():
        async with Watcher(store_url, "forum-1999"):
            pass

    with pytest.raises(UnknownSession, match="there is no session 'forum-1999' in the store"):
        run(scenario())


def test_nonsense_options_are_refused(store_url):
    with pytest.raises(InvalidRequest, match="must be more than 0 seconds"):
        Watcher(store_url, "forum-2026-11-25", max_seconds=0)


def test_the_store_hands_out_watchers(fresh_store, forum_session):
    async def scenario():
        async with fresh_store.watch(forum_session, max_seconds=5) as watcher:
            await asyncio.to_thread(fresh_store.reveal, forum_session, "park")
            return await watcher.next(timeout=1.5)

    assert run(scenario()).what == ("forum_events",)


@pytest.mark.postgres
def test_a_postgresql_watcher_survives_a_lost_connection(pg_url, tiny_forum, tiny_forum_text):
    with open_store(pg_url) as store:
        store.create_session(tiny_forum, tiny_forum_text, "forum-2026-11-25", "Forum", date(2026, 11, 25))

        async def scenario():
            async with Watcher(pg_url, "forum-2026-11-25") as watcher:
                engine = create_engine(pg_url)
                with engine.begin() as connection:
                    connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"))
                engine.dispose()
                await asyncio.to_thread(store.set_state, "forum-2026-11-25", "open")  # while the watcher is away
                return await watcher.next(timeout=5)

        assert run(scenario()).what == ("states",)


# Another process


def change_in_another_process(url: str, session_id: str, ready, changes: int, times) -> None:
    """Wait until the watcher is ready, then make `changes` changes a third of a second apart,
    noting the wall-clock time of each commit."""
    store = open_store(url)
    ready.wait(30)
    for number in range(changes):
        time.sleep(0.33)
        if number % 2:
            store.reveal(session_id, "park") if number % 4 == 1 else store.hide(session_id, "park")
        else:
            a_ballot(store, session_id)
        times.append(time.time())
    store.close()


def test_a_change_in_another_process_is_seen_within_a_second(fresh_store, store_url, forum_session):
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        ready, times = manager.Event(), manager.list()
        process = context.Process(target=change_in_another_process, args=(store_url, forum_session, ready, 8, times))
        process.start()

        async def scenario():
            seen = []
            async with Watcher(store_url, forum_session, max_seconds=20) as watcher:
                ready.set()
                while len(seen) < 8:
                    change = await watcher.next(timeout=5)
                    if change is None:
                        break
                    seen.append((time.time(), change))
            return seen

        seen = run(scenario())
        process.join(30)
        committed = list(times)
    assert process.exitcode == 0
    assert [change.version.submissions for _, change in seen] == [1, 1, 2, 2, 3, 3, 4, 4]
    latencies = [at - committed_at for (at, _), committed_at in zip(seen, committed)]
    assert max(latencies) < 1.0, latencies


def test_without_inotify_a_sqlite_watcher_polls_and_still_sees_changes_within_a_second(sqlite_url, tiny_forum, tiny_forum_text, monkeypatch):
    import forum_toolkit.store.watch as watch

    monkeypatch.setattr(watch, "_inotify_on", lambda folder: None)  # not Linux, or inotify used up
    store = open_store(sqlite_url)
    store.create_session(tiny_forum, tiny_forum_text, "forum-2026-11-25", "Forum", date(2026, 11, 25))

    async def scenario():
        async with Watcher(sqlite_url, "forum-2026-11-25") as watcher:
            changed_at = asyncio.create_task(change_later(0.3, store.reveal, "forum-2026-11-25", "park"))
            seen = await watcher.next(timeout=1.5)
            return seen, time.monotonic() - await changed_at

    seen, latency = run(scenario())
    store.close()
    assert seen.what == ("forum_events",) and latency < 0.5  # polled every 0.25 s


def test_stop_from_another_thread_wakes_the_watcher_at_once(store_url, forum_session):
    import threading

    async def scenario():
        async with Watcher(store_url, forum_session) as watcher:
            threading.Timer(0.2, watcher.stop).start()
            started = time.monotonic()
            assert await watcher.next(timeout=10) is None
            return time.monotonic() - started

    assert run(scenario()) < 0.5
