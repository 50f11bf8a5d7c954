"""The devices screen (Ctrl+D): tests that really reach the emulator and a pty scanner, and
saving to the counter settings."""
from __future__ import annotations

import os
import sys
import threading
import tty

import pytest
from PySide6.QtCore import Qt

from app.services.counter import load_config
from app.ui.devices import DevicesDialog
from app.ui.devices.urls import join_printer, join_scanner, split_printer, split_scanner
from counter_till import Till

F = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def open_devices(till) -> DevicesDialog:
    till.key(F.Key_D, CTRL)
    dialog = till.dialog()
    assert isinstance(dialog, DevicesDialog)
    return dialog


def test_urls_split_and_join_back():
    assert split_printer("tcp://10.0.0.5:9100") == ("tcp", "10.0.0.5:9100")
    assert split_printer("") == ("", "")
    assert join_printer("usb", " 0x0416:0x5011 ") == "usb://0x0416:0x5011"
    assert join_printer("tcp", "") == ""
    assert split_scanner("serial:///dev/ttyACM0?baudrate=19200") == ("serial", "/dev/ttyACM0", 19200)
    assert split_scanner("wedge") == ("wedge", "", 9600)
    assert join_scanner("serial", "COM3", 9600) == "serial://COM3?baudrate=9600"
    assert join_scanner("serial", "loop://", 9600) == "loop://"
    assert join_scanner("wedge", "COM3", 9600) == "wedge"


def test_printer_and_drawer_tests_reach_the_printer(en_ui, make_page, qtbot, ops, shop, printer):
    till = Till(qtbot, make_page(shop, "boss"), ops)  # the drawer test is a supervisor's
    dialog = open_devices(till)
    assert dialog.printer_kind.currentData() == "tcp"
    assert dialog.printer_url() == printer.url
    till.key(F.Key_1, CTRL, widget=dialog)
    qtbot.waitUntil(lambda: "Test page sent" in dialog.printer_result.text())
    assert printer.wait_for(lambda: any("打印测试" in l for l in printer.paper()))
    dialog.pin_box.setCurrentIndex(dialog.pin_box.findData(5))
    till.key(F.Key_2, CTRL, widget=dialog)
    qtbot.waitUntil(lambda: "pin 5" in dialog.drawer_result.text())
    assert [e.detail["pin"] for e in printer.events("drawer", printed=False)] == [5]
    dialog.grab().save("/tmp/devices_dialog.png")
    printer.play("paper_out")
    till.key(F.Key_1, CTRL, widget=dialog)
    qtbot.waitUntil(lambda: "paper" in dialog.printer_result.text().lower()
                    and "sent" not in dialog.printer_result.text())


def test_a_cashier_may_not_open_the_drawer_nor_save(en_ui, till, shop, printer):
    dialog = open_devices(till)
    till.key(F.Key_2, CTRL, widget=dialog)
    till.qtbot.waitUntil(lambda: dialog.drawer_result.text() != "")
    assert "may not do 'test the cash drawer'" in dialog.drawer_result.text()
    assert printer.events("drawer", printed=False) == []
    dialog.width_box.setCurrentIndex(dialog.width_box.findData(58))
    till.key(F.Key_S, CTRL, widget=dialog)
    till.qtbot.waitUntil(lambda: dialog.problem.text() != "")
    assert "may not do" in dialog.problem.text() and dialog.isVisible()
    assert load_config(shop).receipt_width == 80


@pytest.fixture
def pty_pair():
    if sys.platform == "win32":
        pytest.skip("pseudo-terminals are POSIX only")
    master, slave = os.openpty()
    tty.setraw(slave)
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


def test_scanner_test_reads_a_serial_scan_and_save_applies_the_settings(
        en_ui, make_page, qtbot, ops, shop, printer, pty_pair):
    master, path = pty_pair
    page = make_page(shop, "boss")
    till = Till(qtbot, page, ops)
    dialog = open_devices(till)
    dialog.scanner_kind.setCurrentIndex(dialog.scanner_kind.findData("serial"))
    dialog.scanner_port.setText(path)
    dialog.width_box.setCurrentIndex(dialog.width_box.findData(58))
    timer = threading.Timer(0.3, lambda: os.write(master, b"6901234567892\r\n"))
    timer.start()
    till.key(F.Key_3, CTRL, widget=dialog)
    assert dialog.busy.isVisible() or "Read" in dialog.scanner_result.text()
    qtbot.waitUntil(lambda: "Read 6901234567892." in dialog.scanner_result.text(), timeout=8000)
    timer.join()
    till.key(F.Key_S, CTRL, widget=dialog)
    qtbot.waitUntil(lambda: page.prompts.active is None)
    till.idle()
    config = load_config(shop)
    assert (config.scanner, config.receipt_width) == (f"serial://{path}?baudrate=9600", 58)
    assert page.controller.config.receipt_width == 58  # the till read them again


def test_a_bad_address_is_refused_and_nothing_is_saved(en_ui, make_page, qtbot, ops, shop,
                                                       printer):
    page = make_page(shop, "boss")
    till = Till(qtbot, page, ops)
    dialog = open_devices(till)
    dialog.pin_box.setCurrentIndex(dialog.pin_box.findData(5))
    dialog.printer_address.setText("host:99999")
    till.key(F.Key_S, CTRL, widget=dialog)
    qtbot.waitUntil(lambda: dialog.problem.text() != "")
    assert "counter.printer" in dialog.problem.text()
    assert load_config(shop).drawer_pin == 2  # the pin was not saved either
