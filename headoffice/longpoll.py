"""Long-poll: a request with `wait=N` returns as soon as there is something for it, or
empty after N seconds, without holding a thread or a database connection while it waits.

Each worker process has one `FeedWatcher`. While at least one request waits, it reads the
newest change and event ids (two primary-key lookups) every `interval` seconds and wakes
the waiting requests; a request whose table moved past the mark it read before its last
fetch fetches again. Several stateless workers on one PostgreSQL each poll on their own,
so a change published by any process (the CLI, another worker, another machine) reaches
every waiting terminal within about `interval`. As a safety net a waiting request also
fetches again every `REFETCH` seconds (another store's event may carry a higher id than a
slower ingest of this store, so the global mark can miss one).
"""
from __future__ import annotations

import asyncio
import logging
from typing import Callable

from starlette.concurrency import run_in_threadpool

from headoffice import feed

log = logging.getLogger(__name__)
REFETCH = 5.0


class FeedWatcher:
    def __init__(self, engine, interval: float = 0.5) -> None:
        self._engine = engine
        self.interval = interval
        self.marks: dict[str, int] | None = None
        self._tick: asyncio.Event | None = None
        self._task: asyncio.Task | None = None
        self._waiters = 0

    async def wait(self, key: str, seen: int, timeout: float) -> None:
        """Until the newest `key` id is above `seen`, or `timeout` seconds passed."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        self._waiters += 1
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())
        try:
            while (left := end - loop.time()) > 0:
                if self.marks is not None and self.marks[key] > seen:
                    return
                if self._tick is None:
                    self._tick = asyncio.Event()
                try:
                    await asyncio.wait_for(self._tick.wait(), left)
                except asyncio.TimeoutError:
                    return
        finally:
            self._waiters -= 1

    async def _run(self) -> None:
        while self._waiters > 0:
            try:
                self.marks = await run_in_threadpool(feed.marks, self._engine)
            except Exception as exc:  # the database is away: waiters time out, we retry
                log.warning("long-poll watcher could not read the feed: %s", type(exc).__name__)
            tick, self._tick = self._tick, asyncio.Event()
            if tick is not None:
                tick.set()
            await asyncio.sleep(self.interval)


async def serve(watcher: FeedWatcher, key: str, items: str, after: int, wait: float,
                fetch: Callable[[int], tuple[dict, int]]) -> dict:
    """Fetch after `after`; while the page is empty and `wait` seconds have not passed,
    wait for news and fetch again (from the cursor the empty pages advanced to)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + wait
    while True:
        page, mark = await run_in_threadpool(fetch, after)
        left = end - loop.time()
        if page[items] or page["more"] or left <= 0:
            return page
        after = page["next_after"]
        await watcher.wait(key, mark, min(left, REFETCH))
