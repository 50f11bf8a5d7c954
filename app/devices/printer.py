"""Sending one job to a receipt printer, with its status read before and after.

Before: a printer that is offline, out of paper or with its cover open gets nothing (the
bytes would sit in its buffer and come out at some unexpected moment, or never). After:
the status is read again, so a printer that lost its paper or its connection during the
job is reported instead of the job vanishing (python-escpos #253). A transport that cannot
read status (a file, the Windows spooler) is written to without the checks.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Callable

from app.devices.errors import PrinterOffline, PrinterPaperOut
from app.devices.escpos_out import status_query
from app.devices.status import PrinterStatus, is_status_byte
from app.devices.transports import Transport

log = logging.getLogger(__name__)
STATUS_TIMEOUT = 2.0


@dataclass(frozen=True)
class JobReport:
    url: str
    before: PrinterStatus | None
    after: PrinterStatus | None
    bytes_sent: int

    @property
    def paper_near_end(self) -> bool:
        return bool(self.after and self.after.paper_near_end)


def send_job(transport: Transport, payload: bytes, *,
             on_write: Callable[[], None] | None = None) -> JobReport:
    """Open, check, write, check, close. Raises a DeviceError naming what went wrong.
    `on_write` is called once the checks passed and the bytes start going out (from then
    on the printer may have acted on them, e.g. opened the drawer)."""
    with transport:
        before = _checked(transport) if transport.reads_status else None
        if on_write:
            on_write()
        transport.write(payload)
        after = _checked(transport) if transport.reads_status else None
    if after and after.paper_near_end:
        log.warning("printer %s: paper near its end", transport.url)
    return JobReport(transport.url, before, after, len(payload))


def probe(transport: Transport) -> PrinterStatus | None:
    """The printer's status without printing (the devices screen's test of a connection)."""
    with transport:
        return read_status(transport) if transport.reads_status else None


def read_status(transport: Transport) -> PrinterStatus:
    printer = _ask(transport, 1)
    paper = _ask(transport, 4)
    cause = _ask(transport, 2) if printer & 0x08 else None
    return PrinterStatus.from_bytes(printer, paper, cause)


def require_ready(status: PrinterStatus, url: str) -> None:
    if status.paper_out:
        raise PrinterPaperOut(url=url)
    if status.cover_open:
        raise PrinterOffline(url=url, reason_zh="纸仓盖没有合上", reason_en="the cover is open")
    if status.error:
        raise PrinterOffline(url=url, reason_zh="切刀卡住或机械故障，请关机清理后再开",
                             reason_en="the cutter is jammed or a mechanism failed; switch "
                                       "it off, clear it and switch it on")
    if status.offline:
        raise PrinterOffline(url=url, reason_zh="原因不明，请查看打印机指示灯",
                             reason_en="cause unknown; check the printer's lights")


def _checked(transport: Transport) -> PrinterStatus:
    status = read_status(transport)
    require_ready(status, transport.url)
    return status


def _ask(transport: Transport, n: int) -> int:
    """Send DLE EOT n and wait for its answer, skipping bytes that are not a status byte
    (automatic status packets, noise on a serial line)."""
    transport.write(status_query(n))
    timeout = min(transport.timeout, STATUS_TIMEOUT)
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        for value in transport.read(1, left):
            if is_status_byte(value):
                return value
    raise transport.timed_out(f"状态查询 DLE EOT {n}", f"status query DLE EOT {n}")
