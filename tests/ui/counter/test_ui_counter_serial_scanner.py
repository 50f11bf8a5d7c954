"""A serial scanner at the sale screen (setting counter.scanner): codes arrive over a real
pseudo-terminal, become lines like a keyboard scan; a bad check digit or a scan while a
dialog is open adds nothing; a missing port is said once and selling goes on."""
from __future__ import annotations

import os
import sys
import tty

import pytest

from counter_till import COLA_CODE, MILK_CODE, set_meta

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")


@pytest.fixture
def pty_scanner(shop):
    master, slave = os.openpty()
    tty.setraw(slave)
    set_meta(shop, "counter.scanner",
             f"serial://{os.ttyname(slave)}?baudrate=9600&frame_timeout=0.1")
    yield master
    os.close(master)
    os.close(slave)


def _lines(page) -> list[tuple[str, int]]:
    return [(line.product.sku, line.qty_milli) for line in page.controller.cart.lines]


def test_codes_from_the_serial_port_are_sold_like_scans(qtbot, make_page, shop, printer,
                                                        pty_scanner):
    page = make_page(shop)
    qtbot.waitUntil(lambda: page.serial.feed is not None, timeout=5000)
    os.write(pty_scanner, COLA_CODE.encode() + b"\r\n")
    qtbot.waitUntil(lambda: _lines(page) == [("COLA", 1000)], timeout=5000)
    os.write(pty_scanner, b"6901234567893\r\n")  # a bad check digit: refused by the frame
    os.write(pty_scanner, MILK_CODE.encode() + b"\r\n")
    qtbot.waitUntil(lambda: len(_lines(page)) == 2, timeout=5000)
    assert _lines(page) == [("COLA", 1000), ("MILK", 1000)]


def test_a_scan_while_a_dialog_is_open_adds_nothing(qtbot, make_page, shop, printer,
                                                    pty_scanner):
    from PySide6.QtWidgets import QDialog

    page = make_page(shop)
    qtbot.waitUntil(lambda: page.serial.feed is not None, timeout=5000)
    dialog = QDialog(page)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    os.write(pty_scanner, COLA_CODE.encode() + b"\r\n")
    qtbot.waitUntil(lambda: COLA_CODE in page.message.text(), timeout=5000)
    assert _lines(page) == []
    dialog.reject()


def test_a_missing_port_is_said_and_the_keyboard_still_sells(qtbot, make_page, shop, printer):
    set_meta(shop, "counter.scanner", "serial:///dev/jxc-no-such-port?baudrate=9600")
    page = make_page(shop)
    qtbot.waitUntil(lambda: "jxc-no-such-port" in page.message.text(), timeout=5000)
    qtbot.keyClicks(page.scan, COLA_CODE)
    from PySide6.QtCore import Qt
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _lines(page) == [("COLA", 1000)], timeout=5000)
