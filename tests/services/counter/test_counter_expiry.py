"""Expired batches refused at the till; near-expiry markdowns from the batch FEFO sells."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.services.counter import Cart, Tender, checkout, find_code, resolve_entry
from app.services.counter.config import parse_config
from app.services.counter.errors import BadCounterSetting, ExpiredStock
from app.services.counter.expiry import Markdown, markdown_for, parse_markdowns
from app.services.inventory.posting import post_document
from app.services.inventory.queries import document
from app.services.inventory.verify import verify
from app.services.records import local_date, utc_now
from counter_shop import ADMIN

pytestmark = pytest.mark.usefixtures("shift")
TODAY = local_date(utc_now())


def receive_milk(store, *batches: tuple[str, int, int]) -> None:
    """(batch, pieces, days from today to its expiry)."""
    post_document(store, ADMIN, {
        "type": "purchase_receipt", "id": f"milk-{batches}", "supplier": "S01",
        "lines": [{"sku": "MILK", "qty": str(n), "unit_cost": "3.00", "batch": b,
                   "expiry": (TODAY + timedelta(days=d)).isoformat()} for b, n, d in batches]})


def test_markdown_rules_parse_and_pick_the_closest():
    rules = parse_markdowns("3:30, 1:50")
    assert rules == (Markdown(3, 30), Markdown(1, 50))
    assert [markdown_for(rules, TODAY + timedelta(days=d), TODAY) for d in (5, 3, 2, 1, 0)] == [
        None, Markdown(3, 30), Markdown(3, 30), Markdown(1, 50), Markdown(1, 50)]
    assert markdown_for(rules, TODAY - timedelta(days=1), TODAY) is None  # expired: not sold
    assert markdown_for(rules, None, TODAY) is None
    for bad in ("3", "x:10", "3:0", "3:101"):
        with pytest.raises(BadCounterSetting):
            parse_config({"counter.expiry_markdowns": bad})


def test_the_scan_names_the_batch_sold_first_and_the_line_is_marked_down(shop, cashier):
    receive_milk(shop, ("OLD", 5, -1), ("SOON", 3, 2), ("FRESH", 10, 60))
    milk = find_code(shop, "MILK").product
    assert (milk.expiry, milk.batch_left_milli) == ((TODAY + timedelta(days=2)).isoformat(), 3000)
    rule = markdown_for(parse_markdowns("3:30,1:50"), date.fromisoformat(milk.expiry), TODAY)
    cart = Cart()
    line = cart.add(milk, 5000, markdown_percent=rule.percent)
    # 30% off the 3 of the near-expiry batch only: 4.50 x 3 x 30% = 4.05
    assert (line.markdown_fen, line.amount_fen) == (405, 2250 - 405)
    outcome = checkout(shop, cashier, cart, [Tender("cash", 2000)])
    shown = document(shop, outcome.number)
    assert (shown["total"], shown["lines"][0]["amount"]) == ("18.45", "18.45")
    assert shown["lines"][0]["unit_price"] == "4.50"  # the markdown is a discount on the line
    assert verify(shop).ok


def test_only_expired_stock_is_refused_at_the_scan(shop):
    receive_milk(shop, ("OLD", 5, -3))
    with pytest.raises(ExpiredStock) as refused:
        resolve_entry(shop, "MILK")
    text = refused.value.message("en")
    assert "MILK" in text and (TODAY - timedelta(days=3)).isoformat() in text


def test_checkout_refuses_more_than_the_unexpired_stock_when_expired_is_left(shop, cashier):
    receive_milk(shop, ("OLD", 5, -1), ("SOON", 1, 10))
    cart = Cart()
    cart.add(find_code(shop, "MILK").product, 2000)
    with pytest.raises(ExpiredStock) as refused:
        checkout(shop, cashier, cart, [Tender("cash", 900)])
    assert "only 1 in unexpired stock" in refused.value.message("en")
    cart.lines[0].qty_milli = 1000
    assert checkout(shop, cashier, cart, [Tender("cash", 450)]).total_fen == 450


def test_no_expiry_data_means_no_markdown_and_no_refusal(shop, cashier):
    cola = find_code(shop, "COLA").product
    assert cola.expiry == ""
    cart = Cart()
    cart.add(cola)
    assert checkout(shop, cashier, cart, [Tender("cash", 350)]).total_fen == 350
