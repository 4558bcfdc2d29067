"""The spool: ballots waiting for the next group commit (see `group_commit`), one small file each.

In the spool folder, named by the ballot's token (``<mailbox>-<number>``, see `mailbox`):

- ``<token>.ballot``: a ballot waiting to be stored. Written as ``<token>.tmp`` and renamed, so a
  reader never sees half of one. The leader of a group commit removes it after the commit.
- ``batch.journal``: the outcomes of a batch, written just before its COMMIT and removed once they
  are all posted; what the next leader finds if this one died (see `group_commit`).
- ``<name>.fifo``: the mailboxes of the processes that submit (`mailbox`).

Where: in shared memory (``/dev/shm``, a folder per database file) where the machine has it, else
beside the database (``forum.sqlite3.spool``). Shared memory is faster (creating and removing files
on a journalling disk costs a hundred microseconds and more) and keeps ballots that wait, with
their code hashes, off the disk. Nothing in it needs to survive a power cut: a ballot is confirmed
only once the database has it. Correctness never depends on two processes finding the same folder:
each process leads the commit of its own ballot when nobody else did.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from forum_toolkit.store import mailbox
from forum_toolkit.store.sqlite_ballots import Entry

FORMAT = "ballot-1"  # the first line of a .ballot file
BALLOT = ".ballot"
JOURNAL = "batch.journal"
SHARED_MEMORY = Path("/dev/shm")
STALE_AFTER_S = 3600  # ballots and half-written files that processes left behind when they died
ABANDONED_AFTER_S = 10  # mailboxes nobody reads (the age keeps one being made from looking abandoned)
PREFIX = "forum_toolkit-"


class Spool:
    """One spool folder. Ballots are added by anyone; the rest happens in the writers' turn."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(mode=0o700, exist_ok=True)

    @classmethod
    def for_database(cls, database: Path) -> Spool:
        """The spool of the SQLite file `database` (which must exist)."""
        if SHARED_MEMORY.is_dir():
            identity = os.stat(database)
            folder = SHARED_MEMORY / f"{PREFIX}{identity.st_dev}-{identity.st_ino}.spool"
            try:
                spool = cls(folder)
                if not folder.is_symlink() and folder.stat().st_uid == os.geteuid():
                    return spool
            except OSError:
                pass  # not ours or not writable: use the folder beside the database
        return cls(database.with_name(database.name + ".spool"))

    def add(self, token: str, entry: Entry) -> None:
        """Put `entry` in the spool under `token`."""
        fields = (FORMAT, entry.session_id, entry.submission_id, entry.language, entry.channel, entry.submitted_at, entry.code_hash, entry.answers)
        data = "\n".join(fields).encode("utf-8")  # answers last: canonical JSON has no raw newline, nor do the others
        temporary = f"{self.folder}/{token}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(descriptor, data)
        finally:
            os.close(descriptor)
        os.rename(temporary, f"{self.folder}/{token}{BALLOT}")

    # In the writers' turn

    def names(self) -> list[str]:
        try:
            return os.listdir(self.folder)
        except FileNotFoundError:
            return []

    def waiting(self, names: list[str]) -> list[str]:
        """The tokens of the ballots waiting, among the file `names`."""
        return [name[: -len(BALLOT)] for name in names if name.endswith(BALLOT)]

    def read(self, tokens: list[str]) -> dict[str, Entry]:
        """The entries of `tokens`. A file that cannot be read as one (a power cut can leave such a
        file in a spool on disk; nobody waits for it then) is removed."""
        entries = {}
        for token in tokens:
            entry = self._read(token)
            if entry is None:
                self.drop(token)
            else:
                entries[token] = entry
        return entries

    def drop(self, token: str) -> None:
        """Take the ballot of `token` out of the spool."""
        _remove(f"{self.folder}/{token}{BALLOT}")

    def write_journal(self, stored: list[str], outcomes: dict[str, str]) -> None:
        """Record the batch about to be committed: the ids it stores and the outcomes to post."""
        temporary = f"{self.folder}/{JOURNAL}.tmp"
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump({"stored": stored, "outcomes": outcomes}, file)
        os.rename(temporary, f"{self.folder}/{JOURNAL}")

    def journal(self) -> dict | None:
        """The journal a leader left behind when it died, or None. An unreadable one is removed."""
        try:
            with open(f"{self.folder}/{JOURNAL}", encoding="utf-8") as file:
                return json.load(file)
        except FileNotFoundError:
            return None
        except ValueError:
            self.remove_journal()
            return None

    def remove_journal(self) -> None:
        _remove(f"{self.folder}/{JOURNAL}")

    # Housekeeping

    def sweep(self) -> None:
        """Remove what processes that died left behind: ballots nobody came to store for an hour,
        half-written files and mailboxes nobody reads."""
        now = time.time()
        for name in self.names():
            path = self.folder / name
            try:
                age = now - path.lstat().st_mtime
            except FileNotFoundError:
                continue
            if name.endswith((BALLOT, ".tmp")) and age > STALE_AFTER_S:
                _remove(path)
            elif name.endswith(mailbox.SUFFIX) and age > ABANDONED_AFTER_S and mailbox.abandoned(path):
                _remove(path)

    def close(self) -> None:
        """Remove the folder if nothing but abandoned mailboxes is in it (the next store to submit
        makes it again)."""
        self.sweep()
        try:
            self.folder.rmdir()
        except OSError:
            pass  # not empty, or gone already


    def _read(self, token: str) -> Entry | None:
        try:
            descriptor = os.open(f"{self.folder}/{token}{BALLOT}", os.O_RDONLY)
        except FileNotFoundError:
            return None
        try:
            chunks = [os.read(descriptor, 65536)]
            while len(chunks[-1]) == 65536:
                chunks.append(os.read(descriptor, 65536))
        finally:
            os.close(descriptor)
        try:
            fields = b"".join(chunks).decode("utf-8").split("\n", 7)
        except UnicodeDecodeError:
            return None
        if len(fields) != 8 or fields[0] != FORMAT:
            return None
        _, session_id, submission_id, language, channel, submitted_at, code_hash, answers = fields
        return Entry(session_id, submission_id, language, channel, submitted_at, answers, code_hash)


def sweep_shared_memory() -> None:
    """Remove spool folders in shared memory left by stores that were never closed or by processes
    that died: untouched for an hour, with no mailbox anybody reads (their databases may be long
    gone). Whatever else is in them, nobody waits for it, and none of it was ever confirmed."""
    if not SHARED_MEMORY.is_dir():
        return
    limit = time.time() - STALE_AFTER_S
    for folder in SHARED_MEMORY.glob(f"{PREFIX}*.spool"):
        try:
            if folder.is_symlink() or folder.stat().st_uid != os.geteuid() or folder.stat().st_mtime > limit:
                continue
            paths = list(folder.iterdir())
            if not any(path.name.endswith(mailbox.SUFFIX) and not mailbox.abandoned(path) for path in paths):
                for path in paths:
                    _remove(path)
                folder.rmdir()
        except OSError:
            continue  # in use again, or removed by another process meanwhile

def _remove(path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
