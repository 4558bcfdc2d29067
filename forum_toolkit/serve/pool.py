"""How the ballot's pool of warm kernels refills: late, but never while a page waits or at shutdown.

Voilà's pool (`VoilaKernelManager`, voila 0.5) keeps `pool_size` kernels per notebook that have
already run the notebook. When a page takes one, a replacement is scheduled `fill_delay` seconds
later as a task in the same pool list. Two behaviours of Voilà need help:

- A page that arrives when every warm kernel is taken pops the oldest task, which may still be
  sleeping out its `fill_delay`: that page would wait up to two minutes. `prepare_pool` puts ready
  kernels first and, when none is ready or starting, wakes the oldest sleeping refill so that it
  starts now: the page waits for one kernel start, as without a pool.
- At shutdown Voilà awaits every pool task, sleeping ones included: Ctrl-C would hang for up to
  `fill_delay`. After `RefillTimer.stop()` sleeping refills end without starting a kernel.

`RefillTimer.wait_before` replaces `voila.voila_kernel_manager.wait_before` (ForumVoila installs it).
"""

from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)


class RefillsStopped(RuntimeError):
    """A pool refill that was still waiting when the server began to stop (no kernel was started)."""


class RefillTimer:
    """Sleeps out refill delays that can be cut short: `wake(task)` starts it now, `stop()` cancels all."""

    STEP = 0.25  # seconds between checks; a woken refill starts within this

    def __init__(self) -> None:
        self.stopping = False
        # Keyed by the coroutine, not the task: Voilà creates the task after calling wait_before,
        # and a page may look at the pool before the task has run its first step.
        self._sleeping: dict = {}

    def wait_before(self, delay: float, starting):
        """Voilà's `wait_before(delay, aw)`: wait `delay` seconds, then await `starting` (a kernel start)."""
        state = {"woken": False}
        coroutine = self._sleep_then_start(delay, starting, state)
        state["coroutine"] = coroutine
        self._sleeping[coroutine] = state
        return coroutine

    async def _sleep_then_start(self, delay: float, starting, state: dict):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + delay
        try:
            while loop.time() < deadline and not self.stopping and not state["woken"]:
                await asyncio.sleep(min(self.STEP, max(deadline - loop.time(), 0)))
        except asyncio.CancelledError:
            starting.close()
            raise
        finally:
            self._sleeping.pop(state["coroutine"], None)
        if self.stopping:
            starting.close()  # the coroutine never ran: no kernel exists for it
            raise RefillsStopped("the server is stopping")
        return await starting

    def is_sleeping(self, task: asyncio.Task) -> bool:
        state = self._sleeping.get(task.get_coro())
        return state is not None and not state["woken"]

    def wake(self, task: asyncio.Task) -> None:
        state = self._sleeping.get(task.get_coro())
        if state is not None:
            state["woken"] = True

    def stop(self) -> None:
        self.stopping = True


def prepare_pool(pool: list, timer: RefillTimer) -> None:
    """Order one notebook's pool for the page about to take its first task (in place).

    Ready kernels first, then kernels that are starting, then sleeping refills; failed starts are
    dropped so no page is given a dead kernel. If nothing is ready or starting, the first sleeping
    refill is woken.
    """
    for task in [task for task in pool if task.done() and (task.cancelled() or task.exception() is not None)]:
        pool.remove(task)
        reason = "cancelled" if task.cancelled() else repr(task.exception())
        log.warning("dropped a warm kernel that failed to start: %s", reason)

    def rank(task) -> int:
        if task.done():
            return 0
        return 2 if timer.is_sleeping(task) else 1

    pool.sort(key=rank)  # stable: the oldest of each kind stays first
    if pool and rank(pool[0]) == 2:
        timer.wake(pool[0])
