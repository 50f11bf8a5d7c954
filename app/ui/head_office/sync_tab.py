"""Sync status: online or not, the queue, last sync, failed events with a retry, the clock
as head office sees it, and the other terminals' documents applied here."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.services.catalog_sync import retry_failed_events, sync_overview
from app.ui.errors import show_error
from app.ui.head_office.texts import STATE_COLOURS, clock_text, local_time, state_title
from app.ui.translations import fill

REFRESH_MS = 10_000


class SyncTab(QWidget):
    def __init__(self, store, ops, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.data: dict | None = None
        self.values: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(14)
        layout.addLayout(self._header())
        layout.addWidget(self._details())
        layout.addWidget(self._failed_box(), 1)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def _header(self) -> QHBoxLayout:
        self.state_label = QLabel("…")
        self.state_label.setObjectName("sync_state")
        font = QFont(self.state_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.state_label.setFont(font)
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.refresh_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_button.clicked.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(self.state_label, 1)
        row.addWidget(self.refresh_button)
        return row

    def _details(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sync with head office"))
        form = QFormLayout(box)
        form.setHorizontalSpacing(24)
        rows = [("pending", self.tr("Events waiting to be sent")),
                ("sent", self.tr("Events sent")),
                ("last_success", self.tr("Last successful sync")),
                ("last_error", self.tr("Last error")),
                ("hq_url", self.tr("Head office")),
                ("terminal", self.tr("This terminal")),
                ("peers", self.tr("Documents of the store's other terminals")),
                ("clock", self.tr("This PC's clock"))]
        for key, title in rows:
            value = QLabel("…")
            value.setObjectName(f"sync_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(title + self.tr(":"), value)
        return box

    def _failed_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Events head office refused"))
        layout = QVBoxLayout(box)
        self.failed_table = QTableWidget(0, 3)
        self.failed_table.setObjectName("failed_events")
        self.failed_table.setHorizontalHeaderLabels(
            [self.tr("Event"), self.tr("Reason"), self.tr("Attempts")])
        self.failed_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.failed_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.retry_button = QPushButton(self.tr("Send refused events again (Ctrl+R)"))
        self.retry_button.setShortcut(QKeySequence("Ctrl+R"))
        self.retry_button.clicked.connect(self.retry)
        layout.addWidget(self.failed_table)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignRight)
        return box

    # -- behaviour ---------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt)
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        store, actor = self._store, self._actor
        self._ops.run(lambda: sync_overview(store, actor), self.show_data,
                      lambda exc: show_error(self, exc), context=self)

    def retry(self) -> None:
        store, actor = self._store, self._actor
        self._ops.run(lambda: retry_failed_events(store, actor), lambda _n: self.refresh(),
                      lambda exc: show_error(self, exc), context=self)

    def show_data(self, data: dict) -> None:
        self.data = data
        state = data["state"]
        self.state_label.setText(state_title(state))
        self.state_label.setStyleSheet(f"color: {STATE_COLOURS.get(state, '#000')}")
        v = self.values
        oldest = data.get("oldest_pending")
        v["pending"].setText(fill(self.tr("%1 (oldest from %2)"), data["pending"],
                                  local_time(oldest)) if oldest else str(data["pending"]))
        v["sent"].setText(str(data["sent"]))
        v["last_success"].setText(local_time(data.get("last_success")))
        v["last_error"].setText(data.get("last_error") or self.tr("none"))
        v["hq_url"].setText(data.get("hq_url") or self.tr("not enrolled (jxc enroll URL CODE)"))
        v["terminal"].setText(data.get("terminal") or "-")
        peers = data.get("peers") or {"applied": 0, "set_aside": 0}
        v["peers"].setText(fill(self.tr("%1 applied here, %2 set aside"), peers["applied"],
                                peers["set_aside"]))
        v["clock"].setText(clock_text(data.get("clock")))
        self._fill_failed(data.get("failed_events") or [])

    def _fill_failed(self, rows: list[dict]) -> None:
        self.failed_table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            for col, value in enumerate((row["event_uuid"], row["error"], row["attempts"])):
                self.failed_table.setItem(n, col, QTableWidgetItem(str(value)))
        self.retry_button.setEnabled(bool(rows))
