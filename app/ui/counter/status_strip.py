"""The sale screen's status strip: the till's shift, head office connection, events waiting
to be sent, receipt printer, scanner, training mode. Polled on the ops worker every few seconds;
anything nothing reports yet is shown as unknown, never guessed."""
from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from app.persistence.store import LocalStore
from app.services.counter import ShiftInfo, TillStatus, till_status
from app.services.records import Actor
from app.ui.counter.shift_dialogs import shift_line
from app.ui.ops import OpsRunner
from app.ui.translations import current_language, fill

POLL_MS = 5000
GOOD, WARN, BAD, MUTED = "#2e7d32", "#ef6c00", "#c62828", "palette(placeholder-text)"


class StatusStrip(QFrame):
    def __init__(self, store: LocalStore, ops: OpsRunner, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_strip")
        self._store, self._ops, self._actor = store, ops, actor
        self.printer_url = ""
        self.status: TillStatus | None = None
        self.on_status = None  # callback(TillStatus)
        self._busy = False
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        row.setSpacing(18)
        self.labels: dict[str, QLabel] = {}
        for key in ("shift", "connection", "queue", "printer", "scanner", "training"):
            label = QLabel("…")
            label.setObjectName(f"status_{key}")
            self.labels[key] = label
            row.addWidget(label)
        row.addStretch(1)
        self.scanned_at: float | None = None
        self._show_scanner()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh)

    def start(self, printer_url: str) -> None:
        self.printer_url = printer_url
        self.refresh()
        self.timer.start()

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        store, url, actor = self._store, self.printer_url, self._actor
        self._ops.run(lambda: till_status(store, url, actor=actor), self.show_status, self._failed, context=self)

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self._set("connection", self.tr("Status unavailable"), BAD)

    def show_status(self, status: TillStatus) -> None:
        self._busy = False
        self.status = status
        connection = {"online": (self.tr("Online"), GOOD), "offline": (self.tr("Offline"), BAD),
                      "disabled": (self.tr("Sync disabled"), BAD),
                      "standalone": (self.tr("Standalone (no head office)"), MUTED)}
        text, colour = connection.get(status.connection, (self.tr("Connection unknown"), MUTED))
        self._set("connection", text, colour)
        queue = fill(self.tr("Queued events: %1"), status.queued_events)
        if status.failed_events:
            queue += " · " + fill(self.tr("refused: %1"), status.failed_events)
        self._set("queue", queue, BAD if status.failed_events else
                  (WARN if status.queued_events and status.connection == "offline" else MUTED))
        self._show_printer(status)
        self._set("training", self.tr("Training mode: unknown") if status.training is None
                  else (self.tr("TRAINING MODE") if status.training else self.tr("Live sales")),
                  WARN if status.training else MUTED)
        self.labels["training"].setToolTip(self.tr("Nothing reports a training mode yet."))
        if self.on_status is not None:
            self.on_status(status)

    def _show_printer(self, status: TillStatus) -> None:
        texts = {"not_set_up": (self.tr("Printer: not set up"), MUTED),
                 "ready": (self.tr("Printer: ready"), GOOD),
                 "printing": (self.tr("Printer: printing…"), WARN)}
        if status.printer == "failed":
            error = status.printer_error or {}
            detail = error.get("zh" if current_language().startswith("zh") else "en", "")
            self._set("printer", self.tr("Printer: FAILED"), BAD)
            self.labels["printer"].setToolTip(detail)
            return
        text, colour = texts.get(status.printer, (self.tr("Printer: unknown"), MUTED))
        self._set("printer", text, colour)
        self.labels["printer"].setToolTip(self.printer_url)

    def show_shift(self, info: ShiftInfo | None) -> None:
        """The open shift (set by the controller when it opens or closes), red when none."""
        self._set("shift", shift_line(info), MUTED if info is not None else BAD)

    def scanned(self) -> None:
        self.scanned_at = time.time()
        self._show_scanner()

    def _show_scanner(self) -> None:
        if self.scanned_at is None:
            self._set("scanner", self.tr("Scanner: no scan yet"), MUTED)
        else:
            self._set("scanner", fill(self.tr("Scanner: last scan %1"),
                                      time.strftime("%H:%M:%S", time.localtime(self.scanned_at))),
                      GOOD)

    def _set(self, key: str, text: str, colour: str) -> None:
        self.labels[key].setText(text)
        self.labels[key].setStyleSheet(f"color: {colour};")
