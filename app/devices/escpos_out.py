"""Receipt layout operations to ESC/POS bytes, Chinese text in GB18030.

Text is sent in Chinese mode (`FS &`) as GB18030 bytes: python-escpos's `text()` maps each
character to a single-byte code page and prints `?` for Chinese, so text, styles, CODE128,
cut and the drawer pulse are encoded here (a few fixed commands each). python-escpos's
`Dummy` printer renders what is worth reusing: the QR code (`GS ( k`, printed natively) and
the logo as a raster image (`GS v 0`, resized, centred and dithered to one bit).

The drawer pulse is never part of a layout: the print queue appends it only to the first
print of a committed cash sale (`app/services/printing.py`).
"""
from __future__ import annotations

from typing import Iterable

from app.domain import text_columns as tc
from app.domain.receipt import Code, Cut, Feed, Logo, Op, Text

ESC, GS, FS, DLE, LF = b"\x1b", b"\x1d", b"\x1c", b"\x10", b"\n"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
ALIGN = {"left": 0, "center": 1, "right": 2}
DOTS = {58: 384, 80: 576}  # printable dots per line at 203 dpi
DRAWER_PINS = {2: 0, 5: 1}  # ESC p m: m=0 pulses connector pin 2, m=1 pin 5


def encode(ops: Iterable[Op], width_mm: int, *, logo=None) -> bytes:
    """The whole job: initialise, Chinese mode on, then each operation. `logo` is a PIL
    image or an image path; a `Logo` op prints nothing when there is none."""
    out = bytearray(INIT + CHINESE_ON)
    style = _Style()
    for op in ops:
        if isinstance(op, Text):
            out += style.set(op.align, op.bold, op.double)
            out += tc.clean(op.text).encode("gb18030") + LF
        elif isinstance(op, Code):
            out += style.set("center", False, False) + code(op.data, op.kind, width_mm)
        elif isinstance(op, Logo) and logo is not None:
            out += style.set("center", False, False) + raster(logo, width_mm)
        elif isinstance(op, Feed):
            out += ESC + b"d" + bytes([min(max(op.lines, 0), 255)])
        elif isinstance(op, Cut):
            out += GS + b"V" + (b"B" if op.partial else b"A") + b"\x00"  # feed 0, then cut
    out += style.set("left", False, False)
    return bytes(out)


class _Style:
    """Emits alignment, bold and size commands only when they change."""

    def __init__(self) -> None:
        self.align, self.bold, self.double = "left", False, False

    def set(self, align: str, bold: bool, double: bool) -> bytes:
        out = b""
        if align != self.align:
            out += ESC + b"a" + bytes([ALIGN[align]])
        if bold != self.bold:
            out += ESC + b"E" + bytes([int(bold)])
        if double != self.double:
            out += GS + b"!" + (b"\x11" if double else b"\x00")
        self.align, self.bold, self.double = align, bold, double
        return out


def code(data: str, kind: str, width_mm: int) -> bytes:
    """The receipt number as CODE128 (falls back to QR when too wide for the paper) or QR."""
    if kind == "code128":
        symbol = code128_data(data)
        if code128_modules(symbol) * 2 <= DOTS[width_mm]:
            return (GS + b"h" + bytes([64]) + GS + b"w" + bytes([2]) + GS + b"H" + bytes([2])
                    + GS + b"k" + bytes([73, len(symbol)]) + symbol + LF)
    return qr(data, width_mm)


def qr(data: str, width_mm: int) -> bytes:
    from escpos.constants import QR_ECLEVEL_M
    from escpos.printer import Dummy

    printer = Dummy()
    printer.qr(data, ec=QR_ECLEVEL_M, size=6 if width_mm == 80 else 5, native=True)
    return printer.output + LF


def raster(image, width_mm: int) -> bytes:
    """A one-bit raster (`GS v 0`) no wider than the paper, centred."""
    from escpos.printer import Dummy
    from PIL import Image

    img = image if isinstance(image, Image.Image) else Image.open(image)
    dots = DOTS[width_mm]
    if img.width > dots:
        img = img.resize((dots, max(1, round(img.height * dots / img.width))))
    printer = Dummy()
    media = {"width": {"pixels": dots, "mm": width_mm}, "dpi": 203}
    printer.profile.profile_data = {**printer.profile.profile_data, "media": media}
    printer.image(img.convert("RGB"), impl="bitImageRaster", center=True)
    return printer.output


def code128_data(text: str) -> bytes:
    """`GS k 73` data: code set B for text, code set C (two digits per byte) for runs of
    four or more digits, which keeps a receipt number narrow enough for 80 mm paper."""
    if not text or not all(" " <= ch <= "~" and ch != "{" for ch in text):
        raise ValueError(f"CODE128 here takes printable ASCII except '{{', got {text!r}")
    out, i, current = bytearray(), 0, None
    while i < len(text):
        run = len(text[i:]) - len(text[i:].lstrip("0123456789"))
        if run >= 4:
            pairs = run - run % 2
            if current != "C":
                out += b"{C"
                current = "C"
            out += bytes(int(text[j:j + 2]) for j in range(i, i + pairs, 2))
            i += pairs
        else:
            if current != "B":
                out += b"{B"
                current = "B"
            out += text[i].encode("ascii")
            i += 1
    return bytes(out)


def code128_text(data: bytes) -> str:
    """The characters a CODE128 `GS k 73` symbol encodes ({A/{B text, {C two digits a byte)."""
    out, mode, i = [], "B", 0
    while i < len(data):
        if data[i:i + 1] == b"{" and i + 1 < len(data):
            selector = chr(data[i + 1])
            if selector in "ABC":
                mode = selector
            elif selector == "{":
                out.append("{")
            i += 2
            continue
        out.append(f"{data[i]:02d}" if mode == "C" else chr(data[i]))
        i += 1
    return "".join(out)


def code128_modules(symbol: bytes) -> int:
    """Width in modules: 11 per symbol (start, data, code changes, check) plus 13 (stop)."""
    count, i = 0, 0
    while i < len(symbol):
        i += 2 if symbol[i:i + 1] == b"{" else 1
        count += 1
    return (count + 1) * 11 + 13


def drawer_kick(pin: int = 2, on_ms: int = 100, off_ms: int = 500) -> bytes:
    """ESC p m t1 t2: pulse the drawer solenoid on connector pin 2 or 5 (times in 2 ms)."""
    if pin not in DRAWER_PINS:
        raise ValueError("the drawer is on pin 2 or pin 5")
    return ESC + b"p" + bytes([DRAWER_PINS[pin], min(on_ms // 2, 255), min(off_ms // 2, 255)])


def status_query(n: int) -> bytes:
    """DLE EOT n: real-time status (1 printer, 2 offline cause, 3 error cause, 4 paper)."""
    return DLE + b"\x04" + bytes([n])
