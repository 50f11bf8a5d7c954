"""Small pieces the Admin tabs share: the message line, times and severity colours."""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`

COLOURS = {"ok": "#2e7d32", "info": "#546e7a", "warning": "#ef6c00", "error": "#c62828",
           "good": "#2e7d32", "failed": "#c62828", "incomplete": "#c62828",
           "running": "#1565c0"}


def local_time(iso: str | None) -> str:
    """An ISO time (naive = UTC) as the local clock shows it, to the second."""
    if not iso:
        return ""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def severity_title(severity: str) -> str:
    return {"ok": translate("AdminTexts", "OK"), "info": translate("AdminTexts", "Info"),
            "warning": translate("AdminTexts", "Warning"),
            "error": translate("AdminTexts", "Error")}.get(severity, severity)


def status_title(status: str) -> str:
    return {"good": translate("AdminTexts", "good"), "failed": translate("AdminTexts", "bad"),
            "incomplete": translate("AdminTexts", "bad (interrupted)"),
            "running": translate("AdminTexts", "running")}.get(status, status)


class Message(QLabel):
    """One line under a tab: what just happened, green, or what was refused, red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("admin_message")

    def ok(self, text: str) -> None:
        self.setStyleSheet(f"color: {COLOURS['ok']};")
        self.setText(text)

    def error(self, text: str) -> None:
        self.setStyleSheet(f"color: {COLOURS['error']}; font-weight: bold;")
        self.setText(text)

    @property
    def is_error(self) -> bool:
        return "c62828" in self.styleSheet()
