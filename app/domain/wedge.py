"""Keyboard-wedge scanners told apart from people typing, by timing and terminator.

A USB scanner in keyboard mode "types" a code: its keys come a few milliseconds apart and
end with Enter (or Tab). A person's keys come 80 ms or more apart. `WedgeDetector` holds
keys back while they could still be a scan and then reports either a `Scan` (the code, its
terminator swallowed) or `Typed` keys, which the screen replays to the focused widget as if
nothing had held them. A scan is: at least `min_length` characters, every gap (and the gap
to the terminator) at most `max_gap_ms`, ending in a terminator. With `validate`, a scan
whose check digit is wrong comes out as `Rejected` instead, with the reason.

The screen calls `flush(now_ms)` from a timer (every `max_gap_ms` or so) so that a person
who typed one character and stopped sees it appear. Standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from app.domain.barcode import validate_barcode
from app.domain.errors import InvalidBarcode


@dataclass(frozen=True)
class WedgeConfig:
    max_gap_ms: float = 40.0
    min_length: int = 4
    terminators: tuple[str, ...] = ("\r", "\n", "\t")
    require_terminator: bool = True  # False: a fast burst that just stops is a scan too
    validate: bool = True


@dataclass(frozen=True)
class Key:
    text: str  # the character; "\r" for Enter, "\t" for Tab; "" for keys without text
    t_ms: float
    name: str = ""  # for keys without text (arrows, F-keys): replayed, never part of a scan


@dataclass(frozen=True)
class Scan:
    code: str


@dataclass(frozen=True)
class Rejected:
    code: str
    error: InvalidBarcode


@dataclass(frozen=True)
class Typed:
    keys: tuple[Key, ...]

    @property
    def text(self) -> str:
        return "".join(k.text for k in self.keys)


Output = Scan | Rejected | Typed


@dataclass
class WedgeDetector:
    config: WedgeConfig = field(default_factory=WedgeConfig)
    check: Callable[[str], str] = validate_barcode
    _held: list[Key] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return bool(self._held)

    def feed(self, key: Key) -> list[Output]:
        out = self._release_if_slow(key.t_ms)
        if key.text and key.text in self.config.terminators:
            if self._held and len(self._held) >= self.config.min_length:
                out.append(self._scan())
            else:
                out += self._release()
                out.append(Typed((key,)))
        elif len(key.text) == 1 and key.text.isprintable():
            self._held.append(key)
        else:
            out += self._release()
            out.append(Typed((key,)))
        return out

    def flush(self, now_ms: float) -> list[Output]:
        """What can no longer be a scan by `now_ms`: typed keys (or, without a required
        terminator, a finished burst)."""
        if not self._held or now_ms - self._held[-1].t_ms <= self.config.max_gap_ms:
            return []
        if not self.config.require_terminator and len(self._held) >= self.config.min_length:
            return [self._scan()]
        return self._release()

    def _release_if_slow(self, t_ms: float) -> list[Output]:
        """A slow gap before this key: what was held was typed by a person."""
        if self._held and t_ms - self._held[-1].t_ms > self.config.max_gap_ms:
            return self._release()
        return []

    def _release(self) -> list[Output]:
        held, self._held = tuple(self._held), []
        return [Typed(held)] if held else []

    def _scan(self) -> Output:
        code = "".join(k.text for k in self._held)
        self._held = []
        if not self.config.validate:
            return Scan(code)
        try:
            return Scan(self.check(code))
        except InvalidBarcode as exc:
            return Rejected(code, exc)
