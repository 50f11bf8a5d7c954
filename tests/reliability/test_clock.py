"""Item 5 (local part): sales made while the PC's clock jumps backwards and forwards.

`post_document(..., clock=)` takes the time from an injected clock; the business day (and
so the number series) follows it, in the store's time zone (Asia/Shanghai here). Whatever
the clock does, the audit chain verifies, every per-terminal sequence (audit, outbox,
ledger) is 1..n in posting order, each day's numbers are 0001..n in posting order, the
recorded times are exactly what the clock said (nothing is reordered or "fixed"), and a
replay under another clock returns the first result. The head office part (flagging the
skew) belongs to the sync work and is not tested here.
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

import harness
import invariants
from app.services.records import local_date
from crashloop import cli_verify

NOW = datetime(2026, 11, 22, 2, 0)  # UTC: 10:00 in Beijing
JUMPS = [
    NOW,
    NOW - timedelta(hours=1),  # NTP correction / a DST-like hour back
    NOW - timedelta(hours=1),  # the same instant twice
    datetime(2026, 11, 21, 15, 59, 59),  # back across local midnight: 23:59:59 on the 21st
    datetime(2026, 11, 22, 16, 0),  # forward to 00:00 on the 23rd
    datetime(2000, 1, 1),  # the RTC battery died
    datetime(1970, 1, 1),  # the epoch
    datetime(2038, 1, 19, 3, 14, 8),  # past the 32-bit time_t limit
    NOW + timedelta(seconds=1),  # and back to the right time
]


@pytest.fixture(autouse=True)
def beijing(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _unpriced(index: int) -> dict:
    """A sale without a "date": its business day comes from the clock."""
    raw = harness.sale(7, index, 1)
    raw.pop("date")
    return raw


def post_at(store, admin, moments, ids) -> list[tuple[datetime, str, str]]:
    from app.services.inventory.posting import post_document

    posted = []
    for moment in moments:
        raw = _unpriced(next(ids))
        result = post_document(store, admin, raw, clock=lambda m=moment: m)
        posted.append((moment, raw["id"], result.number))
    return posted


def check(store, posted) -> None:
    from app.services.inventory.verify import verify

    assert verify(store).ok, verify(store).as_dict()
    assert invariants.documents_complete(store) == []
    assert invariants.gap_free(store) == []
    per_day: dict[str, int] = {}
    for moment, _, number in posted:  # numbers follow posting order within each local day
        day = f"{local_date(moment):%Y%m%d}"
        per_day[day] = per_day.get(day, 0) + 1
        assert number == f"XS-S001-{day}-{per_day[day]:04d}"
    with store.engine.connect() as conn:
        audit = conn.execute(text("SELECT target, at FROM audit_log WHERE action = "
                                  "'document.post' ORDER BY seq")).all()
        outbox = conn.execute(text("SELECT created_at FROM outbox ORDER BY terminal_seq")).all()
    clock_of = {sid: moment for moment, sid, _ in posted}
    recorded = [(t, at) for t, at in audit if t in clock_of]
    assert [t for t, _ in recorded] == [sid for _, sid, _ in posted]  # chain order = posting order
    assert all(_as_datetime(at) == clock_of[t] for t, at in recorded)
    assert [_as_datetime(r[0]) for r in outbox[-len(posted):]] == [m for m, _, _ in posted]


def _as_datetime(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def test_sales_while_the_clock_jumps(open_shop, admin):
    from app.services.inventory.posting import post_document

    posted = post_at(open_shop, admin, JUMPS, count())
    check(open_shop, posted)
    first_moment, first_id, first_number = posted[0]
    raw = _unpriced(0)
    assert raw["id"] == first_id
    before = invariants.table_counts(open_shop)
    again = post_document(open_shop, admin, raw, clock=lambda: datetime(2031, 5, 5))
    assert again.replayed and again.number == first_number
    assert invariants.table_counts(open_shop) == before
    open_shop.close()
    assert cli_verify(open_shop.layout.root, in_process=True) == []


MOMENTS = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2099, 12, 30))


@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moments=st.lists(MOMENTS, min_size=1, max_size=6))
def test_any_sequence_of_clock_readings_keeps_the_books_straight(open_shop, admin, moments):
    """One store across examples: the invariants must hold for the whole history so far."""
    ids = getattr(open_shop, "_clock_ids", None) or count(1000)
    open_shop._clock_ids = ids
    history = getattr(open_shop, "_clock_history", [])
    history += post_at(open_shop, admin, moments, ids)
    open_shop._clock_history = history
    check(open_shop, history)


def test_a_day_can_have_more_than_ten_thousand_sales(open_shop, admin):
    """As if 9,999 sales were already made that day (their rows inserted directly)."""
    from app.persistence.schema import Document
    from app.persistence.uow import UnitOfWork
    from app.services.inventory.posting import post_document

    with UnitOfWork(open_shop.engine) as uow:
        template = uow.session.get(Document, 1)
        fields = {c.key: getattr(template, c.key) for c in Document.__table__.columns
                  if c.key != "id"}
        uow.session.add(Document(**{**fields, "uuid": "busy-day-9999", "doc_type": "sale",
                                    "number": "XS-S001-20261122-9999"}))
        uow.commit()
    numbers = [post_document(open_shop, admin, harness.sale(0, i, 1)).number for i in range(2)]
    assert numbers == ["XS-S001-20261122-10000", "XS-S001-20261122-10001"]
