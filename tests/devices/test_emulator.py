"""The TCP printer emulator: decodes jobs, answers status, plays a shop's printer failures."""
from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from app.devices.emulator import PrinterEmulator
from app.devices.errors import (EmulatorPortBusy, PrinterDisconnected, PrinterOffline,
                                PrinterPaperOut, PrinterTimeout)
from app.devices.escpos_out import drawer_kick, encode, status_query
from app.devices.printer import send_job
from app.devices.transports import open_transport
from app.domain import text_columns as tc
from app.domain.receipt import layout
from device_receipts import sale
from helpers import ROOT


@pytest.fixture
def emulator():
    with PrinterEmulator(width_mm=58) as em:
        yield em


def ask(url_port: int, queries: bytes, expect: int) -> bytes:
    with socket.create_connection(("127.0.0.1", url_port), timeout=2) as sock:
        sock.sendall(queries)
        got = b""
        while len(got) < expect:
            got += sock.recv(16)
        return got


def test_a_receipt_comes_out_as_text_that_fits_the_paper(emulator):
    payload = encode(layout(sale(reprint=True), 58), 58) + drawer_kick(2)
    report = send_job(open_transport(emulator.url), payload)
    assert report.before.ready and report.after.ready and report.bytes_sent == len(payload)
    assert emulator.wait_for(lambda: emulator.events("drawer"))
    paper = emulator.paper()
    assert all(tc.width(line) <= 32 for line in paper)
    (receipt,) = emulator.receipts()
    assert "可口可乐 500ml" in receipt and "[QR XS-S001-20261122-0001]" in receipt
    assert "         2瓶      3.50      7.00" in receipt.splitlines()
    assert "测  试  门  店" in receipt  # double width takes twice the columns
    assert paper[-1] == "[DRAWER pin 2]"


@pytest.mark.parametrize("scenario,answers", [
    ("ok", b"\x12\x12\x12\x12"),
    ("paper_out", b"\x1a\x32\x12\x7e"),  # offline; stopped at paper end; roll end sensor
    ("near_end", b"\x12\x12\x12\x1e"),
    ("offline", b"\x1a\x16\x12\x12"),  # offline; cover open
])
def test_status_bytes_follow_the_epson_layout(emulator, scenario, answers):
    emulator.play(scenario)
    assert ask(emulator.port, b"".join(status_query(n) for n in (1, 2, 3, 4)), 4) == answers


@pytest.mark.parametrize("scenario,error,zh", [
    ("paper_out", PrinterPaperOut, "打印机缺纸"),
    ("offline", PrinterOffline, "打印机离线"),
])
def test_a_printer_that_cannot_print_gets_nothing(emulator, scenario, error, zh):
    emulator.play(scenario)
    with pytest.raises(error) as err:
        send_job(open_transport(emulator.url), encode(layout(sale(), 58), 58))
    assert zh in err.value.message("zh_CN") and emulator.url in err.value.message("en")
    assert not emulator.events("text", printed=False)  # the job was never sent


def test_paper_running_out_during_the_job_is_reported(emulator):
    emulator.paper_out_after = 200
    with pytest.raises(PrinterPaperOut):
        send_job(open_transport(emulator.url), encode(layout(sale(), 58), 58))
    printed, lost = emulator.events("text"), emulator.events("text", printed=False)
    assert printed and len(lost) > len(printed)
    assert not any("谢谢惠顾" in e.text for e in printed)


def test_a_mute_printer_times_out(emulator):
    emulator.play("mute")
    with pytest.raises(PrinterTimeout) as err:
        send_job(open_transport(emulator.url + "?timeout=0.3"), b"x\n")
    assert "0.3" in err.value.message("en") and "DLE EOT 1" in err.value.message("zh")


def test_disconnect_mid_job(emulator):
    emulator.play("disconnect", after=300)
    payload = encode(layout(sale(), 58), 58)
    with pytest.raises(PrinterDisconnected) as err:
        send_job(open_transport(emulator.url), payload)
    assert "可能不完整" in err.value.message("zh") and "incomplete" in err.value.message("en")
    assert len(emulator.received) < len(payload)  # status queries + the first 300 bytes only
    assert not emulator.events("cut")


def test_a_busy_port_is_a_clear_error(emulator):
    with pytest.raises(EmulatorPortBusy) as err:
        PrinterEmulator(emulator.port)
    assert "--port" in err.value.message("en")


def test_training_mode_command_prints_what_it_receives():
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "app", "printer-emulator", "--port", "0",
                             "--width", "58"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        first = proc.stdout.readline()
        assert first.startswith("printer emulator listening on tcp://127.0.0.1:"), first
        url = first.split()[4]
        send_job(open_transport(url), encode(layout(sale(), 58), 58))
        lines = []
        while not any("谢谢惠顾" in line for line in lines):
            lines.append(proc.stdout.readline().rstrip("\n"))
        assert "可口可乐 500ml" in lines and "         2瓶      3.50      7.00" in lines
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
