"""transfer_settle: a transfer to another store, delivered, leaves the sender's in-transit."""
from __future__ import annotations

import pytest

from app.services import transfers
from app.services.inventory.handlers import LineRuleBroken
from app.services.inventory.queries import document, stock
from app.services.inventory.resolve import UnknownReference
from app.services.inventory.verify import verify
from app.services.records import Actor

ADMIN = Actor(None, "test-admin", "admin")


def on_hand(store, sku, warehouse):
    rows = stock(store, sku=sku, warehouse=warehouse)
    return (rows[0]["on_hand"], rows[0]["value"]) if rows else ("0", "0.00")


def voucher(store, ref):
    return {v["account"]: (v["debit"], v["credit"]) for v in document(store, ref)["voucher"]}


def _sent(store, post):
    """COLA 10 at 1.00 then 10 at 1.50; MILK 4 at 3.00; 12 COLA and 4 MILK sent to S002."""
    post("purchase_receipt", [{"sku": "COLA", "qty": "10", "unit_cost": "1.00"}], supplier="S01")
    post("purchase_receipt", [{"sku": "COLA", "qty": "10", "unit_cost": "1.50",
                               "confirm_price": True},
                              {"sku": "MILK", "qty": "4", "unit_cost": "3.00"}], supplier="S01")
    return transfers.send_transfer(store, ADMIN, "S002", [{"sku": "COLA", "qty": "12"},
                                                          {"sku": "MILK", "qty": "4"}])


def test_delivered_goods_leave_in_transit_fifo_at_the_values_they_went_in_with(store, post):
    sent = _sent(store, post)
    assert on_hand(store, "COLA", "TRANSIT") == ("12", "13.00")  # 10 x 1.00 + 2 x 1.50
    done = post("transfer_settle", [{"sku": "COLA", "qty": "12"}, {"sku": "MILK", "qty": "4"}],
                original=sent.id)
    assert on_hand(store, "COLA", "TRANSIT") == ("0", "0.00")
    assert on_hand(store, "MILK", "TRANSIT") == ("0", "0.00")
    assert on_hand(store, "COLA", "MAIN") == ("8", "12.00")  # the shelf is not touched
    shown = document(store, done.id)
    assert shown["number"].startswith("DJ-") and shown["warehouse"] == "TO-S002"
    assert [m["qty"] for m in shown["moves"] if m["warehouse"] == "TRANSIT"] == ["-10", "-2", "-4"]
    assert voucher(store, done.id) == {"1221": ("25.00", "0.00"), "1402": ("0.00", "25.00")}
    assert verify(store).ok


def test_what_did_not_arrive_is_the_senders_loss(store, post):
    sent = _sent(store, post)
    # 9 COLA arrived (the first 9, at 1.00, FIFO), no MILK at all
    done = post("transfer_settle", [{"sku": "COLA", "qty": "9"}], original=sent.id)
    assert on_hand(store, "COLA", "TRANSIT") == ("0", "0.00")
    assert on_hand(store, "MILK", "TRANSIT") == ("0", "0.00")
    lines = {l["sku"]: l for l in document(store, done.id)["lines"]}
    assert set(lines) == {"COLA", "MILK"}  # a line carries the milk that never arrived
    assert voucher(store, done.id) == {"1221": ("9.00", "0.00"), "1901": ("16.00", "0.00"),
                                       "1402": ("0.00", "25.00")}  # 1 x 1.00 + 2 x 1.50 + 12.00
    assert done.total_fen == 2500
    assert verify(store).ok


def test_refused_without_the_transfer_more_than_sent_or_twice(store, post):
    sent = _sent(store, post)
    with pytest.raises(UnknownReference):
        post("transfer_settle", [{"sku": "COLA", "qty": "1"}])
    with pytest.raises(UnknownReference):
        post("transfer_settle", [{"sku": "COLA", "qty": "1"}], original="no-such-transfer")
    with pytest.raises(LineRuleBroken):  # more than in transit for it
        post("transfer_settle", [{"sku": "COLA", "qty": "13"}], original=sent.id)
    with pytest.raises(LineRuleBroken):  # a product it did not send
        post("transfer_settle", [{"sku": "RICE", "qty": "1"}], original=sent.id)
    inside = post("transfer_out", [{"sku": "COLA", "qty": "1"}], to_warehouse="W2")
    with pytest.raises(LineRuleBroken):  # a transfer between this store's warehouses
        post("transfer_settle", [{"sku": "COLA", "qty": "1"}], original=inside.id)
    post("transfer_settle", [{"sku": "COLA", "qty": "12"}, {"sku": "MILK", "qty": "4"}],
         original=sent.id, id="settle-1")
    again = post("transfer_settle", [{"sku": "COLA", "qty": "12"}, {"sku": "MILK", "qty": "4"}],
                 original=sent.id, id="settle-1")
    assert again.replayed
    with pytest.raises(LineRuleBroken):  # delivered once only
        post("transfer_settle", [{"sku": "COLA", "qty": "1"}], original=sent.id)
    with pytest.raises(LineRuleBroken):  # nor received back into a warehouse afterwards
        post("transfer_in", [{"sku": "COLA", "qty": "1"}], original=sent.id)
    assert verify(store).ok


def test_a_settled_transfer_is_no_longer_waiting_in_the_stock_section(store, post):
    from app.services.stock_work.transfers import open_transfers

    sent = _sent(store, post)
    assert [t.id for t in open_transfers(store, ADMIN)] == [sent.id]
    post("transfer_settle", [{"sku": "COLA", "qty": "12"}], original=sent.id)
    assert open_transfers(store, ADMIN) == []
