"""Costing authority with a real head office (`jxc hq serve`, SQLite and PostgreSQL): two
terminals of one store sell the last units of a product, each before hearing of the other's
sale, so their provisional costs disagree; head office replays the store in the canonical
order, its final costs are FIFO in that order (worked out here independently), the
correction reaches both terminals as an overlay, their books stay provisional and
balanced, and recomputing again publishes nothing."""
from __future__ import annotations

import json
from decimal import Decimal
from datetime import datetime, timedelta, timezone

from click.testing import CliRunner

from app.cli import cli, register_commands
from app.services import catalog_sync
from app.services.documents import document_detail
from app.services.inventory.posting import post_document
from app.services.inventory.verify import verify
from app.sync import settings
from headoffice import cost, queries
from headoffice.publish import list_changes
from hqtest import actor

def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def at(start: datetime, minutes: int):
    """A clock `minutes` after `start` (after the opening receipts)."""
    return lambda: start + timedelta(minutes=minutes)


def _sync(*group):
    for till in group:
        till.uplink().sync_now()
    for till in group:
        catalog_sync.peer_link(till.store, timeout=5.0).pull()


def _sell(till, qty: str, start: datetime, minutes: int) -> str:
    doc_id = f"{till.code}-{till.store.terminal_id[:6]}-cola-{minutes}"
    post_document(till.store, actor(), {
        "type": "sale", "id": doc_id, "lines": [{"sku": "COLA", "qty": qty}],
        "payments": [{"method": "cash", "amount": "999999.00"}]}, clock=at(start, minutes))
    return doc_id


def _line(till, doc_id: str) -> dict:
    return document_detail(till.store, actor(), doc_id)["lines"][0]


def test_head_office_costs_the_store_in_one_order_and_corrects_both_terminals(hq, tills):
    first = tills()
    second = tills(code=first.code, store_known=True, terminal="till-2")
    for till in (first, second):  # start reading the feed from now on
        settings.save(till.store, {"changes_cursor": str(list_changes(hq.engine, limit=1)["last_id"])})
    start = now()
    # opening receipt (both terminals, one id): COLA 100000 at 1.00 (FIFO); then 10 more
    # at 1.50 with 0.30 freight, so 1.53 a unit
    post_document(first.store, actor(), {
        "type": "purchase_receipt", "id": f"{first.code}-r2", "supplier": "S01", "freight": "0.30",
        "lines": [{"sku": "COLA", "qty": "10", "unit_cost": "1.50", "confirm_price": True}]},
        clock=at(start, 1))
    _sync(first, second)
    # offline from each other: till-2 sells 4 first, then till-1 sells the other 100004
    second_sale = _sell(second, "4", start, minutes=5)
    first_sale = _sell(first, "100004", start, minutes=10)
    assert _line(second, second_sale)["cogs"] == "4.00"  # 4 x 1.00
    assert _line(first, first_sale)["cogs"] == "100006.12"  # 100000 x 1.00 + 4 x 1.53
    _sync(first, second)

    # the canonical order (by the time each sale was posted): till-2's 4 first, at 1.00;
    # then till-1's 100004: the other 99996 at 1.00 and 8 of the 1.53 layer
    expected_first = 99996 * 100 + 8 * 153
    assert expected_first == 10000824
    assert any("COLA" in skus for skus in cost.dirty(hq.engine).values())  # ingest records
    cost.recompute_dirty(hq.engine)  # what the server's cost worker does every 30 s
    assert cost.dirty(hq.engine) == {}
    (summary,) = cost.recompute(hq.engine, first.code)
    assert summary["published"] == 0  # a full replay finds nothing new
    cola = [r for r in summary["stock"] if r["sku"] == "COLA"]
    assert cola == [{"warehouse": "MAIN", "sku": "COLA", "qty_milli": 2000, "value_fen": 306}]
    receipts = 100000 * 100 + 1530
    assert 400 + expected_first + cola[0]["value_fen"] == receipts
    published = [c for c in list_changes(hq.engine, first.code)["changes"] if c["kind"] == "cost"]
    assert [(c["data"]["doc"], c["data"]["provisional_fen"], c["data"]["final_fen"])
            for c in published] == [(first_sale, 10000612, expected_first)]

    for till in (first, second):
        report = till.downlink().pull()
        assert report.applied == 1 and report.skipped == []
        assert _line(till, first_sale)["final_cogs"] == "100008.24"
        assert "final_cogs" not in _line(till, second_sale)  # final = provisional
        assert verify(till.store).ok, verify(till.store).as_dict()
    assert _line(first, first_sale)["cogs"] == "100006.12"  # its own books stay provisional
    assert first.query("SELECT cogs_fen FROM document_lines l JOIN documents d ON "
                       "d.id = l.document_id WHERE d.uuid = :u", u=first_sale) == [(10000612,)]

    assert cost.recompute(hq.engine, first.code)[0]["published"] == 0
    sales = queries.sales(hq.engine, first.code, start.date() - timedelta(days=1),
                          start.date() + timedelta(days=1))
    (row,) = [r for r in sales["rows"] if r["sku"] == "COLA"]
    assert (row["cost"], row["cogs_fen"]) == ("final", 400 + expected_first)
    assert row["gross_profit_fen"] == row["amount_fen"] - row["cogs_fen"]


def test_the_recompute_command(hq, tills):
    till = tills()
    till.sell("3", sku="RICE")
    till.uplink().sync_now()
    register_commands()
    out = CliRunner().invoke(cli, ["hq", "cost", "recompute", "--db", hq.url, "--store",
                                   till.code, "--format", "json"])
    assert out.exit_code == 0, out.output
    (summary,) = json.loads(out.output)["stores"]
    assert (summary["store"], summary["documents"], summary["published"]) == (till.code, 2, 0)
    assert summary["final_lines"] == 1 and summary["changed"] == summary["lines"]  # first time
    assert cost.recompute(hq.engine, till.code)[0]["changed"] == 0


def test_a_transfer_between_stores_is_received_at_the_senders_final_cost(hq, tills):
    from app.services import transfers

    sender, receiver = tills(), tills()
    settings.save(receiver.store, {"changes_cursor": str(list_changes(hq.engine, limit=1)["last_id"])})
    start = now()
    post_document(sender.store, actor(), {
        "type": "purchase_receipt", "id": f"{sender.code}-r2", "supplier": "S01", "freight": "0.30",
        "lines": [{"sku": "COLA", "qty": "10", "unit_cost": "1.50", "confirm_price": True}]},
        clock=at(start, 1))
    transfers.ensure_holding(sender.store, receiver.code)
    sent = f"{sender.code}-to-{receiver.code}"
    post_document(sender.store, actor(), {
        "type": "transfer_out", "id": sent, "to_store": receiver.code,
        "to_warehouse": transfers.holding_warehouse(receiver.code),
        "lines": [{"sku": "COLA", "qty": "4"}]}, clock=at(start, 5))
    sender.uplink().sync_now()  # sent at 4 x 1.00, final as well so far
    (incoming,) = transfers.incoming_transfers(receiver.store, actor())
    transfers.receive_transfer(receiver.store, actor(), incoming, {"COLA": "4"})
    sold = _sell(receiver, "100004", start, minutes=20)  # the opening 100000, then the 4
    assert _line(receiver, sold)["cogs"] == "100004.00"
    receiver.uplink().sync_now()
    cost.recompute_dirty(hq.engine)
    assert receiver.downlink().pull().applied == 0  # nothing to correct yet

    # the sender's till posts a sale it made before the transfer (its clock says 3 minutes
    # in): in the canonical order the transfer now takes the last 2 at 1.00 and 2 at 1.53
    _sell(sender, "99998", start, minutes=3)
    sender.uplink().sync_now()
    cost.recompute_dirty(hq.engine)  # the sender's store, then the receiver's it feeds
    transfer_final = 2 * 100 + 2 * 153
    (row,) = [c for c in list_changes(hq.engine, sender.code)["changes"]
              if c["kind"] == "cost" and c["data"]["doc"] == sent]
    assert (row["data"]["provisional_fen"], row["data"]["final_fen"]) == (400, transfer_final)
    # the receiver's goods follow: 5.06 / 4 = 1.265, to the fen as its till rounds (1.26)
    assert transfers._unit_cost({"value_fen": transfer_final, "qty_milli": 4000}) == \
        Decimal("1.26")
    assert receiver.downlink().pull().applied == 1
    assert _line(receiver, sold)["final_cogs"] == "100005.04"
    assert verify(receiver.store).ok and verify(sender.store).ok
    for code in (sender.code, receiver.code):
        assert cost.recompute(hq.engine, code)[0]["published"] == 0


def test_the_servers_cost_worker_costs_what_uploads_recorded(hq, tills, monkeypatch):
    import time

    till = tills()
    till.sell("3", sku="RICE")
    till.uplink().sync_now()
    assert cost.dirty(hq.engine)  # the upload recorded the lines, costed nothing
    monkeypatch.setenv("JXC_HQ_COST_INTERVAL", "off")
    assert cost.Worker.from_env(hq.engine) is None
    monkeypatch.setenv("JXC_HQ_COST_INTERVAL", "0.1")
    worker = cost.Worker.from_env(hq.engine).start()
    try:
        deadline = time.monotonic() + 20
        while cost.dirty(hq.engine) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()
    assert cost.dirty(hq.engine) == {} and not worker.thread.is_alive()
    assert cost.recompute(hq.engine, till.code)[0]["changed"] == 0  # the worker did it all
