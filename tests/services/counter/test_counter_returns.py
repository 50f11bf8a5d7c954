"""Returns at the till: find the sale by its receipt number, return picked lines, refund to
the original tenders, post through the inventory core, print and open the drawer after the
commit only."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.devices.emulator import PrinterEmulator
from app.domain.errors import DomainError
from app.persistence.schema import AuditEntry
from app.services.counter import (Cart, ReceiptPrinter, Tender, TestGateway, checkout, find_sale,
                                  line_refund_fen, load_config, post_return)
from app.services.counter.errors import (AuthorisationNeeded, NothingToReturn, SaleNotFound,
                                         WalletRefundOffline, WrongPin)
from app.services.inventory.queries import document, stock
from app.services.inventory.verify import verify
from app.services.printing import drain
from counter_shop import MANAGER_PIN, product

pytestmark = pytest.mark.usefixtures("shift")
WECHAT = "134567890123456789"


def sale(store, actor, items, tenders, order_discount=0) -> str:
    cart = Cart()
    for sku, qty in items:
        cart.add(product(store, sku), qty)
    cart.set_order_discount(order_discount)
    return checkout(store, actor, cart, tenders).number


def on_hand(store, sku):
    return stock(store, sku=sku, warehouse="MAIN")[0]["on_hand"]


def actions(store, prefix="counter.") -> list[tuple[str, dict]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.action, AuditEntry.detail).where(
            AuditEntry.action.like(prefix + "%")).order_by(AuditEntry.seq)).all()
    return [(a, json.loads(d) if isinstance(d, str) else d) for a, d in rows]


def test_the_receipt_number_finds_the_sale_and_a_part_return_refunds_cash(shop, cashier, manager):
    number = sale(shop, cashier, [("COLA", 3000), ("MILK", 2000)], [Tender("cash", 20_00)])
    found = find_sale(shop, f"  {number.lower()} ")  # typed, not scanned
    assert found.number == number and found.cashier == "cashier1"
    assert [(l.sku, l.qty_milli, l.returned_milli, l.amount_fen) for l in found.lines] == [
        ("COLA", 3000, 0, 10_50), ("MILK", 2000, 0, 9_00)]
    assert [(t.method, t.paid_fen) for t in found.tenders] == [("cash", 19_50)]  # net of change
    before = (on_hand(shop, "COLA"), on_hand(shop, "MILK"))
    done = post_return(shop, manager, number, {1: 1000, 2: 1000}, load_config(shop),
                       return_id="ret-1")
    assert (done.total_fen, done.cash_fen, done.by_hand) == (8_00, 8_00, ())
    assert done.approved_by == "boss"
    shown = document(shop, done.number)
    assert shown["type"] == "customer_return" and shown["status"] == "posted"
    assert [(l["sku"], l["qty"], l["amount"]) for l in shown["lines"]] == [
        ("COLA", "1", "3.50"), ("MILK", "1", "4.50")]
    assert [(p["method"], p["amount"]) for p in shown["payments"]] == [("cash", "8.00")]
    assert before == ("21", "-2")  # MILK sold beyond stock (allowed at the counter)
    assert (on_hand(shop, "COLA"), on_hand(shop, "MILK")) == ("22", "-1")
    again = find_sale(shop, number)
    assert [(l.returned_milli, l.left_milli) for l in again.lines] == [(1000, 2000), (1000, 1000)]
    assert again.tenders[0].refunded_fen == 8_00 and verify(shop).ok


def test_returns_twice_up_to_the_sold_quantity_then_posting_refuses(shop, cashier, manager):
    number = sale(shop, cashier, [("COLA", 3000)], [Tender("cash", 10_00)], order_discount=50)
    config = load_config(shop)
    first = post_return(shop, manager, number, {1: 2000}, config, return_id="r-a")
    second = post_return(shop, manager, number, {1: 1000}, config, return_id="r-b")
    assert first.total_fen + second.total_fen == 10_00  # the discounted line, to the fen
    assert (first.total_fen, second.total_fen) == (6_67, 3_33)
    with pytest.raises(DomainError) as refused:
        post_return(shop, manager, number, {1: 1000}, config, return_id="r-c")
    assert "可退数量 0" in refused.value.message("zh_CN")
    assert "can still be returned" in refused.value.message("en")
    assert on_hand(shop, "COLA") == "24" and find_sale(shop, number).returnable is False
    replay = post_return(shop, manager, number, {1: 1000}, config, return_id="r-b")
    assert replay.replayed and replay.number == second.number  # a retry posts once


def test_the_line_refund_follows_posting_cumulative_shares(shop, cashier):
    number = sale(shop, cashier, [("COLA", 3000)], [Tender("cash", 10_00)], order_discount=50)
    line = find_sale(shop, number).lines[0]
    assert [line_refund_fen(line, q) for q in (1000, 2000, 3000)] == [3_33, 6_67, 10_00]


def test_a_split_tender_refunds_card_and_wallet_first_then_cash(shop, cashier, manager):
    gateway = TestGateway()
    charge = gateway.charge("s", "wechat", 3_00, WECHAT)
    number = sale(shop, cashier, [("COLA", 2000), ("MILK", 2000)],
                  [Tender("card", 5_00, "T77"), Tender("wechat", 3_00, charge.reference),
                   Tender("cash", 10_00)])  # ¥16.00: cash 8.00 net of change
    config = load_config(shop)
    first = post_return(shop, manager, number, {2: 2000}, config, return_id="rt-1",
                        gateway=gateway, online=True)  # ¥9.00
    assert [(t.method, t.amount_fen, t.reference) for t in first.tenders] == [
        ("card", 5_00, "T77"), ("wechat", 3_00, charge.reference), ("cash", 1_00, "")]
    assert [(t.method, t.amount_fen) for t in first.by_hand] == [("card", 5_00)]
    assert gateway.refunds == {"rt-1:1": (charge.reference, 3_00)}
    again = post_return(shop, manager, number, {2: 2000}, config, return_id="rt-1",
                        gateway=gateway, online=True)  # F12 twice: the same return, no new refund
    assert again.replayed and again.number == first.number and again.tenders == first.tenders
    assert len(gateway.refunds) == 1
    rest = post_return(shop, manager, number, {1: 2000}, config, return_id="rt-2", gateway=gateway)
    assert [(t.method, t.amount_fen) for t in rest.tenders] == [("cash", 7_00)]
    (refund,) = actions(shop, "counter.wallet_refund")
    assert refund[1]["refund_reference"].startswith("TESTRF-") and refund[1]["amount"] == "3.00"
    shown = document(shop, first.number)
    assert sorted((p["method"], p["amount"], p["reference"]) for p in shown["payments"]) == [
        ("card", "5.00", "T77"), ("cash", "1.00", ""), ("wechat", "3.00", charge.reference)]


class PowerCut(BaseException):
    pass


class DyingGateway(TestGateway):
    def refund(self, charge, amount_fen, refund_id):
        raise PowerCut()  # the till stops between the commit and the wallet refund


def test_a_retry_finishes_a_wallet_refund_the_till_never_made(shop, cashier, manager):
    gateway = TestGateway()
    charge = gateway.charge("s", "alipay", 3_50, "281234567890123456")
    number = sale(shop, cashier, [("COLA", 1000)], [Tender("alipay", 3_50, charge.reference)])
    config = load_config(shop)
    with pytest.raises(PowerCut):
        post_return(shop, manager, number, {1: 1000}, config, return_id="pc-1",
                    gateway=DyingGateway(), online=True)
    assert actions(shop, "counter.wallet") == []  # posted, but nothing refunded yet
    again = post_return(shop, manager, number, {1: 1000}, config, return_id="pc-1",
                        gateway=gateway, online=True)
    assert again.replayed and again.by_hand == () and len(gateway.refunds) == 1
    post_return(shop, manager, number, {1: 1000}, config, return_id="pc-1", gateway=gateway)
    assert [a for a, _ in actions(shop, "counter.wallet")] == ["counter.wallet_refund"]


def test_a_wallet_the_gateway_cannot_refund_is_left_to_do_by_hand(shop, cashier, manager):
    number = sale(shop, cashier, [("COLA", 1000)], [Tender("alipay", 3_50, "281234567890123456")])
    config = load_config(shop)
    with pytest.raises(WalletRefundOffline):
        post_return(shop, manager, number, {1: 1000}, config, return_id="w-1",
                    gateway=TestGateway(), online=False)
    done = post_return(shop, manager, number, {1: 1000}, config, return_id="w-1",
                       gateway=TestGateway(), online=True)  # not its own charge: by hand
    assert [(t.method, t.amount_fen, t.reference) for t in done.by_hand] == [
        ("alipay", 3_50, "281234567890123456")]
    assert [a for a, _ in actions(shop, "counter.wallet")] == ["counter.wallet_refund_by_hand"]


def test_a_cashier_needs_a_supervisor_pin_and_every_attempt_is_audited(shop, cashier):
    number = sale(shop, cashier, [("COLA", 1000)], [Tender("cash", 3_50)])
    config = load_config(shop)
    with pytest.raises(AuthorisationNeeded):
        post_return(shop, cashier, number, {1: 1000}, config, return_id="p-1")
    with pytest.raises(WrongPin):
        post_return(shop, cashier, number, {1: 1000}, config, return_id="p-1", approver="boss",
                    pin="1111")
    from counter_shop import add_user
    add_user(shop, "boss", "store_manager", pin=MANAGER_PIN)
    done = post_return(shop, cashier, number, {1: 1000}, config, return_id="p-1",
                       approver="boss", pin=MANAGER_PIN)
    assert done.approved_by == "boss"
    assert [a for a, _ in actions(shop)] == ["counter.authorisation_refused", "counter.refund"]
    assert actions(shop)[1][1]["sale"] == number and actions(shop)[1][1]["by"] == "cashier1"


def test_nothing_picked_an_unknown_number_and_a_return_receipt_are_refused(shop, cashier, manager):
    number = sale(shop, cashier, [("COLA", 1000)], [Tender("cash", 3_50)])
    with pytest.raises(NothingToReturn):
        post_return(shop, manager, number, {1: 0}, load_config(shop), return_id="n-1")
    with pytest.raises(SaleNotFound) as missing:
        find_sale(shop, "XS-S001-20200101-9999")
    assert "XS-S001-20200101-9999" in missing.value.message("zh_CN")
    done = post_return(shop, manager, number, {1: 1000}, load_config(shop), return_id="n-2")
    with pytest.raises(SaleNotFound):
        find_sale(shop, done.number)  # a return's own receipt is not a sale


def test_the_drawer_opens_only_after_a_committed_cash_refund(shop, cashier, manager):
    seen = []
    with PrinterEmulator(width_mm=80) as printer:
        hook = ReceiptPrinter(shop, printer.url)

        def after(outcome):  # reads through its own connection: the return is committed
            seen.append(document(shop, outcome.return_id)["status"])
            hook(outcome)

        cash_sale = sale(shop, cashier, [("COLA", 2000)], [Tender("cash", 7_00)])
        card_sale = sale(shop, cashier, [("MILK", 1000)], [Tender("card", 4_50, "T5")])
        config = load_config(shop)
        with pytest.raises(DomainError):  # more than was sold: refused, nothing printed
            post_return(shop, manager, cash_sale, {1: 3000}, config, return_id="d-0",
                        after_commit=after)
        assert seen == [] and drain(shop) == []
        for ref, return_id in ((cash_sale, "d-1"), (card_sale, "d-2")):
            post_return(shop, manager, ref, {1: 1000}, config, return_id=return_id,
                        after_commit=after)
        assert seen == ["posted", "posted"]
        assert [o.drawer_pulsed for o in drain(shop)] == [True, False]
        cash_receipt, card_receipt = printer.receipts()
        assert len(printer.events("drawer")) == 1
    assert "退货" in cash_receipt and "3.50" in cash_receipt and "现金" in cash_receipt
    assert "银行卡" in card_receipt and "T5" in card_receipt
