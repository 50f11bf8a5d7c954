"""The background loop: push, then long-poll the feed; back off while offline; slow down
while disabled; never die on an error."""
from __future__ import annotations

import random
import time

from app.services.catalog_sync import start_background_sync
from app.sync import settings
from app.sync.backoff import Backoff
from app.sync.errors import HqUnreachable, SyncDisabled
from app.sync.worker import run_worker
from headoffice.feed_records import price_records
from headoffice.publish import list_changes, publish
from hqtest import hq_counts, new_code, new_till


class Script:
    """A fake uplink or downlink answering from a script, and a stop event that records
    the pauses the loop asked for and stops it after the script."""

    def __init__(self, outcomes: list) -> None:
        self.outcomes, self.calls, self.waits, self.pauses = list(outcomes), 0, [], []

    def sync_now(self):
        return self._next()

    def pull(self, wait: float = 0.0):
        self.waits.append(wait)
        return self._next()

    def _next(self):
        self.calls += 1
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def is_set(self) -> bool:
        return not self.outcomes

    def wait(self, seconds: float) -> bool:
        self.pauses.append(seconds)
        return False


def offline() -> HqUnreachable:
    return HqUnreachable(url="http://hq", reason="cannot connect", attempts=5, pending=0)


def test_online_the_long_poll_is_the_only_pause_and_offline_backs_off():
    up = Script([None, offline(), offline(), offline(), None, RuntimeError("bug"), None])
    down = Script([None] * 10)
    run_worker(up, up, interval=8.0, downlink=down, wait=25.0,
               backoff=Backoff(base=1.0, cap=32.0, rng=random.Random(7)))
    assert up.calls == 7 and down.waits == [25.0, 25.0, 25.0]  # pulled only after a push
    online, *offline_waits, back, bug, last = up.pauses
    assert (online, back, last) == (0.0, 0.0, 0.0)
    assert all(1.0 <= w <= 2 ** (n - 1) for n, w in enumerate(offline_waits, 1)) and bug >= 1.0


def test_disabled_checks_again_only_every_ten_intervals():
    up = Script([SyncDisabled(reason_en="revoked", reason_zh="停用", pending=1), None])
    run_worker(up, up, interval=3.0)
    assert up.pauses == [30.0, 3.0]  # no downlink: a push every interval


def test_the_app_worker_pushes_sales_and_applies_prices_within_seconds(hq, tills, tmp_path):
    idle = new_till(hq.engine, hq.base_url, tmp_path, enroll=False, code=new_code("N"))
    try:
        assert start_background_sync(idle.store) is None  # not enrolled: nothing to run
    finally:
        idle.store.close()
    till = tills()
    settings.save(till.store, {"changes_cursor": str(list_changes(hq.engine, limit=1)["last_id"])})
    worker = start_background_sync(till.store, interval=5.0, wait=1.0)
    try:
        till.sell()
        assert wait_for(lambda: hq_counts(hq.engine, till.code)["events"] == 2, 10)
        published = time.monotonic()
        publish(hq.engine, "price", price_records([{"sku": "COLA", "retail_price": "4.50"}]),
                till.code)
        price = "SELECT retail_price_fen FROM products WHERE sku = 'COLA'"
        assert wait_for(lambda: till.query(price) == [(450,)], 10)
        assert time.monotonic() - published < 4.0
    finally:
        assert worker.stop(timeout=10)
    assert worker.thread.name == "jxc-sync" and not worker.thread.is_alive()


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()
