"""A ballot page following the store: what the facilitator opened, and what moderation approved.

    follower = Follower(store, session_id, read=lambda: read_live(...), show=app.apply)
    follower.start()      # one asyncio task on the kernel's loop

The task watches the session for the facilitator's changes only (forum state, session state,
moderation decisions: `watch.FACILITATOR_KINDS`; other people's ballots do not wake it), reads
the store in a worker thread so that the kernel's loop stays free for taps, and hands what it read
to `show` on the loop. It ends with the kernel (the page closed), on `stop()`, or after
`max_seconds` (6 h), so a forgotten page does not keep its kernel busy for ever. A failure is
logged for the operator; the page then goes on at its own pace.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Callable

from forum_toolkit.apps.guard import log
from forum_toolkit.consultation.model import Consultation, Kind
from forum_toolkit.store import Store
from forum_toolkit.store.records import ForumState
from forum_toolkit.store.watch import FACILITATOR_KINDS

MAX_SECONDS = 6 * 3600


@dataclass(frozen=True)
class Live:
    """What a ballot follows in the store: the forum state (None: a staff ballot, at its own pace)
    and the approved participants' statements of each statements question, as (item id, text)."""

    state: ForumState | None
    items: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    mine: tuple[Mine, ...] = ()  # the statements this participant wrote, with their moderation


@dataclass(frozen=True)
class Mine:
    """One of her own statements as moderation has it: pending, approved, merged or rejected
    (with the reason participants may read)."""

    id: int
    question_id: str
    text: str
    status: str
    reason: str | None = None


def read_live(store: Store, consultation: Consultation, session_id: str, *, pace: bool = True, items: bool = True, mine: tuple[int, ...] = ()) -> Live:
    """Read the forum state (if `pace`), the approved statements (if `items`) and the moderation of
    the items `mine` (her own statements). Blocking."""
    state = store.forum_state(session_id) if pace else None
    own = ()
    if mine:
        own = tuple(Mine(i.id, i.question_id, i.original_text, i.status, i.reason) for i in store.items(session_id) if i.id in mine)
    questions = {q.id for q in consultation.questions if q.kind is Kind.STATEMENTS}
    found: dict[str, tuple[tuple[int, str], ...]] = {}
    if questions and items:
        for item in store.approved_items(session_id):
            if item.question_id in questions and item.kind == "statement":
                found[item.question_id] = (*found.get(item.question_id, ()), (item.id, item.text))
    return Live(state, found, own)


class Follower:
    """One task that calls `show(read())` at the start and after each of the facilitator's changes."""

    def __init__(self, store: Store, session_id: str, read: Callable[[], Live], show: Callable[[Live], None], *, max_seconds: float = MAX_SECONDS):
        self.store = store
        self.session_id = session_id
        self.read = read
        self.show = show
        self.max_seconds = max_seconds
        self.task: asyncio.Task | None = None

    def start(self) -> asyncio.Task:
        self.task = asyncio.get_event_loop().create_task(self.run())
        return self.task

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()

    async def run(self) -> None:
        try:
            async with self.store.watch(self.session_id, max_seconds=self.max_seconds, kinds=FACILITATOR_KINDS) as changes:
                await self.refresh()  # what changed since the page was built
                async for _change in changes:
                    await self.refresh()
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - logged for the operator; the page keeps working at its own pace
            log.exception("ballot of session %s stopped following the store", self.session_id)

    async def refresh(self) -> None:
        live = await asyncio.to_thread(self.read)  # the loop stays free for taps
        self.show(live)
