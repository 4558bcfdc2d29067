"""Mailboxes: how the leader of a group commit wakes exactly the processes it committed for.

Each thread that submits ballots has a named pipe (a FIFO) in the spool folder, ``<name>.fifo``,
open for reading as long as its store is. A leader `post`s one line to it per ballot it decided,
``<token> <outcome>``, or the line ``lead`` to ask its owner to commit the ballots still waiting.
Writing to a pipe wakes the one process that waits on it, and nobody else: waiting on the writers'
lock instead would not do, since the kernel wakes many of a lock's waiters each time it is let go.

A line is written in one ``write`` of less than PIPE_BUF bytes, so it arrives whole. A post to a
mailbox nobody reads any more (its process died) fails at once and is dropped: nobody waits for it.
"""

from __future__ import annotations

import os
import secrets
import select
from pathlib import Path

LEAD = "lead"
SUFFIX = ".fifo"


class Mailbox:
    """One thread's mailbox. Tokens of its ballots are ``<mailbox name>-<number>``."""

    def __init__(self, folder: Path):
        self.name = secrets.token_hex(8)
        self.path = folder / (self.name + SUFFIX)
        while True:
            try:
                os.mkfifo(self.path, 0o600)
                self._reading = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
                break
            except FileNotFoundError:  # the folder was removed by a store closing meanwhile
                folder.mkdir(mode=0o700, exist_ok=True)
        # Our own writing end, never written: without one, the pipe reads as closed (and `poll`
        # returns at once) after every post.
        self._writing = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
        self._poll = select.poll()
        self._poll.register(self._reading, select.POLLIN)
        self._numbers = 0
        self.pid = os.getpid()

    def new_token(self) -> str:
        self._numbers += 1
        return f"{self.name}-{self._numbers}"

    def receive(self, token: str, timeout_s: float) -> str | None:
        """The outcome of `token` if it came, else ``lead`` if that came, else None after `timeout_s`
        (0: do not wait). Lines about other tokens (earlier ballots of this thread) are dropped."""
        lines = self._read_lines()
        if not lines and timeout_s > 0 and self._poll.poll(timeout_s * 1000):
            lines = self._read_lines()
        lead = False
        for line in lines:
            about, _, outcome = line.partition(" ")
            if about == token:
                return outcome
            lead = lead or line == LEAD
        return LEAD if lead else None

    def close(self) -> None:
        os.close(self._reading)
        os.close(self._writing)
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass

    def _read_lines(self) -> list[str]:
        try:
            data = os.read(self._reading, 65536)
        except BlockingIOError:
            return []
        return data.decode("utf-8").splitlines()


def owner(token: str) -> str:
    """The name of the mailbox of `token`'s owner."""
    return token.partition("-")[0]


def post(folder: Path, name: str, line: str) -> bool:
    """Put `line` in the mailbox `name`; False when nobody reads it (its owner died)."""
    try:
        descriptor = os.open(f"{folder}/{name}{SUFFIX}", os.O_WRONLY | os.O_NONBLOCK)
    except OSError:  # ENXIO: nobody reads; ENOENT: removed
        return False
    try:
        os.write(descriptor, (line + "\n").encode("utf-8"))
        return True
    except OSError:  # closed meanwhile, or full of lines nobody reads
        return False
    finally:
        os.close(descriptor)


def abandoned(path: Path) -> bool:
    """True for a mailbox whose owner died (nobody has it open for reading)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        return True
    return False
