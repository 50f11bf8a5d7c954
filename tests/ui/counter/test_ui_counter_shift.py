"""The shift on the sale screen, from the keyboard: the open-shift prompt, cash in and out,
an X report, and closing with the count grid to the Z report the printer emulator decoded."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.devices.emulator import PrinterEmulator
from app.persistence.schema import Shift
from app.services.counter import current_shift
from counter_till import COLA_CODE, MANAGER_PIN, Till, set_meta

F = Qt.Key


def shot(widget, name: str) -> None:
    if os.environ.get("JXC_SHOTS"):
        widget.grab().save(os.path.join(os.environ["JXC_SHOTS"], name))


def pay(till, method_key, amount: str, reference: str = "") -> None:
    till.key(F.Key_F12)
    dialog = till.dialog()
    till.qtbot.keyClick(dialog, method_key)
    dialog.amount_edit.clear()
    till.qtbot.keyClicks(dialog.amount_edit, amount)
    if reference:
        till.qtbot.keyClicks(dialog.reference_edit, reference)
        till.qtbot.keyClick(dialog.reference_edit, F.Key_Return)
    else:
        till.qtbot.keyClick(dialog.amount_edit, F.Key_Return)
    till.idle()
    assert dialog.finished_sale, dialog.problem.text()
    till.key(F.Key_Return, widget=dialog)


def type_line(till, text: str) -> None:
    """Type into the focused field and press Enter (Chinese comes as input-method text)."""
    field = QApplication.focusWidget()
    if text.isascii():
        till.qtbot.keyClicks(field, text)
    else:
        field.insert(text)
    till.qtbot.keyClick(field, F.Key_Return)
    till.idle()


def test_sell_cash_in_x_report_then_close_the_shift_from_the_keyboard(en_ui, till, shop, printer):
    till.scan("2*" + COLA_CODE)
    pay(till, F.Key_F2, "10")  # ¥7.00 in cash
    till.scan(COLA_CODE)
    pay(till, F.Key_F3, "", reference="T42")  # ¥3.50 by card
    till.key(F.Key_F10)  # cash in
    dialog = till.dialog()
    assert type(dialog).__name__ == "CashMoveDialog" and not dialog.authorise.isVisible()
    type_line(till, "50")
    type_line(till, "银行换零钱")
    assert till.page.prompts.active is None and "¥257.00" in till.message()
    till.key(F.Key_F11)  # X report
    report = till.dialog()
    assert "X 报表" in report.text.toPlainText() and "257.00" in report.text.toPlainText()
    till.key(F.Key_Return, widget=report)
    till.key(F.Key_F11, Qt.KeyboardModifier.ShiftModifier)  # close: the count grid
    grid = till.dialog()
    assert type(grid).__name__ == "CloseShiftDialog"
    assert grid.findChild(type(till.page.message), "expected_cash").text() == "¥257.00"
    assert grid.findChild(type(till.page.message), "expected_card").text() == "¥3.50"
    for pieces in ("2", "1", "", "", "1", "2"):  # ¥100 x2, ¥50, ¥20 -, ¥10 -, ¥5, ¥1 x2
        if pieces:
            till.qtbot.keyClicks(QApplication.focusWidget(), pieces)
        till.qtbot.keyClick(QApplication.focusWidget(), F.Key_Return)
    assert grid.counted_label.text() == "¥257.00" and grid.over_short_label.text() == "¥0.00"
    till.qtbot.keyClicks(QApplication.focusWidget(), "1")  # a 5 jiao coin too many
    assert grid.over_short_label.text() == "+¥0.50" and not grid.authorise.isVisible()
    shot(grid, "close_shift_dialog.png")
    till.key(F.Key_F12, widget=grid)
    z = till.dialog()
    assert type(z).__name__ == "ReportDialog" and "Z 报表" in z.text.toPlainText()
    assert printer.wait_for(lambda: len(printer.receipts()) == 5)
    sale, card, slip, x_paper, z_paper = printer.receipts()
    assert "存入现金" in slip and "银行换零钱" in slip
    assert "X 报表" in x_paper and "Z 报表" in z_paper
    assert "银行卡" in z_paper and "3.50" in z_paper and "257.50" in z_paper
    assert "长款" in z_paper and "+0.50" in z_paper
    assert len(printer.events("drawer")) == 2  # the cash sale and the cash in, nothing else
    till.key(F.Key_Return, widget=z)
    assert current_shift(shop) is None
    assert till.page.status.labels["shift"].text() == "No shift open"
    till.scan(COLA_CODE)
    till.key(F.Key_F12)  # selling needs a shift again: the prompt, not the payment
    assert type(till.dialog()).__name__ == "OpenShiftDialog"


def test_a_short_count_needs_a_supervisor_pin_in_the_dialog(en_ui, till, shop, printer):
    till.key(F.Key_F11, Qt.KeyboardModifier.ShiftModifier)
    grid = till.dialog()
    till.qtbot.keyClicks(QApplication.focusWidget(), "1")  # ¥100 of ¥200
    assert grid.over_short_label.text() == "-¥100.00" and grid.authorise.isVisible()
    shot(grid, "close_shift_dialog_short.png")
    till.key(F.Key_F12, widget=grid)
    assert "shift lead" in grid.problem.text() and current_shift(shop) is not None
    grid.authorise.user_edit.setText("boss")
    till.qtbot.keyClicks(grid.authorise.pin_edit, MANAGER_PIN)
    till.qtbot.keyClick(grid.authorise.pin_edit, F.Key_Return)
    till.idle()
    z = till.dialog()
    assert "短款" in z.text.toPlainText() and "授权: boss" in z.text.toPlainText()
    with shop.engine.connect() as conn:
        assert conn.execute(select(Shift.over_short_fen)).scalar() == -100_00


def test_the_sale_screen_asks_for_a_float_when_no_shift_is_open(
        en_ui, make_page, bare_shop, ops, qtbot):
    with PrinterEmulator(width_mm=80) as printer:
        set_meta(bare_shop, "counter.printer", printer.url)
        till = Till(qtbot, make_page(bare_shop), ops)
        prompt = till.dialog()
        assert type(prompt).__name__ == "OpenShiftDialog"
        till.key(F.Key_Escape, widget=prompt)  # not now
        assert "No shift is open" in till.message()
        till.key(F.Key_F10)  # cash in needs a shift too: the prompt again
        prompt = till.dialog()
        till.qtbot.keyClicks(prompt.edit, "abc")
        till.qtbot.keyClick(prompt.edit, F.Key_Return)
        till.idle()
        assert "Amount 'abc' is not valid" in prompt.problem.text()
        prompt.edit.clear()
        till.qtbot.keyClicks(prompt.edit, "300")
        till.qtbot.keyClick(prompt.edit, F.Key_Return)
        till.idle()
        assert till.page.prompts.active is None and "Shift 1 opened" in till.message()
        assert till.page.status.labels["shift"].text().startswith("Shift 1 · cashier1")
        till.scan(COLA_CODE)
        till.key(F.Key_F12)
        assert type(till.dialog()).__name__ == "PaymentDialog"


def test_cash_out_above_the_limit_asks_for_a_supervisor(en_ui, till, shop):
    set_meta(shop, "counter.cash_out_limit", "100")
    till.page.controller.load()  # the settings, as when the screen opens
    till.idle()
    till.key(F.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    dialog = till.dialog()
    till.qtbot.keyClicks(dialog.amount_edit, "150")
    assert dialog.authorise.isVisible()
    till.qtbot.keyClick(dialog.amount_edit, F.Key_Return)
    type_line(till, "交银行")  # the reason; the PIN is still missing: its field next
    assert dialog.authorise.user_edit.hasFocus() and till.page.prompts.active is dialog
    dialog.authorise.user_edit.setText("boss")
    till.qtbot.keyClicks(dialog.authorise.pin_edit, MANAGER_PIN)
    till.qtbot.keyClick(dialog.authorise.pin_edit, F.Key_Return)
    till.idle()
    assert till.page.prompts.active is None and "Cash out: ¥150.00" in till.message()


def test_f1_lists_the_shift_and_return_keys(en_ui, till):
    till.key(F.Key_F1)
    shot(till.page, "sale_screen_keys.png")
    rows = dict(till.page.overlay.rows)
    for key in ("F5", "F10", "Shift+F10", "F11", "Shift+F11"):
        assert key in rows, key
    assert "Return" in rows["F5"] and "Z report" in rows["Shift+F11"]
