"""A serial barcode scanner feeding the sale screen (setting `counter.scanner`).

`start_scanner` reads the port on its own daemon thread and hands each valid code to
`on_code` (from that thread: the UI re-emits it to its own thread). A port that cannot be
opened, or a scanner unplugged while selling, goes to `on_error` once and is tried again
every few seconds, so plugging it back in is enough. Partial reads and bad check digits
never become a code (`app/devices/scanner_frames.py`).
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from app.devices.errors import ScannerError
from app.devices.serial_scanner import SerialScanner
from app.domain.errors import JxcError
from app.domain.permissions import check
from app.persistence.store import LocalStore
from app.services.records import Actor

log = logging.getLogger(__name__)
RETRY_SECONDS = 3.0


class ScanFeed:
    def __init__(self, url: str, on_code: Callable[[str], None],
                 on_error: Callable[[Exception], None], on_ready: Callable[[], None]) -> None:
        self.url, self.on_code, self.on_error, self.on_ready = url, on_code, on_error, on_ready
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="jxc-serial-scanner",
                                        daemon=True)

    def start(self) -> "ScanFeed":
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        failing = False
        while not self._stop.is_set():
            try:
                with SerialScanner.from_url(self.url) as scanner:
                    failing = False
                    self.on_ready()
                    scanner.run(self.on_code, self._stop)
            except (ScannerError, JxcError, OSError) as exc:
                if not failing:  # say it once, not every retry
                    log.warning("serial scanner %s: %s", self.url, exc)
                    self.on_error(exc)
                failing = True
                self._stop.wait(RETRY_SECONDS)


def start_scanner(store: LocalStore, actor: Actor, url: str, on_code: Callable[[str], None],
                  on_error: Callable[[Exception], None],
                  on_ready: Callable[[], None] = lambda: None) -> ScanFeed:
    """Start reading the serial scanner at `url` for the sale screen."""
    check(actor.role, "counter.scanning.start_scanner")
    return ScanFeed(url, on_code, on_error, on_ready).start()
