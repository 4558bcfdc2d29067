"""forum_toolkit.serve.pool: the warm-kernel pool never makes a page, or Ctrl-C, wait for its timer.

The pool here is what Voilà keeps per notebook: a list of asyncio tasks, each `wait_before(delay,
start a kernel)`; a page pops the first one and awaits it.
"""

import asyncio

import pytest

from forum_toolkit.serve.pool import RefillsStopped, RefillTimer, prepare_pool


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, timeout=10))


async def kernel_start(name: str, seconds: float = 0.0) -> dict:
    await asyncio.sleep(seconds)
    return {"kernel_id": name}


async def failed_start() -> dict:
    raise RuntimeError("zmq.error.ZMQError: Address already in use")


async def settle():
    for _ in range(5):
        await asyncio.sleep(0)


def test_a_refill_waits_out_its_delay_then_starts_the_kernel():
    async def scenario():
        timer = RefillTimer()
        loop = asyncio.get_running_loop()
        started = loop.time()
        result = await timer.wait_before(0.3, kernel_start("k1"))
        return result, loop.time() - started

    result, waited = run(scenario())
    assert result == {"kernel_id": "k1"}
    assert waited >= 0.3


def test_a_page_that_finds_only_sleeping_refills_wakes_the_oldest():
    async def scenario():
        timer = RefillTimer()
        pool = [asyncio.create_task(timer.wait_before(120, kernel_start(f"refill-{n}"))) for n in (1, 2)]
        await settle()
        assert all(timer.is_sleeping(task) for task in pool)
        prepare_pool(pool, timer)
        first = pool.pop(0)  # what Voilà's get_rendered_notebook does
        result = await asyncio.wait_for(first, timeout=2)  # not 120 s
        assert timer.is_sleeping(pool[0])  # the other refill keeps its delay
        timer.stop()
        await asyncio.gather(*pool, return_exceptions=True)
        return result

    assert run(scenario()) == {"kernel_id": "refill-1"}


def test_a_refill_counts_as_sleeping_before_its_task_has_run():
    async def scenario():
        timer = RefillTimer()
        task = asyncio.create_task(timer.wait_before(120, kernel_start("k")))
        sleeping = timer.is_sleeping(task)  # no await yet: the task has not started
        timer.stop()
        await asyncio.gather(task, return_exceptions=True)
        return sleeping

    assert run(scenario()) is True


def test_ready_kernels_go_first_then_starting_ones_then_sleeping_refills():
    async def scenario():
        timer = RefillTimer()
        sleeping = asyncio.create_task(timer.wait_before(120, kernel_start("sleeping")))
        starting = asyncio.create_task(kernel_start("starting", 0.5))
        ready = asyncio.create_task(kernel_start("ready"))
        await settle()
        pool = [sleeping, starting, ready]
        prepare_pool(pool, timer)
        order = [pool.index(task) for task in (ready, starting, sleeping)]
        woken = not timer.is_sleeping(sleeping)
        timer.stop()
        await asyncio.gather(sleeping, starting, return_exceptions=True)
        return order, woken

    order, woken = run(scenario())
    assert order == [0, 1, 2]
    assert woken is False  # a kernel is ready: no refill starts early


def test_a_kernel_that_failed_to_start_is_never_given_to_a_page():
    async def scenario():
        timer = RefillTimer()
        broken = asyncio.create_task(failed_start())
        ready = asyncio.create_task(kernel_start("ready"))
        await settle()
        pool = [broken, ready]
        prepare_pool(pool, timer)
        return [task.result()["kernel_id"] for task in pool]

    assert run(scenario()) == ["ready"]


def test_stopping_ends_sleeping_refills_at_once_without_starting_a_kernel():
    async def scenario():
        timer = RefillTimer()
        started = []

        async def start():
            started.append(True)
            return {"kernel_id": "never"}

        task = asyncio.create_task(timer.wait_before(120, start()))
        await settle()
        timer.stop()
        with pytest.raises(RefillsStopped):
            await asyncio.wait_for(task, timeout=2)
        return started

    assert run(scenario()) == []
