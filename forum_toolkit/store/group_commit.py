"""Submitting ballots on SQLite: many processes' ballots committed together, each one still durable.

Why: on a forum evening every tablet's kernel is a process of its own, and SQLite commits for one
writer at a time. One commit per ballot makes a hundred processes queue for a hundred disk
flushes, and each wait on the writers' lock wakes many of the waiters for nothing. A commit that
carries every ballot waiting at that moment costs one flush for all of them.

How (`GroupCommit.store`):

1. Outside the writers' lock, the process prepares its ballot completely (`sqlite_ballots.Entry`).
2. It tries the writers' lock (the ``fcntl.flock`` of the lock file) without waiting. If it gets
   it, it is the *leader*: it commits its ballot and every ballot in the spool in one transaction,
   each checked on its own (a refused code or a retry affects only that ballot:
   `sqlite_ballots.store_entry`). Once the COMMIT has returned, so that the batch is on the disk,
   it posts each ballot's outcome to its owner's mailbox (`mailbox`: a named pipe per thread),
   takes the ballots out of the spool and lets go of the lock.
3. If the lock is taken, the process puts its ballot in the spool (`spool`: a small file per
   ballot, in shared memory), tries the lock once more (its holder may have looked at the spool
   before and let go since) and sleeps on its mailbox until its outcome comes.
4. Whoever lets go of the lock lists the spool, and if ballots are still waiting (they came after
   the leader looked), posts ``lead`` to one of their owners, which tries the lock again and
   commits the next batch. If that try fails, somebody else holds the lock and will hand off in
   turn when it lets go. So nobody ever has to wait *for the lock* (only `Store`'s other writes
   do, and they hand off too): waiting processes would all be woken each time it is let go.

The guarantees do not change: a receipt means the COMMIT that holds the ballot returned (with
``synchronous=FULL``); the session's state and the code are checked and the code used up in that
transaction; a retry finds the earlier row. An error in a batch rolls all of it back; the leader
raises it and the other ballots wait for the next leader, who tries again.

Crash safety. The lock is an ``flock``: the kernel lets go of it when its holder dies, so a dead
process never blocks the others. A process waiting on its mailbox looks again at the lock every
`WAIT_S` seconds, in case the leader died (or the lock was held by another kind of write). What a
death leaves behind:

- a process that dies after spooling its ballot: the next leader stores the ballot anyway. It was
  never confirmed; a retry with its submission id finds it (a receipt with stored=False).
- a leader that dies before its COMMIT: SQLite rolls the transaction back. The ballots are still in
  the spool, and the next leader commits them.
- a leader that dies after its COMMIT, before every outcome is posted: just before COMMIT it wrote
  the batch's outcomes, and the ids it stores, to ``batch.journal`` (when the batch stores ballots
  of others). The next leader finds the journal first. If the last of those ids is in the database,
  the batch was committed: it flushes the database files to the disk (the dead leader may not have
  finished its flush) and posts the journal's outcomes. Otherwise it removes the journal, and the
  ballots, still in the spool, are committed again like any others. Either way every owner reads
  what was committed. (Without a journal, the other ballots were retries or refusals: deciding
  them again gives the same answers.)
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading

from forum_toolkit.store.engine import Database, sqlite_connection
from forum_toolkit.store.errors import StoreError
from forum_toolkit.store.mailbox import LEAD, Mailbox, owner, post
from forum_toolkit.store.spool import JOURNAL, Spool, sweep_shared_memory
from forum_toolkit.store.sqlite_ballots import STORED, Entry, store_entry

WAIT_S = 0.1  # how often a waiting process checks whether the lock is free


def reached(point: str) -> None:
    """A named point of the write path: `spooled`, `journaled`, `committed`, `posted`.

    Does nothing; the crash tests replace it to kill a process exactly there.
    """


class _Thread(threading.local):
    """What each thread submits with: its mailbox and its own descriptor of the lock file."""

    mailbox: Mailbox | None = None
    lock = -1


class GroupCommit:
    """The SQLite write path for the ballots of one open store. Threads may share it."""

    def __init__(self, database: Database):
        self._database = database
        self.spool = Spool.for_database(database.path)
        self.spool.sweep()
        sweep_shared_memory()
        self._thread = _Thread()
        self._opened: list[tuple[Mailbox, int]] = []
        self._connection: sqlite3.Connection | None = None
        self._connection_pid = 0
        self._guard = threading.Lock()

    def store(self, entry: Entry) -> str:
        """Store `entry`, alone or with others; gives its outcome once that is durable."""
        mailbox, lock = self._mine()
        token = mailbox.new_token()
        if _take(lock):  # nobody writing: lead at once, our ballot need not be spooled
            return self._turn(lock, token, mailbox, entry)
        self.spool.add(token, entry)
        reached("spooled")
        return self._await(token, mailbox, lock)

    def _await(self, token: str, mailbox: Mailbox, lock: int) -> str:
        """The outcome of our spooled ballot: from a leader's post, or by leading ourselves.

        Nobody ever waits for the lock here: whoever holds it hands off when it lets go (see the
        module), so trying it is enough. Waiting would also wake many waiters each time.
        """
        while True:
            # Tried again right after spooling: the holder we found may have looked at the spool
            # before our ballot was in it and let go since; any holder from now on will see it.
            if _take(lock):
                return self._turn(lock, token, mailbox, None)
            outcome = mailbox.receive(token, WAIT_S)
            if outcome not in (None, LEAD):
                return outcome

    def _turn(self, lock: int, token: str, mailbox: Mailbox, unspooled: Entry | None) -> str:
        """Our turn with the writers' lock: our outcome if a leader decided it meanwhile, else lead."""
        try:
            outcome = None if unspooled else mailbox.receive(token, 0)
            if outcome in (None, LEAD):
                outcome = self._lead(token, mailbox, unspooled)
            return outcome
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            self.hand_off()

    def hand_off(self) -> None:
        """After letting go of the writers' lock: ask the owner of a ballot still waiting to lead."""
        for token in self.spool.waiting(self.spool.names()):
            if post(self.spool.folder, owner(token), LEAD):
                return

    def close(self) -> None:
        with self._guard:
            for mailbox, lock in self._opened:
                if mailbox.pid == os.getpid():
                    mailbox.close()
                    os.close(lock)
            self._opened.clear()
            if self._connection is not None and self._connection_pid == os.getpid():
                self._connection.close()
            self._connection = None
        self.spool.close()

    def _lead(self, token: str, mailbox: Mailbox, unspooled: Entry | None) -> str:
        """Commit every ballot in the spool and ours (`unspooled`, or in the spool); gives ours.
        Holds the writers' lock."""
        connection = self._writer()
        names = self.spool.names()
        if JOURNAL in names:
            self._recover(connection)
            outcome = mailbox.receive(token, 0)  # ours may have been in the dead leader's batch
            if outcome not in (None, LEAD):
                return outcome
            names = self.spool.names()
        try:
            batch = self.spool.read(self.spool.waiting(names))
            if unspooled is not None:
                batch[token] = unspooled
            if token not in batch:
                raise StoreError("a submitted ballot went missing from the spool; send it again with the same submission id")
            connection.execute("BEGIN IMMEDIATE")
            outcomes = {t: store_entry(connection, entry) for t, entry in batch.items()}
            others = {t: outcome for t, outcome in outcomes.items() if t != token}
            journaled = STORED in others.values()
            if journaled:
                stored = [batch[t].submission_id for t, outcome in outcomes.items() if outcome == STORED]
                self.spool.write_journal(stored, others)
                reached("journaled")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            self.spool.drop(token)  # ours failed, and says so; the others wait for the next leader
            raise
        reached("committed")
        self._post(others)
        self.spool.drop(token)
        if journaled:
            self.spool.remove_journal()
        return outcomes[token]

    def _post(self, outcomes: dict[str, str]) -> None:
        for t, outcome in outcomes.items():
            post(self.spool.folder, owner(t), f"{t} {outcome}")
            self.spool.drop(t)
            reached("posted")

    def _recover(self, connection: sqlite3.Connection) -> None:
        """Finish the batch of a leader that died after writing its journal (see the module)."""
        journal = self.spool.journal()
        if journal is not None:
            last = journal["stored"][-1]
            if connection.execute("SELECT 1 FROM submissions WHERE submission_id = ?", (last,)).fetchone() is not None:
                self._flush_database_files()  # committed: on the disk before anyone is told
                self._post(journal["outcomes"])
            self.spool.remove_journal()  # (not committed: its ballots wait in the spool for this batch)

    def _flush_database_files(self) -> None:
        """What a COMMIT's flush does, for a commit whose process died before its flush returned."""
        path = self._database.path
        for name in (path.name + "-wal", path.name):
            try:
                descriptor = os.open(path.with_name(name), os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)

    def _mine(self) -> tuple[Mailbox, int]:
        """This thread's mailbox and lock file descriptor (new ones in a forked child)."""
        here = self._thread
        if here.mailbox is None or here.mailbox.pid != os.getpid():
            here.mailbox = Mailbox(self.spool.folder)
            here.lock = os.open(self._database.lock_path, os.O_RDWR | os.O_CREAT, 0o666)
            with self._guard:
                self._opened.append((here.mailbox, here.lock))
        return here.mailbox, here.lock

    def _writer(self) -> sqlite3.Connection:
        """This process's connection for writing ballots (used in the writers' turn only)."""
        with self._guard:
            if self._connection is None or self._connection_pid != os.getpid():
                self._connection = sqlite_connection(self._database.path)
                self._connection_pid = os.getpid()
            return self._connection


def _take(lock: int) -> bool:
    """Take the writers' lock if it is free."""
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
