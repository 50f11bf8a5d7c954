"""E-wallet payment codes through the gateways, and the till's status strip facts."""
from __future__ import annotations

import socket

import pytest

from app.services.counter import (Cart, RecordReferenceGateway, ReceiptPrinter, Tender,
                                  TestGateway, checkout, payment_method, take_wallet_payment,
                                  till_status)
from app.services.counter.wallet import BadPaymentCode, WalletDeclined, WalletOffline
from app.services.inventory.queries import document
from app.services.printing import drain
from counter_shop import product, set_meta

WECHAT = "134567890123456789"
ALIPAY = "2812345678901234"


@pytest.mark.parametrize("code, method", [(WECHAT, "wechat"), (ALIPAY, "alipay"),
                                          ("301234567890123456789012", "alipay")])
def test_payment_codes_tell_wechat_from_alipay(code, method):
    assert payment_method(code) == method


@pytest.mark.parametrize("code", ["", "6901234567892", "16456789012345678", "99" * 9, "13456789012345678x"])
def test_anything_else_is_not_a_payment_code(code):
    with pytest.raises(BadPaymentCode):
        payment_method(code)


def test_the_record_gateway_keeps_the_code_and_works_offline():
    charge = take_wallet_payment(RecordReferenceGateway(), False, "s1", 1234, WECHAT)
    assert (charge.method, charge.amount_fen, charge.reference, charge.gateway) == (
        "wechat", 1234, WECHAT, "record")
    assert RecordReferenceGateway().cancel(charge) is False  # refunded by hand on the box


def test_an_online_gateway_is_refused_offline_and_declines_are_clear():
    gateway = TestGateway()
    with pytest.raises(WalletOffline):
        take_wallet_payment(gateway, False, "s1", 1000, ALIPAY)
    with pytest.raises(WalletDeclined) as caught:
        take_wallet_payment(gateway, True, "s1", 1000, "2812345678900000")
    assert "10.00" in caught.value.message("en") and "10.00" in caught.value.message("zh_CN")
    charge = take_wallet_payment(gateway, None, "s1", 1000, ALIPAY)  # unknown: allowed
    assert charge.reference.startswith("TEST-") and gateway.cancel(charge)
    assert gateway.cancelled == [charge.reference]


def test_a_wallet_tender_is_posted_with_its_reference(shop, cashier, shift):
    cart = Cart()
    cart.add(product(shop, "COLA"))
    charge = take_wallet_payment(TestGateway(), True, cart.sale_id, 350, WECHAT)
    outcome = checkout(shop, cashier, cart,
                       [Tender(charge.method, charge.amount_fen, charge.reference, charge.gateway)])
    payments = document(shop, outcome.number)["payments"]
    assert [(p["method"], p["reference"]) for p in payments] == [("wechat", charge.reference)]


def test_status_says_standalone_until_enrolled_and_counts_unsent_events(shop):
    status = till_status(shop)
    assert (status.connection, status.online, status.training) == ("standalone", None, None)
    assert status.queued_events == 1  # the stock receipt of the fixture
    assert status.printer == "not_set_up"
    set_meta(shop, "sync.hq_url", "https://hq.example")
    set_meta(shop, "sync.state", "offline")
    assert (till_status(shop).connection, till_status(shop).online) == ("offline", False)
    set_meta(shop, "sync.state", "ok")
    assert till_status(shop).online is True


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_status_reports_a_failed_receipt_in_both_languages(shop, cashier, shift):
    url = f"tcp://127.0.0.1:{_dead_port()}?timeout=0.5"
    assert till_status(shop, url).printer == "ready"
    cart = Cart()
    cart.add(product(shop, "COLA"))
    checkout(shop, cashier, cart, [Tender("cash", 350)], after_commit=ReceiptPrinter(shop, url))
    assert till_status(shop, url).printer == "printing"
    drain(shop)
    status = till_status(shop, url)
    assert (status.printer, status.failed_jobs) == ("failed", 1)
    assert status.printer_error["zh"] and status.printer_error["en"]
