"""Exactly once through a hostile network: resets after head office commits, answers late
past the client's timeout, duplicated deliveries and two senders on one outbox, over seeded
iterations; afterwards head office's counts equal the terminals', with no duplicate."""
from __future__ import annotations

import random
import threading

import pytest
from sqlalchemy import select, text

from app.sync.errors import SyncError
from faultproxy import FAULTS, FaultProxy
from headoffice import db, queries
from headoffice.models import Event, HqStore
from hqtest import hq_counts

WEIGHTS = {"pass": 2, "reset_before": 1, "reset_after": 2, "delay": 1, "duplicate": 2}


def point_at(till, url: str) -> None:
    with till.store.engine.begin() as conn:
        conn.execute(text("UPDATE jxc_meta SET value = :u WHERE key = 'sync.hq_url'"), {"u": url})


def attempt(till, rng: random.Random, **options) -> None:
    options.setdefault("batch_size", rng.choice([1, 3, 50]))
    try:
        till.uplink(attempts=2, timeout=0.25, **options).sync_now()
    except SyncError:
        pass  # offline after its retries: the events stay pending, the next pass sends them


def two_senders(till, rng: random.Random) -> None:
    threads = [threading.Thread(target=attempt, args=(till, rng), kwargs={"use_lock": False})
               for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def hq_event_ids(engine, code: str) -> list[str]:
    return db.read(engine, lambda s: list(s.scalars(
        select(Event.event_uuid).join(HqStore, HqStore.id == Event.store_id)
        .where(HqStore.code == code))))


def local_event_ids(till) -> set[str]:
    with till.store.engine.connect() as conn:
        return set(conn.execute(text("SELECT event_uuid FROM outbox")).scalars())


def converge_through_faults(hq, tills, iterations: int, seed: int) -> FaultProxy:
    proxy = FaultProxy(hq.server.port, seed, WEIGHTS, delay=0.4)
    rng = random.Random(seed)
    group = [tills(), tills()]
    for till in group:
        point_at(till, proxy.url)
    try:
        for _ in range(iterations):
            till = rng.choice(group)
            for _ in range(rng.randint(1, 2)):
                till.sell(str(rng.randint(1, 3)))
            if rng.random() < 0.25:
                two_senders(till, rng)
            else:
                attempt(till, rng)
        proxy.set_weights(**{"pass": 1})
        for till in group:
            till.uplink().sync_now()
    finally:
        proxy.close()
    for till in group:
        assert till.status()["pending"] == 0 and till.status()["failed"] == 0
        ids = hq_event_ids(hq.engine, till.code)
        assert len(ids) == len(set(ids)) == till.outbox_count()
        assert set(ids) == local_event_ids(till)
        assert hq_counts(hq.engine, till.code) == {"events": till.outbox_count(),
                                                  "stock": till.balances()}
        assert queries.audit_flags(hq.engine, till.code)["flags"] == []
    return proxy


def test_head_office_converges_through_faults(hq, tills):
    proxy = converge_through_faults(hq, tills, iterations=20, seed=5)
    assert sum(proxy.stats[f] for f in FAULTS if f != "pass") >= 5


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 12])
def test_head_office_converges_through_faults_long(hq, tills, seed):
    proxy = converge_through_faults(hq, tills, iterations=200, seed=seed)
    assert all(proxy.stats[f] > 0 for f in FAULTS), proxy.stats
