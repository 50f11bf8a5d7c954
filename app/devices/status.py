"""Real-time printer status (ESC/POS `DLE EOT n`): the bytes, both ways.

Each answer is one byte with bits 1 and 4 set and bits 0 and 7 clear (`b & 0x93 == 0x12`),
which tells a status byte apart from anything else the printer might send.

    n=1 printer:        bit 2 drawer pin 3 high, bit 3 offline
    n=2 offline cause:  bit 2 cover open, bit 3 feeding by button, bit 5 stopped at paper
                        end, bit 6 an error occurred
    n=3 error cause:    bit 3 auto-cutter error, bit 5 unrecoverable, bit 6 auto-recoverable
    n=4 paper sensor:   bits 2-3 paper near its end, bits 5-6 paper out

The emulator encodes a `PrinterState` with `status_byte`; the printer driver reads the
answers back into a `PrinterStatus` and decides whether a job may go.
"""
from __future__ import annotations

from dataclasses import dataclass

BASE = 0x12
MASK = 0x93


def is_status_byte(value: int) -> bool:
    return value & MASK == BASE


@dataclass
class PrinterState:
    """What a printer is doing, as the emulator plays it."""

    cover_open: bool = False
    paper_out: bool = False
    paper_near_end: bool = False
    cutter_error: bool = False
    drawer_open: bool = False

    @property
    def offline(self) -> bool:
        return self.cover_open or self.paper_out or self.cutter_error

    @property
    def prints(self) -> bool:
        return not self.offline


def status_byte(n: int, state: PrinterState) -> int:
    """The answer a printer in `state` gives to `DLE EOT n`."""
    flags = {
        1: ((state.drawer_open, 0x04), (state.offline, 0x08)),
        2: ((state.cover_open, 0x04), (state.paper_out, 0x20), (state.cutter_error, 0x40)),
        3: ((state.cutter_error, 0x08),),
        4: ((state.paper_near_end or state.paper_out, 0x0C), (state.paper_out, 0x60)),
    }
    if n not in flags:
        raise ValueError(f"DLE EOT {n}: n must be 1 to 4")
    value = BASE
    for on, bit in flags[n]:
        value |= bit if on else 0
    return value


@dataclass(frozen=True)
class PrinterStatus:
    """What the answers to DLE EOT 1, 2 and 4 say (2 only asked when offline)."""

    offline: bool
    cover_open: bool = False
    paper_out: bool = False
    paper_near_end: bool = False
    error: bool = False
    drawer_open: bool = False

    @classmethod
    def from_bytes(cls, printer: int, paper: int, offline_cause: int | None = None
                   ) -> "PrinterStatus":
        cause = offline_cause if offline_cause is not None else BASE
        return cls(offline=bool(printer & 0x08), drawer_open=bool(printer & 0x04),
                   cover_open=bool(cause & 0x04), error=bool(cause & 0x40),
                   paper_out=bool(paper & 0x60) or bool(cause & 0x20),
                   paper_near_end=bool(paper & 0x0C))

    @property
    def ready(self) -> bool:
        return not (self.offline or self.paper_out or self.cover_open or self.error)
