"""Posting sales from the till through the inventory core, and what happens after commit."""
from __future__ import annotations

import pytest

from app.devices.emulator import PrinterEmulator
from app.services.counter import (Cart, ReceiptPrinter, Tender, checkout, find_member,
                                  sale_document)
from app.services.counter.errors import EmptyCart, NotPaid
from app.services.inventory.queries import document, stock
from app.services.inventory.verify import verify
from app.services.printing import drain
from counter_shop import ADMIN, product, set_meta

pytestmark = pytest.mark.usefixtures("shift")  # the till sells only during a shift


def on_hand(store, sku):
    return stock(store, sku=sku, warehouse="MAIN")[0]["on_hand"]


def test_a_cash_sale_posts_moves_stock_and_records_the_change(shop, cashier):
    cart = Cart()
    cart.add(product(shop, "COLA"), 3000)
    cart.add(product(shop, "RICE"), 1255)
    outcome = checkout(shop, cashier, cart, [Tender("cash", 5000)])
    assert (outcome.total_fen, outcome.paid_fen, outcome.change_fen) == (2054, 5000, 2946)
    shown = document(shop, outcome.number)
    assert shown["status"] == "posted" and shown["number"].startswith("XS-S001-")
    assert {p["method"]: p["amount"] for p in shown["payments"]} == {"cash": "50.00",
                                                                     "change": "-29.46"}
    assert (on_hand(shop, "COLA"), on_hand(shop, "RICE")) == ("21", "48.745")
    assert verify(shop).ok


def test_split_tender_member_prices_order_discount_and_rounding(shop, cashier):
    set_meta(shop, "counter.rounding", "jiao")
    cart = Cart()
    cart.add(product(shop, "COLA"), 2000)
    cart.add(product(shop, "RICE"), 1255)
    cart.set_member(find_member(shop, "13800000001"))
    cart.set_order_discount(33)
    due = cart.totals(10)
    assert (due.subtotal_fen, due.rounding_fen, due.due_fen) == (1644, 1, 1610)  # 6.40 + 10.04
    outcome = checkout(shop, cashier, cart, [Tender("card", 1000, "T0001"), Tender("cash", 1000)],
                       rounding_step_fen=10)
    shown = document(shop, outcome.sale_id)
    assert shown["total"] == "16.10" and outcome.change_fen == 390
    assert sorted((p["method"], p["amount"], p["reference"]) for p in shown["payments"]) == [
        ("card", "10.00", "T0001"), ("cash", "10.00", ""), ("change", "-3.90", "")]
    assert [l["unit_price"] for l in shown["lines"]] == ["3.20", "8.00"]  # member price
    assert verify(shop).ok


def test_posting_the_same_sale_again_posts_it_once(shop, cashier):
    cart = Cart()
    cart.add(product(shop, "COLA"))
    first = checkout(shop, cashier, cart, [Tender("cash", 500)])
    again = checkout(shop, cashier, cart, [Tender("cash", 500)])
    assert (again.replayed, again.number) == (True, first.number)
    assert on_hand(shop, "COLA") == "23"


def test_an_unpaid_or_empty_sale_is_refused_before_anything_is_written(shop, cashier):
    cart = Cart()
    with pytest.raises(EmptyCart):
        checkout(shop, cashier, cart, [Tender("cash", 100)])
    cart.add(product(shop, "COLA"))
    with pytest.raises(NotPaid, match="0.50"):
        checkout(shop, cashier, cart, [Tender("cash", 300)])
    assert on_hand(shop, "COLA") == "24"


def test_the_hook_runs_only_after_the_commit_and_never_for_a_refused_sale(shop, cashier):
    seen = []

    def hook(outcome):  # reads through its own connection: the sale must be committed
        seen.append(document(shop, outcome.sale_id)["status"])

    set_meta(shop, "negative_stock.counter", "refuse")
    cart = Cart()
    cart.add(product(shop, "COLA"), 30_000)  # only 24 in stock
    with pytest.raises(Exception, match="COLA|可口可乐"):
        checkout(shop, cashier, cart, [Tender("cash", 20_000)], after_commit=hook)
    assert seen == [] and len(cart.lines) == 1  # refused: the cart is untouched
    cart.set_quantity(cart.lines[0].line_id, 2000)
    checkout(shop, cashier, cart, [Tender("cash", 1000)], after_commit=hook)
    assert seen == ["posted"]


def test_a_failing_printer_hook_never_undoes_the_sale(shop, cashier):
    def broken(outcome):
        raise OSError("printer on fire")

    cart = Cart()
    cart.add(product(shop, "COLA"))
    outcome = checkout(shop, cashier, cart, [Tender("cash", 350)], after_commit=broken)
    assert isinstance(outcome.print_error, OSError)
    assert document(shop, outcome.number)["status"] == "posted"


def test_the_receipt_hook_prints_and_opens_the_drawer_for_cash_only(shop, cashier):
    with PrinterEmulator(width_mm=58) as printer:
        hook = ReceiptPrinter(shop, printer.url, width_mm=58)
        for tender in (Tender("cash", 1000), Tender("card", 350, "T9")):
            cart = Cart()
            cart.add(product(shop, "COLA"))
            checkout(shop, cashier, cart, [tender], after_commit=hook)
        outcomes = drain(shop)
        assert [o.printed for o in outcomes] == [True, True]
        assert [o.drawer_pulsed for o in outcomes] == [True, False]
        cash_receipt, card_receipt = printer.receipts()
        assert "可口可乐 500ml" in cash_receipt and "6.50" in cash_receipt  # change
        assert len(printer.events("drawer")) == 1


def test_the_document_names_the_member_and_every_line_by_sku(shop):
    cart = Cart()
    cart.add(product(shop, "COLA"))
    cart.set_member(find_member(shop, "M001"))
    doc = sale_document(cart, [Tender("cash", 320)])
    assert doc["customer"] == "M001" and doc["lines"] == [
        {"sku": "COLA", "qty": "1", "unit_price": "3.20"}]


def test_admin_may_sell_too(shop):
    cart = Cart()
    cart.add(product(shop, "COLA"))
    assert checkout(shop, ADMIN, cart, [Tender("cash", 350)]).number
