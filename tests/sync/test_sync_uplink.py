"""The uplink against a real head office (uvicorn) on SQLite and on PostgreSQL."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from app.sync.errors import HqUnreachable, SyncDisabled
from headoffice import admin, queries
from hqtest import hq_counts


def test_sales_reach_head_office_exactly_once(hq, tills):
    till = tills()
    for qty in ("1", "2", "3"):
        till.sell(qty)
    till.sell("0.5", sku="RICE")
    report = till.uplink().sync_now()
    assert (report.applied, report.duplicates, report.refused) == (5, 0, [])  # receipt + 4 sales
    counts = hq_counts(hq.engine, till.code)
    assert counts == {"events": till.outbox_count(), "stock": till.balances()}
    sales = queries.sales(hq.engine, till.code, date(2000, 1, 1), date(2100, 1, 1))
    assert {r["sku"]: r["qty_milli"] for r in sales["rows"]} == {"COLA": 6000, "RICE": 500}
    assert sales["total_fen"] == 6 * 350 + 400
    status = till.status()
    assert (status["state"], status["pending"], status["sent"], status["failed"]) == ("ok", 0, 5, 0)
    assert status["last_success"]
    again = till.uplink().sync_now()  # nothing left: one request that only anchors the head
    assert (again.applied, again.duplicates, again.requests) == (0, 0, 1)


def test_a_lost_acknowledgement_is_answered_as_a_replay(hq, tills):
    till = tills()
    for _ in range(4):
        till.sell()
    till.uplink().sync_now()
    before = hq_counts(hq.engine, till.code)
    with till.store.engine.begin() as conn:  # as if every answer had been lost on the way
        conn.execute(text("UPDATE outbox SET sent_at = NULL"))
    report = till.uplink().sync_now()
    assert (report.applied, report.duplicates) == (0, 5)
    assert hq_counts(hq.engine, till.code) == before


def test_offline_keeps_everything_pending_and_says_so(hq, tills):
    till = tills()
    till.sell()
    with till.store.engine.begin() as conn:  # head office moved away: nothing listens there
        conn.execute(text("UPDATE jxc_meta SET value = 'http://127.0.0.1:9' WHERE key = 'sync.hq_url'"))
    with pytest.raises(HqUnreachable) as err:
        till.uplink(attempts=3).sync_now()
    assert "2 events are kept" in err.value.message("en")
    status = till.status()
    assert (status["state"], status["pending"], status["sent"]) == ("offline", 2, 0)
    assert "cannot connect" in status["last_error"]
    with till.store.engine.connect() as conn:
        attempts = conn.execute(text("SELECT attempts FROM outbox_delivery")).scalars().all()
    assert attempts == [3, 3]
    with till.store.engine.begin() as conn:
        conn.execute(text("UPDATE jxc_meta SET value = :u WHERE key = 'sync.hq_url'"),
                     {"u": hq.base_url})
    assert till.uplink().sync_now().applied == 2
    assert till.status()["state"] == "ok"


def test_a_revoked_terminal_keeps_selling_and_shows_sync_disabled(hq, tills):
    till = tills()
    till.uplink().sync_now()
    admin.revoke_terminal(hq.engine, till.code, "till-1")
    till.sell()  # selling never depends on head office
    with pytest.raises(SyncDisabled) as err:
        till.uplink().sync_now()
    assert "Sync disabled" in err.value.message("en") and "1 events are kept" in err.value.message("en")
    status = till.status()
    assert (status["state"], status["pending"]) == ("disabled", 1)
    assert hq_counts(hq.engine, till.code)["events"] == 1


def add_raw_event(till, event_uuid: str, event_type: str = "document.posted") -> None:
    """An outbox row written outside the services (inserts are allowed; changes are not)."""
    with till.store.engine.begin() as conn:
        seq = conn.execute(text("SELECT max(terminal_seq) FROM outbox")).scalar() + 1
        conn.execute(text(
            "INSERT INTO outbox (event_uuid, event_type, terminal_id, terminal_seq, payload, "
            "created_at) VALUES (:u, :t, '', :s, '{}', '2026-03-01 08:00:00')"),
            {"u": event_uuid, "t": event_type, "s": seq})


def test_refused_events_are_set_aside_reported_and_never_block_the_rest(hq, tills):
    from click.testing import CliRunner

    from app.cli import cli, register_commands

    other, till = tills(), tills()
    other.uplink().sync_now()
    with other.store.engine.connect() as conn:
        foreign = conn.execute(text("SELECT event_uuid FROM outbox")).scalar()
    till.sell()
    add_raw_event(till, foreign)  # another store's id: head office refuses it
    add_raw_event(till, "bad-type", "x" * 60)  # malformed: a 422 for its whole batch
    till.sell()
    register_commands()
    result = CliRunner().invoke(cli, ["--data-dir", str(till.store.layout.root), "sync", "now"],
                                env={"JXC_LANG": "en"})
    assert result.exit_code == 1
    assert "Head office refused 2 events" in result.output
    status = till.status()
    assert (status["pending"], status["failed"], status["sent"]) == (0, 2, 3)
    errors = {e["event_uuid"]: e["error"] for e in status["failed_events"]}
    assert errors[foreign] == "conflicting_event" and errors["bad-type"].startswith("invalid_request")
    assert hq_counts(hq.engine, till.code) == {"events": 3, "stock": till.balances()}
    again = till.uplink().sync_now()  # failed events are not resent
    assert (again.applied, again.duplicates, again.refused) == (0, 0, [])
    result = CliRunner().invoke(cli, ["--data-dir", str(till.store.layout.root), "sync",
                                      "retry-failed"], env={"JXC_LANG": "en"})
    assert result.exit_code == 0 and result.output.startswith("2 failed events queued again")
    assert len(till.uplink().sync_now().refused) == 2  # refused again, still visible
    assert till.status()["failed"] == 2
