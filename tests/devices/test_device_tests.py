"""The devices screen's test buttons, against the TCP printer emulator and a pty scanner."""
from __future__ import annotations

import os
import sys
import threading
import tty

import pytest
from sqlalchemy import text

from app.devices.errors import DeviceError
from app.domain.permissions import PermissionDenied
from app.services.counter.devices import kick_drawer, print_test_page, read_one_scan
from app.services.counter.errors import NoPrinterSet
from app.services.records import Actor

ADMIN = Actor(None, "test-admin", "admin")
CASHIER = Actor(None, "cashier", "cashier")
EAN = "6901234567892"


def test_the_test_page_prints_chinese_at_the_paper_width(new_store, printer):
    result = print_test_page(new_store, ADMIN, printer.url, 80)
    assert result.reads_status and result.bytes_sent > 0
    printer.wait_for(lambda: any("打印测试" in line for line in printer.paper()))
    paper = printer.paper()
    assert any("打印测试 / Printer test" in line for line in paper)
    assert "123456789012345678901234567890123456789012345678" in paper  # 48 columns
    assert printer.events("cut")


def test_a_printer_without_paper_says_so(new_store, printer):
    printer.play("paper_out")
    with pytest.raises(DeviceError) as refused:
        print_test_page(new_store, ADMIN, printer.url, 58)
    assert "paper" in refused.value.message("en").lower()
    with pytest.raises(NoPrinterSet):
        print_test_page(new_store, ADMIN, " ", 80)


def test_the_drawer_test_pulses_the_pin_and_is_audited(new_store, printer):
    assert kick_drawer(new_store, ADMIN, printer.url, 5) == 5
    printer.wait_for(lambda: printer.events("drawer", printed=False))
    assert [e.detail["pin"] for e in printer.events("drawer", printed=False)] == [5]
    with new_store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log WHERE action = "
                                 "'counter.drawer_test'")).scalar() == 1
    with pytest.raises(PermissionDenied):  # opening the drawer is a supervisor's no sale
        kick_drawer(new_store, CASHIER, printer.url, 2)


@pytest.fixture
def pty_pair():
    if sys.platform == "win32":
        pytest.skip("pseudo-terminals are POSIX only")
    master, slave = os.openpty()
    tty.setraw(slave)
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


def test_the_scanner_test_reads_one_scan_or_times_out(new_store, pty_pair):
    master, path = pty_pair
    url = f"serial://{path}?baudrate=9600&frame_timeout=0.1"
    timer = threading.Timer(0.2, lambda: os.write(master, EAN.encode() + b"\r\n"))
    timer.start()
    assert read_one_scan(new_store, CASHIER, url, timeout=3) == EAN
    timer.join()
    assert read_one_scan(new_store, CASHIER, "loop://", timeout=0.2) is None


@pytest.fixture
def printer():
    from app.devices.emulator import PrinterEmulator

    with PrinterEmulator(width_mm=80) as em:
        yield em
