"""Shift dialogs of the sale screen: open a shift with its float, cash in or out with a
reason, and an X or Z report as printed. The close-shift count is in `close_shift_dialog`.

Like the other dialogs they open window-modal with `open()` and report through signals;
Enter moves on or confirms, Esc cancels. Where a supervisor must authorise (cash out above
the limit), their user name and PIN are typed into the same dialog, shown only when needed.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from app.domain.errors import JxcError
from app.services.counter import ShiftInfo, parse_cash
from app.ui.counter.texts import money, scaled
from app.ui.translations import fill

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`
PROBLEM_STYLE = "color: #c62828; font-weight: bold;"


class SupervisorFields(QWidget):
    """A shift lead's or manager's user name and PIN, for an action the cashier may not do
    alone; hidden until needed."""

    def __init__(self, parent: QWidget, approver: str = "") -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(self.tr("A shift lead or manager must authorise this:"))
        self.note.setStyleSheet("color: #ef6c00; font-weight: bold;")
        self.user_edit = QLineEdit(approver)
        self.user_edit.setObjectName("approver_edit")
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("pin_edit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(6)
        form.addRow(self.note)
        form.addRow(self.tr("Supervisor user name:"), self.user_edit)
        form.addRow(self.tr("PIN:"), self.pin_edit)
        self.hide()

    def values(self) -> tuple[str, str]:
        if not self.isVisible():
            return "", ""
        return self.user_edit.text().strip(), self.pin_edit.text()


class OpenShiftDialog(QDialog):
    """No shift is open: count the float in the drawer and open one."""

    submitted = Signal(str)  # the float as typed

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("open_shift_dialog")
        self.setWindowTitle(self.tr("Open a shift"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("No shift is open on this till. Count the float (备用金) in the "
                               "drawer and enter it to start selling."))
        intro.setWordWrap(True)
        intro.setFont(scaled(self, 1.15, bold=True))
        self.edit = QLineEdit()
        self.edit.setObjectName("float_edit")
        self.edit.setFont(scaled(self, 1.8, bold=True))
        self.edit.setPlaceholderText("200.00")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        hint = QLabel(self.tr("Enter: open the shift · Esc: not now (selling stays refused)"))
        hint.setStyleSheet("color: palette(placeholder-text);")
        for widget in (intro, self.edit, self.problem, hint):
            layout.addWidget(widget)
        self.edit.returnPressed.connect(self._submit)
        self.edit.setFocus()

    def _submit(self) -> None:
        self.problem.clear()
        self.submitted.emit(self.edit.text() or "0")

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)


class CashMoveDialog(QDialog):
    """Cash into (`in`) or out of (`out`) the drawer: the amount, then the reason."""

    submitted = Signal(str, str, str, str, str)  # kind, amount, reason, approver, PIN

    def __init__(self, parent: QWidget, kind: str, limit_fen: int, supervisor: bool,
                 approver: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("cash_move_dialog")
        self.kind, self.limit_fen, self.supervisor = kind, limit_fen, supervisor
        self.setWindowTitle(self.tr("Cash in") if kind == "in" else self.tr("Cash out"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Put cash into the drawer") if kind == "in"
                       else self.tr("Take cash out of the drawer"))
        title.setFont(scaled(self, 1.3, bold=True))
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("amount_edit")
        self.amount_edit.setFont(scaled(self, 1.6, bold=True))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reason_edit")
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setPlaceholderText(self.tr("e.g. change from the bank, paid a supplier"))
        form = QFormLayout()
        form.addRow(self.tr("Amount:"), self.amount_edit)
        form.addRow(self.tr("Reason:"), self.reason_edit)
        self.authorise = SupervisorFields(self, approver)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        hint = QLabel(self.tr("Enter: next field, then confirm · Esc: cancel"))
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(title)
        layout.addLayout(form)
        for widget in (self.authorise, self.problem, hint):
            layout.addWidget(widget)
        self.amount_edit.textChanged.connect(self._check_limit)
        self.amount_edit.returnPressed.connect(self.reason_edit.setFocus)
        self.reason_edit.returnPressed.connect(self._after_reason)
        self.authorise.user_edit.returnPressed.connect(self.authorise.pin_edit.setFocus)
        self.authorise.pin_edit.returnPressed.connect(self._submit)
        self.amount_edit.setFocus()

    def _check_limit(self, text: str) -> None:
        try:
            fen = parse_cash(text)
        except JxcError:  # half-typed: the service says what is wrong when it is sent
            fen = 0
        self.authorise.setVisible(self.kind == "out" and not self.supervisor
                                  and fen > self.limit_fen)

    def _after_reason(self) -> None:
        if self.authorise.isVisible() and not self.authorise.pin_edit.text():
            target = self.authorise.pin_edit if self.authorise.user_edit.text() \
                else self.authorise.user_edit
            target.setFocus()
            return
        self._submit()

    def _submit(self) -> None:
        self.problem.clear()
        self.submitted.emit(self.kind, self.amount_edit.text(), self.reason_edit.text(),
                            *self.authorise.values())

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.authorise.pin_edit.clear()


class ReportDialog(QDialog):
    """An X or Z report as it prints; Enter or Esc closes it."""

    def __init__(self, parent: QWidget, title: str, summary: str, report_text: str) -> None:
        super().__init__(parent)
        self.setObjectName("report_dialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        head = QLabel(summary)
        head.setObjectName("report_summary")
        head.setWordWrap(True)
        head.setFont(scaled(self, 1.15, bold=True))
        self.text = QPlainTextEdit(report_text)
        self.text.setObjectName("report_text")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMinimumSize(460, 520)
        hint = QLabel(self.tr("Enter or Esc: close"))
        hint.setStyleSheet("color: palette(placeholder-text);")
        for widget in (head, self.text, hint):
            layout.addWidget(widget)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self, self.accept)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self, self.accept)


def shift_line(info: ShiftInfo | None) -> str:
    """"Shift 3 · cashier1 · since 2026-11-22 08:00 · float ¥200.00" (status strip)."""
    if info is None:
        return translate("ShiftDialogs", "No shift open")
    return fill(translate("ShiftDialogs", "Shift %1 · %2 · since %3 · float %4"),
                info.seq, info.opened_by, info.opened_at, money(info.float_fen))
