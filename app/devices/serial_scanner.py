"""A barcode scanner on a serial port (RS-232, or USB in virtual-COM mode), read by pyserial.

`SerialScanner("serial:///dev/ttyACM0?baudrate=9600&framing=crlf")` (also any pyserial URL
such as `loop://`, or a plain port name) reads with a short timeout and feeds a
`FrameParser`, which decides what is a code (see scanner_frames for the noise rules). It
runs on a device thread (`run`), never on the UI thread; codes and rejects go to callbacks.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable
from urllib.parse import parse_qs, unquote, urlsplit

from app.devices.errors import ScannerError
from app.devices.scanner_frames import Code, Dropped, FrameParser, Rejected, Result

log = logging.getLogger(__name__)


class SerialScanner:
    def __init__(self, port: str, *, baudrate: int = 9600, framing: str = "crlf",
                 frame_timeout: float = 0.2, read_timeout: float = 0.05,
                 validate: bool = True) -> None:
        self.port_name, self.baudrate, self.read_timeout = port, baudrate, read_timeout
        self.parser = FrameParser(framing, frame_timeout, validate=validate)
        self.port = None
        self._ready: list[Result] = []  # read but not yet handed out by next_code

    @classmethod
    def from_url(cls, url: str, **overrides) -> "SerialScanner":
        """serial://PORT?baudrate=N&framing=crlf|cr|lf|stx_etx&frame_timeout=S, or a
        pyserial URL (loop://, rfc2217://...) or port name as it is."""
        parts = urlsplit(url)
        if parts.scheme != "serial":
            return cls(url, **overrides)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        try:
            options = {"baudrate": int(query.get("baudrate", 9600)),
                       "framing": query.get("framing", "crlf"),
                       "frame_timeout": float(query.get("frame_timeout", 0.2))}
            return cls(unquote(parts.netloc + parts.path), **{**options, **overrides})
        except ValueError as exc:
            raise ScannerError(url=url, reason_zh=f"地址参数无效：{exc}",
                               reason_en=f"a setting in the address is not valid: {exc}") from None

    def open(self) -> "SerialScanner":
        import serial

        try:
            self.port = serial.serial_for_url(self.port_name, baudrate=self.baudrate,
                                              timeout=self.read_timeout)
        except (serial.SerialException, ValueError) as exc:
            raise ScannerError(url=self.port_name, reason_zh=f"无法打开串口（{exc}）",
                               reason_en=f"the port cannot be opened ({exc})") from None
        return self

    def close(self) -> None:
        if self.port is not None:
            self.port.close()
            self.port = None

    def __enter__(self) -> "SerialScanner":
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    def poll(self) -> list[Result]:
        """One read (at most `read_timeout` long) and what it completed or dropped."""
        import serial

        try:
            data = self.port.read(max(self.port.in_waiting, 1))
        except (serial.SerialException, OSError) as exc:
            raise ScannerError(url=self.port_name, reason_zh=f"读取中断（{exc}），扫描枪可能已拔出",
                               reason_en=f"reading stopped ({exc}); the scanner may have been "
                                         f"unplugged") from None
        return self.parser.feed(data, time.monotonic())

    def read(self, timeout: float) -> list[Result]:
        """Everything that arrives within `timeout` seconds, plus drops by then."""
        deadline = time.monotonic() + timeout
        results: list[Result] = []
        while time.monotonic() < deadline:
            results += self.poll()
        return results + self.parser.expire(time.monotonic())

    def next_code(self, timeout: float) -> str | None:
        """The next valid code within `timeout`, skipping rejects and drops."""
        deadline = time.monotonic() + timeout
        while True:
            while self._ready:
                result = self._ready.pop(0)
                if isinstance(result, Code):
                    return result.code
            if time.monotonic() >= deadline:
                return None
            self._ready += self.poll()

    def run(self, on_code: Callable[[str], None], stop: threading.Event,
            on_reject: Callable[[Result], None] | None = None) -> None:
        """The device thread's loop: codes to `on_code`, rejects and drops to `on_reject`."""
        while not stop.is_set():
            for result in self.poll() + self.parser.expire(time.monotonic()):
                if isinstance(result, Code):
                    on_code(result.code)
                else:
                    log.info("scanner %s: %s", self.port_name,
                             "dropped a partial read" if isinstance(result, Dropped)
                             else f"rejected {result.raw!r}: {result.reason_en}")
                    if on_reject:
                        on_reject(result)


__all__ = ["SerialScanner", "Code", "Rejected", "Dropped"]
