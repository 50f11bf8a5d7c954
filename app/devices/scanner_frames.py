"""Framing of a serial barcode scanner's byte stream: which bytes make one code.

Framings: "crlf" (a CR, an LF or both end a code: the usual factory setting), "cr", "lf",
and "stx_etx" (STX starts a code, ETX ends it). Noise handling, the rules that keep a bad
read from ever becoming a sale line:

- bytes that are not printable ASCII are skipped between codes; inside a code they mark
  it damaged, and a damaged code is `Rejected`, never returned;
- a code with no terminator within `frame_timeout` seconds of its last byte is `Dropped`
  (a partial read never yields a code, and never joins the next one);
- a code longer than `max_length` is damaged;
- with `validate` (the default), a code must pass `validate_barcode` (EAN/UPC check digits).

`FrameParser` is pure (the caller passes the time); `serial_scanner` feeds it from a port.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.barcode import validate_barcode
from app.domain.errors import InvalidBarcode

STX, ETX, CR, LF = 0x02, 0x03, 0x0D, 0x0A
TERMINATORS = {"crlf": {CR, LF}, "cr": {CR}, "lf": {LF}, "stx_etx": {ETX}}


@dataclass(frozen=True)
class Code:
    code: str


@dataclass(frozen=True)
class Rejected:
    raw: str
    reason_zh: str
    reason_en: str
    error: InvalidBarcode | None = None


@dataclass(frozen=True)
class Dropped:
    raw: bytes  # an unterminated partial read, thrown away


Result = Code | Rejected | Dropped


@dataclass
class FrameParser:
    framing: str = "crlf"
    frame_timeout: float = 0.2
    max_length: int = 48
    validate: bool = True
    _buf: bytearray = field(default_factory=bytearray)
    _open: bool = False  # inside a frame (stx_etx) or a code has started (line framings)
    _damaged: bool = False
    _last: float = 0.0

    def __post_init__(self) -> None:
        if self.framing not in TERMINATORS:
            raise ValueError(f"framing must be one of {sorted(TERMINATORS)}")

    def feed(self, data: bytes, now: float) -> list[Result]:
        out = self.expire(now)
        for byte in data:
            out += self._byte(byte)
        if data:
            self._last = now
        return out

    def expire(self, now: float) -> list[Result]:
        """Drop a code that has waited too long for its terminator."""
        if self._open and now - self._last > self.frame_timeout:
            return [self._drop()]
        return []

    def _byte(self, byte: int) -> list[Result]:
        stx = self.framing == "stx_etx"
        if stx and byte == STX:
            out = [self._drop()] if self._open else []
            self._open = True
            return out
        if byte in TERMINATORS[self.framing]:
            return [self._finish()] if self._open and (self._buf or stx) else self._reset()
        if byte in (CR, LF):
            return []  # a line end this framing does not use (CRLF into "cr", CR before ETX)
        if 0x20 <= byte <= 0x7E:
            if stx and not self._open:
                return []  # outside STX ... ETX: noise
            self._open = True
            self._buf.append(byte)
            self._damaged = self._damaged or len(self._buf) > self.max_length
            return []
        if self._open and self._buf:
            self._damaged = True  # noise inside a code
        return []

    def _reset(self) -> list[Result]:
        self._buf, self._open, self._damaged = bytearray(), False, False
        return []

    def _drop(self) -> Result:
        raw = bytes(self._buf)
        self._reset()
        return Dropped(raw)

    def _finish(self) -> Result:
        text, damaged = self._buf.decode("ascii"), self._damaged
        self._reset()
        if damaged or not text:
            return Rejected(text, "读取到干扰字符或长度异常", "noise or a wrong length in the read")
        if not self.validate:
            return Code(text)
        try:
            return Code(validate_barcode(text))
        except InvalidBarcode as exc:
            return Rejected(text, exc.params.get("reason_zh", ""), exc.params.get("reason_en", ""),
                            exc)
