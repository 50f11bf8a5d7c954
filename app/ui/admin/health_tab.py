"""Health: the checks of app/services/health.py in colour (database, ledger, audit chain,
unsent events, backups, printer), when they last ran, and "Check now". The app runs them
at start and hourly; problems also go to head office (app/services/scheduler.py)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from app.services import scheduler
from app.services.health import HealthReport
from app.ui.admin.texts import COLOURS, Message, local_time, severity_title
from app.ui.errors import error_text
from app.ui.translations import current_language, fill


translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


def check_title(name: str) -> str:
    return {"database": translate("HealthTab", "Database"),
            "ledger": translate("HealthTab", "Ledger and stock"),
            "audit": translate("HealthTab", "Audit chain"),
            "outbox": translate("HealthTab", "Sync queue"),
            "backup": translate("HealthTab", "Backups"),
            "printer": translate("HealthTab", "Printer")}.get(name, name)


class HealthTab(QWidget):
    def __init__(self, store, ops, user, maintenance,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, user.actor
        self.report: HealthReport | None = None
        self.maintenance = maintenance
        self.maintenance.health_checked.connect(self.show_report)
        self.maintenance.health_failed.connect(self._refused)
        self.message = Message()
        self.summary = QLabel()
        font = QFont(self.summary.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.summary.setFont(font)
        self.check_button = QPushButton(self.tr("&Check now"))
        self.check_button.setShortcut(QKeySequence("F5"))
        self.check_button.clicked.connect(self.check_now)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.check_button)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Check"), self.tr("State"),
                                              self.tr("What it says")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        """The last report (the app's hourly check), or a first check when there is none."""
        if self.maintenance.last_health is not None:
            self.show_report(self.maintenance.last_health)
            return
        self._ops.run(lambda: scheduler.last_health(self._store, actor=self._actor),
                      lambda r: self.show_report(r) if r else self.check_now(),
                      self._refused, context=self)

    def check_now(self) -> None:
        self.check_button.setEnabled(False)
        self.summary.setText(self.tr("Checking..."))
        self.maintenance.check_health(self._actor)

    def show_report(self, report: HealthReport) -> None:
        self.report = report
        self.check_button.setEnabled(True)
        lang = current_language()
        worst = report.worst
        self.summary.setStyleSheet(f"color: {COLOURS[worst]};")
        self.summary.setText(fill(self.tr("%1 · checked %2"), severity_title(worst),
                                  local_time(report.checked_at)))
        self.table.setRowCount(len(report.checks))
        for row, c in enumerate(report.checks):
            state = QTableWidgetItem(severity_title(c.severity))
            state.setForeground(QColor(COLOURS.get(c.severity, "#000000")))
            bold = QFont(state.font())
            bold.setBold(True)
            state.setFont(bold)
            self.table.setItem(row, 0, QTableWidgetItem(check_title(c.name)))
            self.table.setItem(row, 1, state)
            self.table.setItem(row, 2, QTableWidgetItem(c.message(lang)))
        self.table.resizeRowsToContents()

    def _refused(self, exc: Exception) -> None:
        self.check_button.setEnabled(True)
        self.message.error(error_text(exc))
