"""CpuPool: timeouts that kill only the job that ran over, and event loops in several
threads sharing one pool."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from tui_news.core.cpu_pool import CpuPool, WorkTimeoutError


async def test_pool_timeout_kills_the_worker_and_recovers() -> None:
    pool = CpuPool(1, timeout=0.5)
    try:
        with pytest.raises(WorkTimeoutError):
            await pool.run(time.sleep, 30)
        assert await pool.run(sum, [1, 2, 3]) == 6
    finally:
        pool.close()


def test_pool_serves_event_loops_in_several_threads() -> None:
    pool = CpuPool(2)
    results: list[int] = []

    def use() -> None:
        results.append(asyncio.run(pool.run(sum, range(10))))

    try:
        threads = [threading.Thread(target=use) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert results == [45, 45, 45]
    finally:
        pool.close()
    with pytest.raises(RuntimeError, match="closed"):
        asyncio.run(pool.run(sum, [1]))


async def test_pool_timeout_counts_from_when_a_job_starts_not_from_when_it_queued() -> None:
    """A cold refresh queues many documents: waiting for a worker is not parsing."""
    pool = CpuPool(1, timeout=1.0)
    try:
        results = await asyncio.gather(*(pool.run(time.sleep, 0.4) for _ in range(4)))
        assert results == [None] * 4
    finally:
        pool.close()


async def test_a_timeout_does_not_fail_the_jobs_running_beside_it() -> None:
    pool = CpuPool(2, timeout=1.0)
    try:
        await pool.run(sum, [0])  # the workers are up

        async def innocent() -> int:
            await asyncio.sleep(0.5)
            # Still running when the slow job's worker is killed at 1.0 s.
            await pool.run(time.sleep, 0.8)
            return 3

        done = await asyncio.gather(pool.run(time.sleep, 30), innocent(), return_exceptions=True)
        assert isinstance(done[0], WorkTimeoutError) and done[1] == 3
    finally:
        pool.close()


def test_a_job_queued_behind_a_timed_out_one_in_another_loop_still_runs() -> None:
    pool = CpuPool(1, timeout=1.0)
    results: dict[str, object] = {}

    def in_a_thread(name: str, delay: float, fn: object, arg: object) -> threading.Thread:
        async def job() -> object:
            await asyncio.sleep(delay)
            try:
                return await pool.run(fn, arg)  # type: ignore[arg-type]
            except Exception as error:  # recorded for the assertion
                return error

        thread = threading.Thread(target=lambda: results.__setitem__(name, asyncio.run(job())))
        thread.start()
        return thread

    try:
        asyncio.run(pool.run(sum, [0]))  # the worker is up
        threads = [
            in_a_thread("slow", 0, time.sleep, 30),
            in_a_thread("queued", 0.3, sum, [1, 2]),  # both wait behind the slow job
            in_a_thread("pending", 0.4, sum, [3, 4]),
        ]
        for thread in threads:
            thread.join(20)
        assert isinstance(results["slow"], WorkTimeoutError)
        assert (results["queued"], results["pending"]) == (3, 7)
    finally:
        pool.close()
