"""ESC/POS bytes back to what a printer would do: printed lines, codes, images, cuts, pulses.

The emulator's core, independent of how bytes arrive (TCP, a pty, a fake USB device):
`Decoder.feed(data)` parses as far as the bytes allow (a command split across two reads
waits for the rest), records `Event`s, and returns the bytes a printer answers at once,
which are the status bytes for `DLE EOT n`. Text in Chinese mode (`FS &`) is GB18030; a
printer that is offline (cover open, paper out) answers status queries but prints nothing,
so its events are recorded with `printed=False`.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from app.devices.escpos_out import code128_text
from app.devices.status import PrinterState, status_byte

ALIGNS = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
# ESC x and FS x commands with a fixed number of parameter bytes
ESC_FIXED = {b"@": 0, b"!": 1, b"E": 1, b"a": 1, b"d": 1, b"p": 3, b"2": 0, b"3": 1, b"t": 1,
             b"M": 1, b"-": 1, b"J": 1, b"G": 1, b"R": 1, b"V": 1, b"{": 1, b" ": 1, b"$": 2,
             b"\\": 2, b"B": 2, b"i": 0, b"m": 0, b"=": 1, b"e": 1, b"r": 1, b"U": 1, b"c": 2}
FS_FIXED = {b"&": 0, b".": 0, b"!": 1, b"W": 1, b"C": 1, b"-": 1, b"p": 2, b"S": 2}
GS_FIXED = {b"!": 1, b"h": 1, b"w": 1, b"H": 1, b"f": 1, b"B": 1, b"a": 1, b"L": 2, b"W": 2,
            b"b": 1, b"r": 1, b"I": 1, b"P": 2, b"T": 1, b"^": 3}
NEED_MORE = -1


@dataclass
class Event:
    kind: str  # text, cut, drawer, barcode, qr, image, status, init, feed, unknown
    text: str = ""  # a printed line, or a code's data
    align: str = "left"
    bold: bool = False
    double: bool = False  # double width (GS ! 0x1_, ESC ! 0x20)
    printed: bool = True
    detail: dict = field(default_factory=dict)


class Decoder:
    def __init__(self, state: PrinterState | None = None) -> None:
        self.state = state or PrinterState()
        self.answers_status = True  # the emulator's "mute" switch turns this off
        self.events: list[Event] = []
        self.lock = threading.RLock()
        self._buf = bytearray()
        self._line = bytearray()
        self._text = ""
        self._reset_style()

    def _reset_style(self) -> None:
        self.align, self.bold, self.width_mult, self.chinese = "left", False, 1, False
        self.qr_data = b""

    def feed(self, data: bytes) -> bytes:
        """Take bytes in; return the immediate answers (status bytes)."""
        with self.lock:
            self._buf += data
            replies = bytearray()
            pos = 0
            while pos < len(self._buf):
                used = self._step(pos, replies)
                if used == NEED_MORE:
                    break
                pos += used
            del self._buf[:pos]
            return bytes(replies)

    def _emit(self, kind: str, text: str = "", **detail) -> None:
        self.events.append(Event(kind, text, self.align, self.bold, self.width_mult > 1,
                                 self.state.prints or kind == "status", detail))

    def _step(self, pos: int, replies: bytearray) -> int:
        b = self._buf[pos]
        if b == 0x0A:
            self._flush_partial()
            self._emit("text", self._text)
            self._text = ""
            return 1
        if b >= 0x20 and b != 0x7F:
            self._line.append(b)
            return 1
        if b == 0x09:
            self._line += b"    "
            return 1
        rest = self._buf[pos + 1:]
        if b == 0x1B:
            return self._esc(rest)
        if b == 0x1D:
            return self._gs(rest)
        if b == 0x1C:
            return self._fs(rest)
        if b == 0x10:
            return self._dle(rest, replies)
        return 1  # CR, NUL and other control bytes print nothing

    def _esc(self, rest: bytearray) -> int:
        if not rest:
            return NEED_MORE
        cmd = bytes(rest[:1])
        if cmd == b"D":  # tab stops, up to NUL
            end = rest.find(b"\x00", 1)
            return end + 2 if end >= 0 else NEED_MORE
        if cmd not in ESC_FIXED:
            if cmd == b"*":  # column bit image: m nL nH, then nL+nH*256 columns of 1 or 3 bytes
                if len(rest) < 4:
                    return NEED_MORE
                size = (rest[2] + rest[3] * 256) * (3 if rest[1] in (32, 33) else 1)
                return 5 + size if len(rest) >= 4 + size else NEED_MORE
            self._emit("unknown", detail={"command": "ESC " + cmd.hex()})
            return 2
        n = ESC_FIXED[cmd]
        if len(rest) < 1 + n:
            return NEED_MORE
        args = rest[1:1 + n]
        self._apply_esc(cmd, args)
        return 2 + n

    def _apply_esc(self, cmd: bytes, args: bytearray) -> None:
        if cmd == b"@":
            self._reset_style()
            self._emit("init")
        elif cmd == b"!":
            self.bold, self.width_mult = bool(args[0] & 0x08), 2 if args[0] & 0x20 else 1
        elif cmd == b"E":
            self.bold = bool(args[0] & 1)
        elif cmd == b"a":
            self.align = ALIGNS.get(args[0], "left")
        elif cmd == b"d":
            self._emit("feed", lines=args[0])
        elif cmd == b"p":
            pin = 2 if args[0] in (0, 48) else 5
            self._emit("drawer", pin=pin, on_ms=args[1] * 2, off_ms=args[2] * 2)
        elif cmd in (b"i", b"m"):
            self._emit("cut", partial=cmd == b"m")

    def _fs(self, rest: bytearray) -> int:
        if not rest:
            return NEED_MORE
        cmd = bytes(rest[:1])
        n = FS_FIXED.get(cmd)
        if n is None:
            self._emit("unknown", detail={"command": "FS " + cmd.hex()})
            return 2
        if len(rest) < 1 + n:
            return NEED_MORE
        if cmd in (b"&", b"."):
            self._flush_partial()
            self.chinese = cmd == b"&"
        return 2 + n

    def _flush_partial(self) -> None:
        """Decode the line's bytes so far with the mode they were sent in (GB18030 in
        Chinese mode, else the PC437 code page)."""
        codec = "gb18030" if self.chinese else "cp437"
        self._text += bytes(self._line).decode(codec, errors="replace")
        self._line.clear()

    def _dle(self, rest: bytearray, replies: bytearray) -> int:
        if not rest:
            return NEED_MORE
        if rest[0] == 0x04:  # DLE EOT n
            if len(rest) < 2:
                return NEED_MORE
            n = rest[1]
            self._emit("status", n=n)
            if self.answers_status and 1 <= n <= 4:
                replies.append(status_byte(n, self.state))
            return 3
        if rest[0] == 0x14:  # DLE DC4 fn m t: fn 1 is a real-time drawer pulse
            if len(rest) < 4:
                return NEED_MORE
            if rest[1] == 1:
                self._emit("drawer", pin=2 if rest[2] == 0 else 5, on_ms=rest[3] * 100,
                           off_ms=rest[3] * 100)
            return 5
        if rest[0] == 0x05:  # DLE ENQ n: real-time request, nothing to answer
            return 3 if len(rest) >= 2 else NEED_MORE
        return 1

    def _gs(self, rest: bytearray) -> int:
        if not rest:
            return NEED_MORE
        cmd = bytes(rest[:1])
        if cmd in GS_FIXED:
            n = GS_FIXED[cmd]
            if len(rest) < 1 + n:
                return NEED_MORE
            if cmd == b"!":
                self.width_mult = (rest[1] >> 4) + 1
            return 2 + n
        handler = {b"V": self._gs_cut, b"k": self._gs_barcode, b"v": self._gs_raster,
                   b"(": self._gs_paren, b"8": self._gs_large}.get(cmd)
        if handler is None:
            self._emit("unknown", detail={"command": "GS " + cmd.hex()})
            return 2
        return handler(rest)

    def _gs_cut(self, rest: bytearray) -> int:
        if len(rest) < 2:
            return NEED_MORE
        m = rest[1]
        with_feed = m in (65, 66, 97, 98, 103, 104)
        if with_feed and len(rest) < 3:
            return NEED_MORE
        self._emit("cut", partial=m in (1, 49, 66, 98, 104))
        return 4 if with_feed else 3

    def _gs_barcode(self, rest: bytearray) -> int:
        if len(rest) < 2:
            return NEED_MORE
        m = rest[1]
        if m <= 6:  # function A: data up to NUL
            end = rest.find(b"\x00", 2)
            if end < 0:
                return NEED_MORE
            self._emit("barcode", bytes(rest[2:end]).decode("ascii", "replace"), system=m)
            return end + 2
        if len(rest) < 3 or len(rest) < 3 + rest[2]:
            return NEED_MORE
        data = bytes(rest[3:3 + rest[2]])
        text = code128_text(data) if m == 73 else data.decode("ascii", "replace")
        self._emit("barcode", text, system=m)
        return 4 + rest[2]

    def _gs_raster(self, rest: bytearray) -> int:
        if len(rest) < 7:
            return NEED_MORE
        width_bytes, height = rest[3] + rest[4] * 256, rest[5] + rest[6] * 256
        size = width_bytes * height
        if len(rest) < 7 + size:
            return NEED_MORE
        self._emit("image", width=width_bytes * 8, height=height)
        return 8 + size

    def _gs_paren(self, rest: bytearray) -> int:
        """GS ( fn pL pH data: QR codes (fn k, cn 49) are decoded, the rest skipped."""
        if len(rest) < 4:
            return NEED_MORE
        size = rest[2] + rest[3] * 256
        if len(rest) < 4 + size:
            return NEED_MORE
        body = bytes(rest[4:4 + size])
        if rest[1:2] == b"k" and body[:1] == b"1":
            if body[1:2] == b"P":
                self.qr_data = body[3:]
            elif body[1:2] == b"Q":
                self._emit("qr", self.qr_data.decode("utf-8", "replace"))
        elif rest[1:2] == b"L" and body[1:2] == b"2":
            self._emit("image", width=0, height=0)
        return 5 + size

    def _gs_large(self, rest: bytearray) -> int:
        """GS 8 L p1 p2 p3 p4: large graphics data, skipped by its 32-bit length."""
        if len(rest) < 6:
            return NEED_MORE
        size = int.from_bytes(bytes(rest[2:6]), "little")
        return 7 + size if len(rest) >= 6 + size else NEED_MORE

