"""Printer connections behind one small interface, opened from a URL.

    tcp://HOST[:PORT]              network printer (port 9100 by default)
    serial://PORT?baudrate=N       serial or USB-serial (serial:///dev/ttyUSB0, serial://COM3)
    usb://VID:PID                  USB printer class device through pyusb (hex ids)
    win32://NAME                   a Windows printer queue, raw (Windows only)
    file://PATH                    raw ESC/POS bytes appended to a file

Every URL takes `timeout=SECONDS` (default 5) and `status=off` for a printer that never
answers status queries. A `Transport` opens, writes, reads (b"" when nothing arrives within
the timeout) and closes; every failure is a `DeviceError` naming the URL.
"""
from __future__ import annotations

import re
import socket
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from app.devices.errors import (BadDeviceUrl, PrinterAccessDenied, PrinterConnectionRefused,
                                PrinterDisconnected, PrinterNotFound, PrinterTimeout,
                                PrinterUnreachable)

DEFAULT_TIMEOUT = 5.0


class Transport:
    reads_status = True

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.url, self.timeout = url, timeout

    def open(self) -> None:
        raise NotImplementedError

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def read(self, size: int, timeout: float) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> "Transport":
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def timed_out(self, stage_zh: str, stage_en: str) -> PrinterTimeout:
        return PrinterTimeout(url=self.url, seconds=f"{self.timeout:g}", stage_zh=stage_zh,
                              stage_en=stage_en)


class TcpTransport(Transport):
    def __init__(self, url: str, host: str, port: int, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(url, timeout)
        self.host, self.port, self.sock = host, port, None

    def open(self) -> None:
        try:
            self.sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
            # a status query right after the job must not wait for the job's ACK (Nagle)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except ConnectionRefusedError:
            raise PrinterConnectionRefused(url=self.url) from None
        except socket.timeout:
            raise self.timed_out("连接", "connecting") from None
        except OSError as exc:
            raise PrinterUnreachable(url=self.url, reason=exc.strerror or str(exc)) from None

    def write(self, data: bytes) -> None:
        try:
            self.sock.sendall(data)
        except socket.timeout:
            raise self.timed_out("发送数据", "sending") from None
        except OSError:
            raise PrinterDisconnected(url=self.url) from None

    def read(self, size: int, timeout: float) -> bytes:
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(size)
        except socket.timeout:
            return b""
        except OSError:
            raise PrinterDisconnected(url=self.url) from None
        finally:
            self.sock.settimeout(self.timeout)
        if not data:
            raise PrinterDisconnected(url=self.url)
        return data

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None


class SerialTransport(Transport):
    def __init__(self, url: str, port: str, options: dict, timeout: float = DEFAULT_TIMEOUT):
        super().__init__(url, timeout)
        self.port_name, self.options, self.port = port, options, None

    def open(self) -> None:
        import serial

        try:
            self.port = serial.serial_for_url(self.port_name, timeout=self.timeout,
                                              write_timeout=self.timeout, **self.options)
        except serial.SerialException as exc:
            if getattr(exc, "errno", None) == 13:
                raise PrinterAccessDenied(url=self.url, reason_zh="串口被拒绝访问（Linux 上把用户加入 dialout 组）",
                                          reason_en="access to the port was denied (on Linux, "
                                                    "add the user to the dialout group)") from None
            raise PrinterNotFound(url=self.url, reason_zh=f"无法打开串口：{exc}",
                                  reason_en=f"the port cannot be opened: {exc}") from None

    def write(self, data: bytes) -> None:
        import serial

        try:
            self.port.write(data)
            self.port.flush()
        except serial.SerialTimeoutException:
            raise self.timed_out("发送数据", "sending") from None
        except serial.SerialException:
            raise PrinterDisconnected(url=self.url) from None

    def read(self, size: int, timeout: float) -> bytes:
        import serial

        self.port.timeout = timeout
        try:
            return self.port.read(size)
        except serial.SerialException:
            raise PrinterDisconnected(url=self.url) from None
        finally:
            self.port.timeout = self.timeout

    def close(self) -> None:
        if self.port is not None:
            self.port.close()
            self.port = None


class FileTransport(Transport):
    """Raw bytes appended to a file: for a printer shared as a device file, or to keep
    the exact bytes of a job. A file has no status to read."""

    reads_status = False

    def __init__(self, url: str, path: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(url, timeout)
        self.path, self.handle = path, None

    def open(self) -> None:
        try:
            self.handle = open(self.path, "ab")
        except OSError as exc:
            raise PrinterNotFound(url=self.url, reason_zh=f"无法写入文件：{exc.strerror}",
                                  reason_en=f"the file cannot be written: {exc.strerror}") from None

    def write(self, data: bytes) -> None:
        self.handle.write(data)
        self.handle.flush()

    def read(self, size: int, timeout: float) -> bytes:
        return b""

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def open_transport(url: str, *, usb_backend=None, win32print=None) -> Transport:
    """The transport for `url`, not yet opened. `usb_backend` and `win32print` let tests
    and unusual setups supply pyusb's backend or the pywin32 module."""
    parts = urlsplit(url.strip())
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    timeout = _number(url, query.pop("timeout", DEFAULT_TIMEOUT), float)
    status = query.pop("status", "on").lower() not in ("off", "0", "no", "false")
    transport = _build(url, parts, query, timeout, usb_backend, win32print)
    if not status:
        transport.reads_status = False
    return transport


def _build(url, parts, query, timeout, usb_backend, win32print) -> Transport:
    scheme, where = parts.scheme.lower(), unquote(parts.netloc + parts.path)
    if scheme == "tcp":
        if not parts.hostname:
            raise _bad(url, "缺少主机名或 IP 地址", "the host name or IP address is missing")
        port = _number(url, parts.port if _port_ok(url, parts) else None, int) or 9100
        return TcpTransport(url, parts.hostname, port, timeout)
    if scheme == "serial":
        if not where:
            raise _bad(url, "缺少串口名", "the port name is missing")
        options = {"baudrate": _number(url, query.pop("baudrate", 9600), int)}
        for key in ("bytesize", "stopbits"):
            if key in query:
                options[key] = _number(url, query.pop(key), float if key == "stopbits" else int)
        for key in ("rtscts", "xonxoff", "dsrdtr"):
            if key in query:
                options[key] = query.pop(key).lower() in ("1", "on", "true", "yes")
        if "parity" in query:
            options["parity"] = query.pop("parity").upper()[:1]
        return SerialTransport(url, where, options, timeout)
    if scheme == "usb":
        from app.devices.usb_printer import UsbTransport

        return UsbTransport.from_url(url, parts.netloc, query, timeout, usb_backend)
    if scheme == "win32":
        from app.devices.win32_printer import Win32Transport

        return Win32Transport(url, where, timeout, win32print)
    if scheme == "file":
        if not where:
            raise _bad(url, "缺少文件路径", "the file path is missing")
        drive = re.match(r"/[A-Za-z]:[/\\]", where)  # file:///C:/... on Windows
        return FileTransport(url, Path(where[1:] if drive else where), timeout)
    raise _bad(url, f"不认识的类型“{scheme}”", f"unknown scheme '{scheme}'")


def _port_ok(url: str, parts) -> bool:
    try:
        return parts.port is not None
    except ValueError:
        raise _bad(url, "端口号无效", "the port number is not valid") from None


def _number(url: str, value, kind):
    try:
        return None if value is None else kind(value)
    except (TypeError, ValueError):
        raise _bad(url, f"“{value}”不是数字", f"'{value}' is not a number") from None


def _bad(url: str, zh: str, en: str) -> BadDeviceUrl:
    return BadDeviceUrl(url=url, reason_zh=zh, reason_en=en)
