"""The devices screen's tests: each really talks to the device through `app.devices`.

- `test_printer`: a test page (Chinese and English, a ruler of the paper's width, a cut),
  with the printer's status read before and after where the connection reads one;
- `test_drawer`: a drawer pulse on pin 2 or 5 through the printer. It opens the drawer, so
  it needs the no-sale permission (shift lead and above) and is audited
  (`counter.drawer_test`), like a no sale;
- `test_scanner`: waits for one scan from a serial scanner (`serial://...`, `loop://`) for
  at most `timeout` seconds; a keyboard-wedge scanner is tested on the screen itself.

Each raises the device's own error (`DeviceError`, in the user's language) when it fails.
They run on the ops worker, never on the UI thread.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.devices.escpos_out import drawer_kick, encode
from app.devices.printer import send_job
from app.devices.serial_scanner import SerialScanner
from app.devices.transports import open_transport
from app.domain import text_columns as tc
from app.domain.permissions import check
from app.domain.receipt import Cut, Feed, Text
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.counter.errors import NoPrinterSet
from app.services.records import Actor, Clock, utc_now, write_audit

COLUMNS = {58: 32, 80: 48}


@dataclass(frozen=True)
class PrinterTest:
    url: str
    bytes_sent: int
    reads_status: bool
    paper_near_end: bool


def printer_test_page(width_mm: int, when: datetime) -> bytes:
    cols = COLUMNS[width_mm]
    ruler = "".join(str(n % 10) for n in range(1, cols + 1))
    return encode([Text("JXC 进销存", align="center", bold=True, double=True),
                   Text("打印测试 / Printer test", align="center"),
                   Text(when.strftime("%Y-%m-%d %H:%M"), align="center"), Text(ruler),
                   Text(tc.spread("中文 / Chinese", "正常 OK", cols)),
                   Text(f"纸宽 {width_mm} mm = {cols} 列 / columns"), Feed(3), Cut()], width_mm)


def print_test_page(store: LocalStore, actor: Actor, url: str, width_mm: int,
                 *, clock: Clock = utc_now) -> PrinterTest:
    check(actor.role, "counter.devices.print_test_page")
    url = _printer_url(url)
    report = send_job(open_transport(url), printer_test_page(width_mm, clock()))
    return PrinterTest(url, report.bytes_sent, report.after is not None, report.paper_near_end)


def kick_drawer(store: LocalStore, actor: Actor, url: str, pin: int,
                *, clock: Clock = utc_now) -> int:
    """Pulse the drawer; audited after the pulse went out. Returns the pin."""
    check(actor.role, "counter.devices.kick_drawer")
    url = _printer_url(url)
    send_job(open_transport(url), drawer_kick(pin))
    with UnitOfWork(store.engine) as uow:
        write_audit(uow.session, store, actor, clock(), "counter.drawer_test", url,
                    {"pin": pin})
        uow.commit()
    return pin


def read_one_scan(store: LocalStore, actor: Actor, url: str, timeout: float = 10.0) -> str | None:
    """The first valid code a serial scanner sends within `timeout` seconds, or None."""
    check(actor.role, "counter.devices.read_one_scan")
    with SerialScanner.from_url(url) as scanner:
        return scanner.next_code(timeout)


def _printer_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        raise NoPrinterSet()
    return url
