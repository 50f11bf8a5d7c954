"""The sale screen's serial scanner: codes read on the scanner's thread come to the UI
thread by signal and are sold like a keyboard scan; a dead port is said once in the
message line and retried in the background."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.services.counter.scanning import ScanFeed, start_scanner


class SerialScan(QObject):
    code = Signal(str)
    failed = Signal(object)  # the exception: port missing, unplugged, bad settings
    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.feed: ScanFeed | None = None
        self.url = ""

    def start(self, store, actor, url: str) -> None:
        """(Re)start on `url`; "wedge" (keyboard) or empty stops it."""
        if url == self.url and self.feed is not None:
            return
        self.stop()
        if url and url != "wedge":
            self.url = url
            self.feed = start_scanner(store, actor, url, self.code.emit, self.failed.emit,
                                      self.ready.emit)

    def stop(self) -> None:
        if self.feed is not None:
            self.feed.stop()
        self.feed, self.url = None, ""
