"""Negative stock: allowed at the counter by default (flagged, trued up on arrival), refused
in the back office by default; every invariant `jxc verify` checks still holds."""
from __future__ import annotations

import pytest

from app.services import settings
from app.services.inventory.handlers import NotEnoughStock
from app.services.inventory.posting import post_document
from app.services.inventory.queries import document, stock
from app.services.inventory.verify import verify
from app.services.records import Actor

ADMIN = Actor(None, "t", "admin")


def _sale(store, doc_id, sku, qty, channel, price="3.50"):
    return post_document(store, ADMIN, {"type": "sale", "id": doc_id, "customer": "M001",
                                        "lines": [{"sku": sku, "qty": qty, "unit_price": price}]},
                         channel=channel)  # on account: no change to count


def _receipt(store, doc_id, sku, qty, cost):
    return post_document(store, ADMIN, {"type": "purchase_receipt", "id": doc_id,
                                        "supplier": "S01",
                                        "lines": [{"sku": sku, "qty": qty, "unit_cost": cost}]})


def _on_hand(store, sku):
    rows = stock(store, sku=sku, warehouse="MAIN")
    return (rows[0]["on_hand"], rows[0]["value"]) if rows else ("0", "0.00")


def _voucher(doc):
    return {(v["account"], v["debit"], v["credit"]) for v in doc["voucher"]}


def test_back_office_refuses_by_default(store):
    _receipt(store, "r1", "COLA", "2", "1.00")
    with pytest.raises(NotEnoughStock):
        _sale(store, "s1", "COLA", "3", "back_office")
    assert _on_hand(store, "COLA") == ("2", "2.00")


def test_counter_sells_beyond_stock_and_the_next_receipt_trues_the_cost_up(store):
    _receipt(store, "r1", "COLA", "2", "1.00")
    _sale(store, "s1", "COLA", "5", "counter")  # 2 at 1.00 from the layer, 3 estimated at 1.00
    sale = document(store, "s1")
    assert sale["lines"][0]["negative_stock"] is True
    assert sale["lines"][0]["cogs"] == "5.00"
    assert _on_hand(store, "COLA") == ("-3", "-3.00")
    assert verify(store).ok

    receipt = _receipt(store, "r2", "COLA", "10", "1.20")  # 3 settle the shortfall, 7 stay
    doc = document(store, receipt.id)
    true_up = [m for m in doc["moves"] if m.get("kind") == "true_up"]
    assert [(m["qty"], m["value"]) for m in true_up] == [("0", "-0.60")]  # 3 x 0.20 more
    assert ("5401", "0.60", "0.00") in _voucher(doc)
    assert _on_hand(store, "COLA") == ("7", "8.40")
    report = verify(store)
    assert report.ok, report.as_dict()


def test_a_partial_settlement_keeps_the_rest_at_its_estimate(store):
    _receipt(store, "r1", "COLA", "1", "2.00")
    _sale(store, "s1", "COLA", "5", "counter")  # 4 beyond stock at 2.00
    _receipt(store, "r2", "COLA", "1", "2.40")  # settles 1 of 4: true-up 0.40
    assert [m["value"] for m in document(store, "r2")["moves"] if m.get("kind")] == ["-0.40"]
    assert _on_hand(store, "COLA") == ("-3", "-6.00")
    _receipt(store, "r3", "COLA", "3", "2.00")  # settles the rest at the estimate: no true-up
    assert _on_hand(store, "COLA") == ("0", "0.00")
    assert not [m for m in document(store, "r3")["moves"] if m.get("kind")]
    assert verify(store).ok


def test_moving_average_goes_negative_on_its_merged_layer(store):
    _receipt(store, "r1", "RICE", "1", "4.00")
    _sale(store, "s1", "RICE", "3", "counter", price="8.00")
    assert _on_hand(store, "RICE") == ("-2", "-8.00")
    _receipt(store, "r2", "RICE", "4", "4.50")  # 2 settle (true-up 1.00), 2 stay at 4.50
    assert _on_hand(store, "RICE") == ("2", "9.00")
    assert verify(store).ok


def test_a_product_never_received_uses_its_purchase_price_as_the_estimate(store):
    from sqlalchemy import update

    from app.persistence.schema import Product

    with store.engine.begin() as conn:
        conn.execute(update(Product).where(Product.sku == "COLA").values(purchase_price_fen=90))
    _sale(store, "s1", "COLA", "2", "counter")
    assert _on_hand(store, "COLA") == ("-2", "-1.80")
    assert verify(store).ok


def test_the_settings_switch_both_ways(store):
    settings.change(store, ADMIN, "negative_stock.counter", "refuse")
    settings.change(store, ADMIN, "negative_stock.back_office", "allow")
    with pytest.raises(NotEnoughStock):
        _sale(store, "s1", "COLA", "1", "counter")
    _sale(store, "s2", "COLA", "1", "back_office")
    assert document(store, "s2")["lines"][0]["negative_stock"] is True


def test_a_named_batch_is_never_oversold(store):
    _receipt(store, "r1", "COLA", "1", "1.00")
    with pytest.raises(NotEnoughStock):
        post_document(store, ADMIN, {"type": "sale", "id": "s1", "customer": "M001", "lines": [
            {"sku": "COLA", "qty": "2", "batch": "B9"}]}, channel="counter")


def test_purchase_returns_never_go_negative(store):
    settings.change(store, ADMIN, "negative_stock.back_office", "allow")
    _receipt(store, "r1", "COLA", "1", "1.00")
    with pytest.raises(NotEnoughStock):
        post_document(store, ADMIN, {"type": "purchase_return", "id": "pr1", "supplier": "S01",
                                     "lines": [{"sku": "COLA", "qty": "2"}]})


def test_settings_refuse_nonsense(store):
    from app.services.settings import BadSetting, UnknownSetting

    with pytest.raises(BadSetting) as bad:
        settings.change(store, ADMIN, "negative_stock.counter", "maybe")
    assert "allow" in bad.value.message("en")
    with pytest.raises(UnknownSetting):
        settings.change(store, ADMIN, "no.such", "1")
    with pytest.raises(Exception) as denied:
        settings.change(store, Actor(5, "c", "cashier"), "negative_stock.counter", "refuse")
    assert type(denied.value).__name__ == "PermissionDenied"
