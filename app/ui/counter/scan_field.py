"""The one input of the sale screen: the scanner types into it, and so does the cashier.

Keys go into the field as typed; beside that, `app.domain.wedge.WedgeDetector` watches the
timing, so on Enter the screen knows whether a keyboard-wedge scanner sent the code (a
fast burst) or a person typed it. A scan skips the search popup and shows as the
scanner's last activity in the status strip. Arrow keys, Delete on an empty field and
Esc are turned into signals for the screen.
"""
from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from app.domain.wedge import Key, Rejected, Scan, WedgeConfig, WedgeDetector


class ScanField(QLineEdit):
    submitted = Signal(str, bool)  # text, came from a scanner
    navigate = Signal(int)  # -1 up, +1 down
    delete_on_empty = Signal()
    escape = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scan_field")
        self.setMaxLength(64)
        self._detector = WedgeDetector(WedgeConfig(validate=False))
        self._started = time.monotonic()

    def _now_ms(self) -> float:
        return (time.monotonic() - self._started) * 1000

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            was_scan = any(isinstance(o, (Scan, Rejected))
                           for o in self._detector.feed(Key("\r", self._now_ms())))
            self.submitted.emit(self.text(), was_scan)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.navigate.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        if key == Qt.Key.Key_Escape:
            self.escape.emit()
            return
        if key == Qt.Key.Key_Delete and not self.text():
            self.delete_on_empty.emit()
            return
        text = event.text()
        printable = len(text) == 1 and text.isprintable()
        self._detector.feed(Key(text if printable else "", self._now_ms(),
                                name="" if printable else str(key)))
        super().keyPressEvent(event)
