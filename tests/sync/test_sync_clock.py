"""Issue 10 item 5, head-office part: a till whose clock is wrong, or jumps about, still
sells and syncs every sale exactly once with a valid audit chain, and head office flags
the skew (and records the recovery). Real `jxc hq serve` on SQLite and PostgreSQL; the
till's clock is injected into both the posting service and the uplink."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone

import httpx
from click.testing import CliRunner
from sqlalchemy import text

from app.cli import cli, register_commands
from app.sync.credentials import KeyringTokenStore
from headoffice import queries
from hqtest import actor, hq_counts

HOUR = timedelta(hours=1)


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def sell(till, at, qty: str = "1") -> None:
    """A sale posted while the till's clock says `at()` (a function: it keeps ticking)."""
    from app.services.inventory.posting import post_document

    till.sales += 1
    raw = {"type": "sale", "id": f"{till.code}-clock-{till.sales}-{uuid.uuid4().hex[:6]}",
           "lines": [{"sku": "COLA", "qty": qty}],
           "payments": [{"method": "cash", "amount": "100.00"}]}
    post_document(till.store, actor(), raw, clock=at)


def exactly_once(hq, till) -> None:
    """Head office holds each outbox event of the till once, and the same stock."""
    mine = {r[0] for r in till.query("SELECT event_uuid FROM outbox")}
    with hq.engine.connect() as conn:
        theirs = [r[0] for r in conn.execute(text(
            "SELECT e.event_uuid FROM events e JOIN stores s ON s.id = e.store_id "
            "WHERE s.code = :c"), {"c": till.code})]
    assert len(theirs) == len(set(theirs)) and set(theirs) == mine
    assert hq_counts(hq.engine, till.code) == {"events": len(mine), "stock": till.balances()}
    status = till.status()
    assert (status["pending"], status["failed"], status["sent"]) == (0, 0, len(mine))


def chain_valid(hq, till) -> None:
    """The till's own audit chain verifies, and head office found no gap, fork or regression."""
    from app.services.inventory.verify import verify

    assert verify(till.store).ok, verify(till.store).as_dict()
    assert queries.audit_flags(hq.engine, till.code)["flags"] == []


def clock_report(hq, till) -> tuple[dict, list[str]]:
    data = queries.audit_flags(hq.engine, till.code)
    (mine,) = [c for c in data["clock"] if c["terminal"] == "till-1"]
    return mine, [e["kind"] for e in data["clock_events"]]


def me(hq, till) -> dict:
    token = KeyringTokenStore().get(till.store.identity.store_uuid)
    return httpx.get(f"{hq.base_url}/api/v1/me", headers={"Authorization": f"Bearer {token}"},
                     timeout=10).json()


def test_a_till_two_hours_behind_syncs_once_is_flagged_and_recovers(hq, tills):
    till = tills()
    behind = lambda: now() - 2 * HOUR  # noqa: E731
    for qty in ("1", "2", "3"):
        sell(till, behind, qty)
    report = till.uplink(clock=behind).sync_now()
    assert (report.applied, report.duplicates, report.refused) == (4, 0, [])
    assert report.clock["skewed"] and -7300 < report.clock["offset_seconds"] < -7190
    exactly_once(hq, till)
    chain_valid(hq, till)
    shown, events = clock_report(hq, till)
    assert shown["clock_skewed"] and -7300 < shown["clock_offset_seconds"] < -7190
    assert events == ["skewed"]
    assert till.status()["clock"]["skewed"] and till.status()["clock"]["threshold_seconds"] == 300
    assert me(hq, till)["clock"]["skewed"]

    sell(till, now)  # the clock is put right
    again = till.uplink().sync_now()
    assert (again.applied, again.duplicates) == (1, 0)
    assert not again.clock["skewed"] and abs(again.clock["offset_seconds"]) < 60
    exactly_once(hq, till)
    chain_valid(hq, till)
    shown, events = clock_report(hq, till)
    assert not shown["clock_skewed"] and shown["clock_skewed_since"] is None
    assert events == ["skewed", "recovered"]
    assert not till.status()["clock"]["skewed"] and not me(hq, till)["clock"]["skewed"]
    assert till.uplink().sync_now().applied == 0  # nothing is ever sent twice


def test_sales_made_offline_long_ago_are_not_a_skew(hq, tills):
    """Only the clock at sending counts: events written three days ago, by a correct clock,
    and sent now are not flagged."""
    till = tills()
    sell(till, lambda: now() - 72 * HOUR)
    report = till.uplink().sync_now()
    assert report.applied == 2 and not report.clock["skewed"]
    assert clock_report(hq, till)[1] == []


JUMPS = [timedelta(0), -HOUR, -HOUR, timedelta(hours=-10), timedelta(days=1),
         datetime(2000, 1, 1), datetime(1970, 1, 1, 0, 0, 1), datetime(2038, 1, 19, 3, 14, 8),
         timedelta(minutes=-4), timedelta(seconds=1)]


def _clock(jump):
    return (lambda: jump) if isinstance(jump, datetime) else (lambda: now() + jump)


def test_sales_while_the_clock_jumps_back_and_forth_sync_exactly_once(hq, tills):
    """Two sales per clock reading, a sync under the same clock after each, and every other
    acknowledgement lost (the answer never arrived): head office ends with the till's
    events once each, its stock, no audit flag, and a skew flag exactly while the clock
    was more than five minutes out."""
    till = tills()
    expected = []
    for n, jump in enumerate(JUMPS):
        at = _clock(jump)
        sell(till, at)
        sell(till, at, "2")
        report = till.uplink(clock=at).sync_now()
        assert report.refused == [] and report.applied + report.duplicates >= 2
        expected.append(report.clock["skewed"])
        if n % 2:
            with till.store.engine.begin() as conn:
                conn.execute(text("UPDATE outbox SET sent_at = NULL"))
    final = till.uplink().sync_now()
    assert final.applied == 0 and final.duplicates > 0  # the lost ones come back as replays
    exactly_once(hq, till)
    chain_valid(hq, till)
    assert expected == [False, True, True, True, True, True, True, True, False, False]
    shown, events = clock_report(hq, till)
    assert not shown["clock_skewed"]
    assert events == ["skewed", "recovered"]


def test_the_cli_shows_head_office_s_view_of_the_clock(hq, tills):
    till = tills()
    till.uplink(clock=lambda: now() + 3 * HOUR + timedelta(seconds=30)).sync_now()
    register_commands()
    runner = CliRunner()
    root = str(till.store.layout.root)
    status = runner.invoke(cli, ["--data-dir", root, "sync", "status", "--format", "json"],
                           env={"JXC_LANG": "en"})
    assert status.exit_code == 0, status.output
    clock = json.loads(status.output)["clock"]
    assert clock["skewed"] and 10_700 < clock["offset_seconds"] < 10_900
    table = runner.invoke(cli, ["--data-dir", root, "sync", "status"], env={"JXC_LANG": "en"})
    assert "3 h 0 min ahead of head office (more than 300 s: flagged" in table.output
    audit = runner.invoke(cli, ["hq", "audit", "--store", till.code],
                          env={"JXC_HQ_DB": hq.url, "JXC_LANG": "en"})
    assert audit.exit_code == 0, audit.output
    assert "till-1  clock 3 h 0 min ahead" in audit.output and "SKEWED since" in audit.output
    listed = runner.invoke(cli, ["hq", "terminal", "list", till.code, "--format", "json"],
                           env={"JXC_HQ_DB": hq.url})
    (row,) = json.loads(listed.output)
    assert row["clock_skewed"] and 10_700 < row["clock_offset_seconds"] < 10_900
