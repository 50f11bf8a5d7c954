"""Returns on the sale screen, from the keyboard: a whole sale, then its receipt's barcode
scanned into the return dialog, lines and quantities picked, a manager's PIN, the refund,
the 退货 receipt and the drawer as the printer emulator decoded them."""
from __future__ import annotations

import os
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.inventory.queries import document, stock
from app.services.inventory.verify import verify
from counter_till import COLA_CODE, MANAGER_PIN, MILK_CODE, Till

F = Qt.Key


def on_hand(store, sku):
    return stock(store, sku=sku, warehouse="MAIN")[0]["on_hand"]


def sell_for_cash(till, amount: str) -> None:
    till.key(F.Key_F12)
    dialog = till.dialog()
    dialog.amount_edit.clear()
    till.qtbot.keyClicks(dialog.amount_edit, amount)
    till.qtbot.keyClick(dialog.amount_edit, F.Key_Return)
    till.idle()
    assert dialog.finished_sale
    till.key(F.Key_Return, widget=dialog)


def barcode_of(receipt: str) -> str:
    """The receipt number as its barcode printed it (what a scanner reads back)."""
    return re.search(r"\[(?:BARCODE|QR) ([^\]]+)\]", receipt).group(1)


def type_into_focus(till, keys: str) -> None:
    till.qtbot.keyClicks(QApplication.focusWidget(), keys)


def press_in_focus(till, key) -> None:
    till.qtbot.keyClick(QApplication.focusWidget(), key)
    till.idle()


def test_a_sale_then_its_return_by_scanning_the_receipt(en_ui, till, shop, printer):
    till.scan("2*" + COLA_CODE)
    till.scan(MILK_CODE)
    sell_for_cash(till, "20")
    assert printer.wait_for(lambda: len(printer.receipts()) == 1)
    number = barcode_of(printer.receipts()[0])
    assert number.startswith("XS-S001-")
    till.key(F.Key_F5)
    dialog = till.dialog()
    assert type(dialog).__name__ == "ReturnDialog"
    till.scan_into(dialog.number_edit, number)  # the scanner reads the receipt's barcode
    assert dialog.table.rowCount() == 2 and number in dialog.sale_label.text()
    assert dialog.authorise.isVisible()  # a cashier: a manager's PIN is needed
    type_into_focus(till, "2")  # typed on the first line (two colas)...
    press_in_focus(till, F.Key_Backspace)
    type_into_focus(till, "1")  # ...corrected to one
    press_in_focus(till, F.Key_Return)  # next line
    till.qtbot.keyClick(dialog.table, F.Key_Space)  # all of the milk
    assert dialog.picks() == {1: 1000, 2: 1000}
    assert "¥8.00" in dialog.refund_label.text() and "Cash" in dialog.refund_label.text()
    if os.environ.get("JXC_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["JXC_SHOTS"], "return_dialog.png"))
    dialog.authorise.user_edit.setText("boss")
    till.qtbot.keyClicks(dialog.authorise.pin_edit, MANAGER_PIN)
    till.key(F.Key_F12, widget=dialog)
    assert dialog.finished_return, dialog.problem.text()
    assert "Give back ¥8.00 in cash" in dialog.problem.text()
    assert printer.wait_for(lambda: len(printer.receipts()) == 2)
    refund_receipt = printer.receipts()[1]
    assert "退货小票" in refund_receipt and "8.00" in refund_receipt and "现金" in refund_receipt
    assert len(printer.events("drawer")) == 2  # the sale's cash, then the refund's
    till.key(F.Key_Return, widget=dialog)
    assert till.page.prompts.active is None
    returned = document(shop, barcode_of(refund_receipt))
    assert returned["type"] == "customer_return" and returned["total"] == "8.00"
    assert (on_hand(shop, "COLA"), on_hand(shop, "MILK")) == ("23", "24") and verify(shop).ok


def test_a_second_return_can_take_only_what_is_left(en_ui, make_page, shop, printer, ops, qtbot):
    till = Till(qtbot, make_page(shop, "boss"), ops)  # a manager needs no PIN
    till.scan("3*" + COLA_CODE)
    sell_for_cash(till, "20")
    assert printer.wait_for(lambda: len(printer.receipts()) == 1)
    number = barcode_of(printer.receipts()[0])
    for typed, picked in (("2", 2000), ("5", 1000)):  # five is more than the one left
        till.key(F.Key_F5)
        dialog = till.dialog()
        assert not dialog.authorise.isVisible()
        till.scan_into(dialog.number_edit, number)
        type_into_focus(till, typed)
        press_in_focus(till, F.Key_Return)
        assert dialog.picks() == {1: picked}
        till.key(F.Key_F12, widget=dialog)
        assert dialog.finished_return, dialog.problem.text()
        till.key(F.Key_Return, widget=dialog)
    till.key(F.Key_F5)
    dialog = till.dialog()
    till.scan_into(dialog.number_edit, number)
    assert "returned already" in dialog.problem.text()
    assert dialog.table.item(0, 3).text() == "0"
    till.key(F.Key_F12, widget=dialog)  # nothing picked: said, nothing posted
    assert not dialog.finished_return and "Nothing is picked" in dialog.problem.text()
    assert on_hand(shop, "COLA") == "24"


def test_an_unknown_number_and_a_sale_in_progress_are_refused(en_ui, till):
    till.key(F.Key_F5)
    dialog = till.dialog()
    till.scan_into(dialog.number_edit, "XS-S001-20200101-0001")
    assert "No posted sale" in dialog.problem.text() and dialog.table.rowCount() == 0
    till.key(F.Key_Escape, widget=dialog)
    till.scan(COLA_CODE)
    till.key(F.Key_F5)
    assert till.page.prompts.active is None and "before a return" in till.message()
