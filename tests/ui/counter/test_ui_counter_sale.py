"""Whole sales on the sale screen: scanner bursts and keys to a posted sale, its stock,
payments, change, and the receipt the printer emulator decoded."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.inventory.queries import document, stock
from app.services.inventory.verify import verify
from counter_till import COLA_CODE, MILK_CODE, Till, set_meta

F = Qt.Key


def on_hand(store, sku):
    return stock(store, sku=sku, warehouse="MAIN")[0]["on_hand"]


def pay_cash(till, amount: str):
    till.key(F.Key_F12)
    dialog = till.dialog()
    dialog.amount_edit.clear()
    till.qtbot.keyClicks(dialog.amount_edit, amount)
    till.qtbot.keyClick(dialog.amount_edit, F.Key_Return)
    till.idle()
    return dialog


def test_scans_then_cash_post_the_sale_print_the_receipt_and_open_the_drawer(en_ui, till, shop, printer):
    till.scan(COLA_CODE)
    till.scan(COLA_CODE)
    till.scan("3*" + MILK_CODE)
    page = till.page
    assert [(l.product.sku, l.qty_milli) for l in page.controller.cart.lines] == [
        ("COLA", 2000), ("MILK", 3000)]
    assert page.totals.due.text() == "¥20.50"
    assert page.model.rowCount() == 2 and page.model.index(1, 5).data() == "¥13.50"
    dialog = pay_cash(till, "50")
    assert dialog.finished_sale and dialog.change_label.text() == "¥29.50"
    number = page.totals.last_sale.text().split()[2]
    shown = document(shop, number)
    assert shown["status"] == "posted" and shown["total"] == "20.50"
    assert {p["method"]: p["amount"] for p in shown["payments"]} == {"cash": "50.00", "change": "-29.50"}
    assert (on_hand(shop, "COLA"), on_hand(shop, "MILK")) == ("22", "21")
    assert printer.wait_for(lambda: len(printer.receipts()) == 1)
    receipt = printer.receipts()[0]
    assert number in receipt and "可口可乐 500ml" in receipt and "29.50" in receipt
    assert len(printer.events("drawer")) == 1  # cash: the drawer, after the commit
    till.key(F.Key_Return, widget=dialog)  # the change was given: next sale
    assert page.prompts.active is None and page.controller.cart.lines == []
    assert page.totals.due.text() == "¥0.00" and verify(shop).ok


def test_enter_on_an_empty_field_pays_and_split_tender_takes_card_then_cash(en_ui, till, shop, printer):
    till.scan(COLA_CODE)
    till.scan("2*RICE")
    till.key(F.Key_Return)  # empty field: pay
    dialog = till.dialog()
    till.qtbot.keyClick(dialog, F.Key_F3)  # bank card
    dialog.amount_edit.clear()
    till.qtbot.keyClicks(dialog.amount_edit, "10")
    till.qtbot.keyClicks(dialog.reference_edit, "TRACE0042")
    till.qtbot.keyClick(dialog.reference_edit, F.Key_Return)
    till.idle()
    assert dialog.left_label.text() == "¥9.50" and not dialog.finished_sale
    till.qtbot.keyClick(dialog, F.Key_F2)  # cash
    till.qtbot.keyClick(dialog, F.Key_F6)  # quick amount: the next ten yuan
    till.idle()
    assert dialog.finished_sale and dialog.change_label.text() == "¥0.50"
    sale = document(shop, till.page.totals.last_sale.text().split()[2])
    assert sorted((p["method"], p["amount"], p["reference"]) for p in sale["payments"]) == [
        ("card", "10.00", "TRACE0042"), ("cash", "10.00", ""), ("change", "-0.50", "")]
    assert printer.wait_for(lambda: len(printer.receipts()) == 1)
    assert len(printer.events("drawer")) == 1


def test_a_card_only_sale_never_opens_the_drawer(en_ui, till, shop, printer):
    till.scan(COLA_CODE)
    till.key(F.Key_F12)
    dialog = till.dialog()
    till.qtbot.keyClick(dialog, F.Key_F3)
    till.qtbot.keyClicks(dialog.reference_edit, "T1")
    till.qtbot.keyClick(dialog.reference_edit, F.Key_Return)
    till.idle()
    assert dialog.finished_sale
    assert printer.wait_for(lambda: len(printer.receipts()) == 1)
    assert printer.events("drawer") == []


def test_pinyin_search_while_typing_and_enter_takes_the_highlighted_product(en_ui, till, qtbot):
    page = till.page
    qtbot.keyClicks(page.scan, "kkkl")
    qtbot.waitUntil(lambda: page.popup.isVisible())
    assert [p.sku for p in page.popup.products] == ["COLA"]
    qtbot.keyClick(page.scan, F.Key_Down)
    till.key(F.Key_Return)
    assert [l.product.sku for l in page.controller.cart.lines] == ["COLA"]
    assert not page.popup.isVisible() and page.scan.text() == ""


def test_a_weighed_product_asks_for_its_weight(en_ui, till):
    till.scan("RICE".lower())
    dialog = till.dialog()
    assert "kg" in dialog.findChild(type(till.page.message)).text()
    till.answer("1.255")
    line = till.page.controller.cart.lines[0]
    assert (line.qty_milli, line.amount_fen) == (1255, 1004)


def test_a_bad_barcode_is_refused_clearly_and_the_cart_stays(zh_ui, till):
    till.scan(COLA_CODE)
    till.scan("6901234567893")  # one digit wrong
    assert [l.product.sku for l in till.page.controller.cart.lines] == ["COLA"]
    assert "校验位" in till.message() and "6901234567893" in till.message()
    assert "Traceback" not in till.message()
    till.scan("6901234567816")  # a valid EAN-13 nobody sells here
    assert "找不到商品" in till.message() and len(till.page.controller.cart.lines) == 1


def test_a_refused_sale_keeps_the_cart_and_says_why(zh_ui, till, shop):
    from counter_till import set_meta
    set_meta(shop, "negative_stock.counter", "refuse")
    till.scan("30*" + COLA_CODE)  # only 24 in stock
    dialog = pay_cash(till, "200")
    assert not dialog.finished_sale and dialog.problem.text()
    assert "COLA" in dialog.problem.text() or "可口可乐" in dialog.problem.text()
    assert [l.qty_milli for l in till.page.controller.cart.lines] == [30_000]
    assert on_hand(shop, "COLA") == "24"


def test_a_quantity_before_a_search_and_a_choice_between_matches(en_ui, till, qtbot):
    page = till.page
    qtbot.keyClicks(page.scan, "2*kkkl")
    qtbot.waitUntil(lambda: page.popup.isVisible())
    qtbot.keyClick(page.scan, F.Key_Down)
    till.key(F.Key_Return)
    till.scan("3*ml")  # 500ml and 250ml: Enter offers both
    assert page.popup.isVisible() and "pick one" in till.message()
    assert [p.sku for p in page.popup.products] == ["COLA", "MILK"]
    till.key(F.Key_Down)
    till.key(F.Key_Return)
    assert [(l.product.sku, l.qty_milli) for l in page.controller.cart.lines] == [
        ("COLA", 2000), ("MILK", 3000)]


def test_a_scale_label_adds_its_weight_at_the_shelf_price(en_ui, make_page, shop, printer, ops, qtbot):
    import json
    from sqlalchemy import update
    from app.domain.scale_barcode import ScaleFormat, build
    from app.persistence.schema import Product
    from app.persistence.uow import UnitOfWork
    from counter_till import Till, set_meta
    with UnitOfWork(shop.engine) as uow:
        uow.session.execute(update(Product).where(Product.sku == "RICE").values(sku="2001"))
        uow.commit()
    set_meta(shop, "counter.scale_formats", json.dumps([{"pattern": "20PPPPPVVVVVC", "kind": "weight",
                                                        "decimals": 3}]))
    till = Till(qtbot, make_page(shop), ops)
    till.scan(build(ScaleFormat("20PPPPPVVVVVC", "weight", 3), 2001, 1255))
    line = till.page.controller.cart.lines[0]
    assert (line.product.name, line.qty_milli, line.amount_fen) == ("五常大米 散装", 1255, 1004)
    assert till.page.prompts.active is None  # the label carries the weight: no question


def test_the_payment_window_starts_with_the_stores_default_method(en_ui, make_page, shop,
                                                                 printer, qtbot, ops):
    set_meta(shop, "counter.default_payment", "wallet")
    till = Till(qtbot, make_page(shop), ops)
    till.scan(COLA_CODE)
    till.key(F.Key_Return)
    dialog = till.dialog()
    assert dialog.method == "wallet" and dialog.method_buttons["wallet"].isChecked()
    assert dialog.focusWidget() is dialog.reference_edit  # scan the customer's code at once
