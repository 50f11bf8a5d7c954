"""The status bar's word on maintenance: the backup (running, good, failed) and health."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.ui.admin.background import Maintenance
from app.ui.admin.health_tab import check_title
from app.ui.admin.texts import COLOURS, severity_title
from app.ui.errors import error_text
from app.ui.translations import current_language, fill


class MaintenanceStatus(QLabel):
    def __init__(self, maintenance: Maintenance, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("maintenance_status")
        self.setContentsMargins(8, 0, 8, 0)
        self._backup, self._health, self._colour = "", "", COLOURS["info"]
        maintenance.backup_running.connect(self._running)
        maintenance.backup_done.connect(self._backed_up)
        maintenance.backup_failed.connect(self._backup_failed)
        maintenance.health_checked.connect(self._checked)
        if maintenance.backing_up:
            self._running(True)
        if maintenance.last_health is not None:
            self._checked(maintenance.last_health)

    def _running(self, running: bool) -> None:
        if running:
            self._backup = self.tr("Backing up...")
            self._show()

    def _backed_up(self, manifest) -> None:
        if manifest is not None:
            self._backup = self.tr("Backup good")
        elif self._backup == self.tr("Backing up..."):
            self._backup = ""
        self._show()

    def _backup_failed(self, exc: Exception) -> None:
        self._backup = self.tr("Backup failed")
        self._colour = COLOURS["error"]
        self.setToolTip(error_text(exc))
        self._show()

    def _checked(self, report) -> None:
        worst = report.worst
        self._health = fill(self.tr("Health: %1"), severity_title(worst))
        self._colour = COLOURS[worst] if self._backup != self.tr("Backup failed") \
            else COLOURS["error"]
        lang = current_language()
        problems = [f"{check_title(c.name)}: {c.message(lang)}" for c in report.checks
                    if c.severity in ("warning", "error")]
        self.setToolTip("\n".join(problems) or self.tr("All checks passed."))
        self._show()

    def _show(self) -> None:
        self.setStyleSheet(f"color: {self._colour}; font-weight: bold;")
        self.setText(" · ".join(t for t in (self._backup, self._health) if t))
