"""Small keyboard dialogs of the sale screen: one value, a manager's PIN, held sales.

All open window-modal with `open()` (never a blocking `exec()`), so the worker's results
keep arriving, and report through signals. Enter accepts, Esc cancels.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout,
                               QHeaderView, QLabel, QLineEdit, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.services.counter import HeldSale
from app.ui.counter.texts import money, scaled


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class ValueDialog(QDialog):
    """One field: a quantity, a weight, a discount, a price, a member's phone."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget, title: str, prompt: str, value: str = "",
                 hint: str = "", secret: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.edit = QLineEdit(value)
        self.edit.setObjectName("value_edit")
        self.edit.setFont(scaled(self, 1.6))
        self.edit.selectAll()
        if secret:
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: palette(placeholder-text);")
            layout.addWidget(note)
        layout.addWidget(_buttons(self))
        self.accepted.connect(lambda: self.submitted.emit(self.edit.text()))
        self.edit.setFocus()


class PinDialog(QDialog):
    """A store manager or shift lead authorises an action with user name and PIN."""

    submitted = Signal(str, str)  # user name, PIN

    def __init__(self, parent: QWidget, what: str, approver: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Manager authorisation"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        reason = QLabel(what)
        reason.setWordWrap(True)
        reason.setFont(scaled(self, 1.15, bold=True))
        self.user_edit = QLineEdit(approver)
        self.user_edit.setObjectName("approver_edit")
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("pin_edit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(6)
        form = QFormLayout()
        form.addRow(self.tr("Manager user name:"), self.user_edit)
        form.addRow(self.tr("PIN:"), self.pin_edit)
        layout.addWidget(reason)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))
        self.accepted.connect(lambda: self.submitted.emit(self.user_edit.text().strip(),
                                                          self.pin_edit.text()))
        (self.pin_edit if approver else self.user_edit).setFocus()


class SetPinDialog(QDialog):
    submitted = Signal(str, str)  # password, new PIN

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set my PIN"))
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Managers and shift leads authorise voids, price changes and "
                              "large discounts with this PIN (4 to 6 digits)."))
        note.setWordWrap(True)
        self.password_edit, self.pin_edit, self.repeat_edit = QLineEdit(), QLineEdit(), QLineEdit()
        form = QFormLayout()
        for edit, title in ((self.password_edit, self.tr("My password:")),
                            (self.pin_edit, self.tr("New PIN:")),
                            (self.repeat_edit, self.tr("New PIN again:"))):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(title, edit)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c62828;")
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self))
        self.password_edit.setFocus()

    def accept(self) -> None:
        if self.pin_edit.text() != self.repeat_edit.text():
            self.problem.setText(self.tr("The two PINs differ."))
            return
        self.submitted.emit(self.password_edit.text(), self.pin_edit.text())
        super().accept()


class RecallDialog(QDialog):
    """Held sales, oldest first; Enter recalls the highlighted one."""

    chosen = Signal(str)  # sale id

    def __init__(self, parent: QWidget, held: list[HeldSale]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recall a held sale"))
        self.setMinimumSize(640, 320)
        self.held = held
        self.table = QTableWidget(len(held), 5)
        self.table.setObjectName("held_table")
        self.table.setHorizontalHeaderLabels([self.tr("Held at"), self.tr("By"), self.tr("Lines"),
                                              self.tr("Member"), self.tr("Total")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, sale in enumerate(held):
            for column, text in enumerate((sale.held_at, sale.held_by, str(sale.lines),
                                           sale.member, money(sale.total_fen))):
                item = QTableWidgetItem(text)
                if column in (2, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if held:
            self.table.selectRow(len(held) - 1)  # the latest is usually the one wanted
        self.table.doubleClicked.connect(lambda _i: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(_buttons(self))
        self.table.setFocus()

    def accept(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.held):
            self.chosen.emit(self.held[row].sale_id)
        super().accept()
