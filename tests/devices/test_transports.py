"""Printer transports from URLs, each over a real protocol or a faithful fake device."""
from __future__ import annotations

import errno
import os
import select
import socket
import sys
import threading
import tty

import pytest

from app.devices.errors import (BadDeviceUrl, PlatformUnsupported, PrinterAccessDenied,
                                PrinterConnectionRefused, PrinterNotFound, PrinterOffline,
                                PrinterPaperOut,
                                PrinterTimeout)
from app.devices.escpos_in import Decoder
from app.devices.escpos_out import encode
from app.devices.printer import probe, send_job
from app.devices.transports import (FileTransport, SerialTransport, TcpTransport,
                                    open_transport)
from app.devices.usb_printer import UsbTransport
from app.devices.win32_printer import OFFLINE, PAPER_OUT, Win32Transport
from app.domain.receipt import layout
from device_receipts import sale
from fake_usb_printer import FakePrinterBackend

JOB = encode(layout(sale(), 58), 58)


def texts(decoder: Decoder) -> list[str]:
    return [e.text for e in decoder.events if e.kind == "text" and e.printed]


# ---- URLs ---------------------------------------------------------------------------------
def test_urls_choose_the_transport_and_its_settings():
    tcp = open_transport("tcp://192.168.1.50")
    assert isinstance(tcp, TcpTransport)
    assert (tcp.host, tcp.port, tcp.timeout) == ("192.168.1.50", 9100, 5)
    ser = open_transport("serial:///dev/ttyUSB0?baudrate=19200&parity=e&rtscts=1&timeout=2")
    assert isinstance(ser, SerialTransport) and ser.port_name == "/dev/ttyUSB0" and ser.timeout == 2
    assert ser.options == {"baudrate": 19200, "parity": "E", "rtscts": True}
    assert open_transport("serial://COM3?baudrate=9600").port_name == "COM3"
    usb = open_transport("usb://04b8:0202")
    assert isinstance(usb, UsbTransport) and (usb.vid, usb.pid) == (0x04B8, 0x0202)
    win = open_transport("win32://收银 打印机")
    assert isinstance(win, Win32Transport) and win.name == "收银 打印机"
    assert str(open_transport("file:///var/tmp/r.bin").path) == "/var/tmp/r.bin"
    assert str(open_transport("file:///C:/pos/r.bin").path).replace("\\", "/") == "C:/pos/r.bin"
    assert open_transport("tcp://p:9100?status=off").reads_status is False


@pytest.mark.parametrize("url", ["tcp://", "tcp://printer:abc", "ftp://printer", "usb://04b8",
                                 "usb://zz:01", "serial://", "file://", "tcp://p?timeout=soon"])
def test_bad_urls_say_what_is_wrong(url):
    with pytest.raises(BadDeviceUrl) as err:
        open_transport(url)
    assert url in err.value.message("zh") and "tcp://192.168.1.50:9100" in err.value.message("en")


# ---- TCP and file -------------------------------------------------------------------------
def test_connection_refused():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    with pytest.raises(PrinterConnectionRefused) as err:
        send_job(open_transport(f"tcp://127.0.0.1:{port}"), JOB)
    assert err.value.message("zh").startswith("连接被拒绝")
    assert err.value.message("en").startswith("Connection refused")


def test_file_appends_raw_bytes(tmp_path):
    path = tmp_path / "spool.bin"
    for _ in range(2):
        report = send_job(open_transport(f"file://{path}"), JOB)
        assert report.before is None and report.after is None  # a file has no status
    assert path.read_bytes() == JOB + JOB
    decoder = Decoder()
    decoder.feed(path.read_bytes())
    assert texts(decoder).count("可口可乐 500ml") == 2


def test_file_in_a_missing_folder(tmp_path):
    with pytest.raises(PrinterNotFound):
        send_job(FileTransport("file://x", tmp_path / "no" / "such" / "dir" / "f.bin"), JOB)


# ---- serial over a pty pair ---------------------------------------------------------------
class PtyPrinter:
    """A printer on the far end of a pseudo-terminal: decodes and answers like hardware."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.path = os.ttyname(self.slave)
        self.decoder = Decoder()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while not self.stop.is_set():
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    data = os.read(self.master, 4096)
                except OSError:
                    return
                reply = self.decoder.feed(data)
                if reply:
                    os.write(self.master, reply)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(2)
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def pty_printer():
    if sys.platform == "win32":
        pytest.skip("pseudo-terminals are POSIX only")
    printer = PtyPrinter()
    yield printer
    printer.close()


def test_serial_job_over_a_pty(pty_printer):
    report = send_job(open_transport(f"serial://{pty_printer.path}?baudrate=19200"), JOB)
    assert report.after.ready
    assert "可口可乐 500ml" in texts(pty_printer.decoder)
    assert [e.detail["n"] for e in pty_printer.decoder.events if e.kind == "status"] == [1, 4, 1, 4]


def test_serial_printer_out_of_paper(pty_printer):
    pty_printer.decoder.state.paper_out = True
    with pytest.raises(PrinterPaperOut):
        send_job(open_transport(f"serial://{pty_printer.path}"), JOB)
    assert not texts(pty_printer.decoder) and probe(open_transport(
        f"serial://{pty_printer.path}")).paper_out


def test_serial_port_that_does_not_exist():
    with pytest.raises(PrinterNotFound) as err:
        send_job(open_transport("serial:///dev/jxc-no-such-port"), JOB)
    assert "jxc-no-such-port" in err.value.message("zh")


# ---- USB through pyusb with a fake backend ------------------------------------------------
def test_usb_job_goes_through_pyusb():
    backend = FakePrinterBackend()
    report = send_job(open_transport("usb://0416:5011", usb_backend=backend), JOB)
    assert report.before.ready and report.after.ready
    assert bytes(backend.written).endswith(JOB + b"\x10\x04\x01\x10\x04\x04")
    assert "可口可乐 500ml" in texts(backend.decoder)
    assert backend.configuration == 1 and not backend.kernel_driver  # set up, usblp detached
    assert backend.claimed == set()  # released after the job


def test_usb_paper_out_sends_only_status_queries():
    backend = FakePrinterBackend()
    backend.decoder.state.paper_out = True
    with pytest.raises(PrinterPaperOut):
        send_job(open_transport("usb://0416:5011", usb_backend=backend), JOB)
    assert bytes(backend.written) == b"\x10\x04\x01\x10\x04\x04\x10\x04\x02"


def test_usb_errors():
    with pytest.raises(PrinterNotFound):
        send_job(open_transport("usb://04b8:0202", usb_backend=FakePrinterBackend()), JOB)
    backend = FakePrinterBackend()
    backend.fail_claim = errno.EACCES
    with pytest.raises(PrinterAccessDenied) as err:
        send_job(open_transport("usb://0416:5011", usb_backend=backend), JOB)
    assert "udev" in err.value.message("zh")
    backend = FakePrinterBackend()
    backend.write_timeout = True
    with pytest.raises(PrinterTimeout):
        send_job(open_transport("usb://0416:5011?timeout=0.2", usb_backend=backend), JOB)


def test_usb_printer_without_an_in_endpoint_prints_without_status():
    backend = FakePrinterBackend(with_in_endpoint=False)
    report = send_job(open_transport("usb://0416:5011", usb_backend=backend), JOB)
    assert report.after is None and bytes(backend.written) == JOB


# ---- the Windows spooler ------------------------------------------------------------------
class FakeSpooler:
    """The few win32print calls the transport makes, recorded."""

    def __init__(self, status: int = 0) -> None:
        self.status, self.calls, self.docs = status, [], []

    def __getattr__(self, name):
        def call(*args):
            self.calls.append(name)
            if name == "OpenPrinter" and args[0] != "收银机":
                raise OSError(1801, "The printer name is invalid.")
            if name == "GetPrinter":
                return {"Status": self.status}
            if name == "WritePrinter":
                self.docs.append(args[1])
            return "handle" if name == "OpenPrinter" else None
        return call


def test_win32_spooler_gets_one_raw_document():
    spooler = FakeSpooler()
    send_job(open_transport("win32://收银机", win32print=spooler), JOB)
    assert spooler.docs == [JOB] and spooler.calls[-1] == "ClosePrinter"
    assert "StartDocPrinter" in spooler.calls


@pytest.mark.parametrize("flags,error", [(PAPER_OUT, PrinterPaperOut), (OFFLINE, PrinterOffline)])
def test_win32_queue_flags_stop_the_job(flags, error):
    spooler = FakeSpooler(flags)
    with pytest.raises(error):
        send_job(open_transport("win32://收银机", win32print=spooler), JOB)
    assert spooler.docs == [] and spooler.calls[-1] == "ClosePrinter"
    with pytest.raises(PrinterNotFound):
        send_job(open_transport("win32://别的", win32print=spooler), JOB)


@pytest.mark.skipif(sys.platform == "win32", reason="checks the message on other systems")
def test_win32_elsewhere_is_a_clear_error():
    with pytest.raises(PlatformUnsupported) as err:
        send_job(open_transport("win32://Receipt"), JOB)
    assert "只能在 Windows 上使用" in err.value.message("zh")
    assert sys.platform in err.value.message("en")
