"""The sale screen inside the main window, and e-wallet payment codes in the payment dialog."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.inventory.queries import document
from app.ui.main_window import MainWindow
from counter_till import COLA_CODE, Till, set_meta

F = Qt.Key
WECHAT = "134567890123456789"


def test_ctrl_2_opens_the_counter_from_the_main_window_and_a_scan_sells(
        en_ui, qtbot, ops, shop, printer):
    window = MainWindow(shop, ops, shop.users["cashier1"])
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.counter.controller.loaded and ops.pending == 0)
    qtbot.keyClick(window, F.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.counter
    assert window.nav.is_enabled("counter")
    till = Till(qtbot, window.counter, ops)
    till.scan(COLA_CODE)
    assert [l.product.sku for l in window.counter.controller.cart.lines] == ["COLA"]
    window.close()
    assert not window.counter.controller.printer.worker.is_alive()  # stopped with the window


def open_wallet(till):
    till.scan(COLA_CODE)
    till.key(F.Key_F12)
    dialog = till.dialog()
    till.qtbot.keyClick(dialog, F.Key_F4)
    assert dialog.reference_edit.hasFocus()
    return dialog


def test_a_wallet_payment_code_is_charged_and_posted_with_its_reference(
        en_ui, make_page, shop, printer, ops, qtbot):
    set_meta(shop, "counter.wallet_gateway", "test")
    till = Till(qtbot, make_page(shop), ops)
    dialog = open_wallet(till)
    till.qtbot.keyClicks(dialog.reference_edit, WECHAT)  # the customer's code, scanned
    till.qtbot.keyClick(dialog.reference_edit, F.Key_Return)
    till.idle()
    assert dialog.finished_sale and dialog.change_label.text() == "¥0.00"
    sale = document(shop, till.page.totals.last_sale.text().split()[2])
    (payment,) = sale["payments"]
    assert payment["method"] == "wechat" and payment["reference"].startswith("TEST-")
    assert printer.wait_for(lambda: len(printer.receipts()) == 1)
    assert printer.events("drawer") == []  # no cash: the drawer stays shut


def test_an_online_wallet_is_refused_while_offline_and_the_sale_waits(
        zh_ui, make_page, shop, printer, ops, qtbot):
    set_meta(shop, "counter.wallet_gateway", "test")
    set_meta(shop, "sync.hq_url", "https://hq.example")
    set_meta(shop, "sync.state", "offline")
    till = Till(qtbot, make_page(shop), ops)
    qtbot.waitUntil(lambda: till.page.controller.status is not None)
    dialog = open_wallet(till)
    till.qtbot.keyClicks(dialog.reference_edit, WECHAT)
    till.qtbot.keyClick(dialog.reference_edit, F.Key_Return)
    till.idle()
    assert not dialog.finished_sale and "离线" in dialog.problem.text()
    assert till.page.controller.tenders == [] and len(till.page.controller.cart.lines) == 1
    till.qtbot.keyClick(dialog, F.Key_F2)  # cash still works
    till.qtbot.keyClick(dialog.amount_edit, F.Key_Return)
    till.idle()
    assert dialog.finished_sale


def test_a_declined_code_and_a_non_code_say_so(en_ui, make_page, shop, printer, ops, qtbot):
    set_meta(shop, "counter.wallet_gateway", "test")
    till = Till(qtbot, make_page(shop), ops)
    dialog = open_wallet(till)
    for code, says in (("6901234567892", "not a WeChat Pay or Alipay"),
                       ("2812345678900000", "declined")):
        dialog.reference_edit.setText(code)
        till.qtbot.keyClick(dialog.reference_edit, F.Key_Return)
        till.idle()
        assert says in dialog.problem.text() and till.page.controller.tenders == []
