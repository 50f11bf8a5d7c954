"""The customer display follows the sale from the controller's signals; it goes on the
second screen, and stays hidden with only one."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.ui.counter.customer_display import CustomerDisplay
from counter_till import COLA_CODE, Till, set_meta

F = Qt.Key


def test_the_display_shows_lines_total_paid_change_and_thanks(en_ui, make_page, qtbot, ops,
                                                               shop, printer):
    set_meta(shop, "counter.customer_display", "on")
    page = make_page(shop)
    display = page.display
    assert isinstance(display, CustomerDisplay)
    assert not display.isVisible()  # one screen here: it would cover the till
    display.resize(1024, 600)
    assert display.greeting.text().startswith("Welcome")
    till = Till(qtbot, page, ops)
    till.scan(COLA_CODE)
    till.scan("2*RICE")
    assert display.lines.rowCount() == 2 and display.lines.item(0, 0).text() == "可口可乐 500ml"
    assert display.lines.item(1, 1).text() == "2 kg × ¥8.00"
    assert display.lines.item(1, 2).text() == "¥16.00"
    assert display.total.text() == "Total ¥19.50"
    till.key(F.Key_F12)
    dialog = till.dialog()
    till.qtbot.keyClick(dialog, F.Key_F3)
    dialog.amount_edit.setText("10")
    till.qtbot.keyClicks(dialog.reference_edit, "T1")
    till.qtbot.keyClick(dialog.reference_edit, F.Key_Return)
    till.idle()
    assert display.paid.text() == "Paid ¥10.00 · still to pay ¥9.50"
    display.grab().save("/tmp/customer_display_paying.png")
    till.qtbot.keyClick(dialog, F.Key_F2)
    dialog.amount_edit.setText("20")
    till.qtbot.keyClick(dialog.amount_edit, F.Key_Return)
    till.idle()
    assert display.greeting.text() == "Thank you! Welcome back."
    assert display.paid.text() == "Paid ¥30.00 · change ¥10.50"
    display.grab().save("/tmp/customer_display_done.png")
    till.key(F.Key_Return, widget=dialog)
    assert display.greeting.text() == "Thank you! Welcome back."  # until the next sale
    till.scan(COLA_CODE)
    assert display.greeting.text() == "Your purchase" and display.lines.rowCount() == 1


def test_it_goes_full_screen_on_the_second_screen(en_ui, make_page, shop, printer):
    page = make_page(shop)
    display = CustomerDisplay(page.controller, "测试店")
    screen = QGuiApplication.primaryScreen()
    assert display.place([screen]) is False and not display.isVisible()
    assert display.place([screen, screen]) is True
    assert display.isVisible() and display.screen() is screen
    assert display.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert display.greeting.text() == "Welcome to 测试店"
    display.close()


def test_off_by_default(en_ui, page):
    assert page.display is None
