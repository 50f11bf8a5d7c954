"""Device URLs split into what the devices screen shows, and joined back.

Printers: `tcp://HOST:PORT`, `serial://PORT?baudrate=N`, `usb://VID:PID`, `win32://NAME`,
`file://PATH` (the kinds of `app.devices.transports`). Scanners: `wedge`, or
`serial://PORT?baudrate=N` (also a pyserial URL such as `loop://`, kept as typed).
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

KINDS = ("", "tcp", "serial", "usb", "win32", "file")
BAUDRATES = (9600, 19200, 38400, 57600, 115200, 4800, 2400)


def split_printer(url: str) -> tuple[str, str]:
    """("tcp", "192.168.1.50:9100") from "tcp://192.168.1.50:9100"; ("", "") for none."""
    url = (url or "").strip()
    kind, sep, rest = url.partition("://")
    if not sep or kind not in KINDS:
        return ("", url)
    return kind, rest


def join_printer(kind: str, address: str) -> str:
    address = address.strip()
    return f"{kind}://{address}" if kind and address else ""


def split_scanner(url: str) -> tuple[str, str, int]:
    """("wedge", "", 9600), or ("serial", port, baudrate)."""
    url = (url or "").strip()
    if not url or url.lower() == "wedge":
        return "wedge", "", 9600
    parts = urlsplit(url)
    if parts.scheme != "serial":
        return "serial", url, 9600
    query = parse_qs(parts.query)
    rate = query.get("baudrate", ["9600"])[-1]
    return "serial", parts.netloc + parts.path, int(rate) if rate.isdigit() else 9600


def join_scanner(kind: str, port: str, baudrate: int) -> str:
    port = port.strip()
    if kind != "serial" or not port:
        return "wedge"
    if "://" in port:  # a pyserial URL (loop://, rfc2217://...) as typed
        return port
    return f"serial://{port}?baudrate={baudrate}"
