"""Dialogs of the Users tab. Each collects its fields and emits `submitted`; the tab runs
the service and either closes the dialog or shows the refusal in it, keeping what was
typed (nothing is lost to a wrong entry)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QVBoxLayout, QWidget)

from app.domain.permissions import ROLE_ORDER
from app.ui.roles import role_title
from app.ui.translations import fill

ERROR_STYLE = "color: #c62828;"
translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


class UserDialog(QDialog):
    submitted = Signal(dict)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addWidget(self.error_label)
        column.addWidget(self.buttons)

    def values(self) -> dict:
        raise NotImplementedError

    def check(self, values: dict) -> str:
        """A message for input that cannot be right (typed twice differently); "" if fine."""
        return ""

    def _submit(self) -> None:
        values = self.values()
        problem = self.check(values)
        if problem:
            self.show_error(problem)
            return
        self.buttons.setEnabled(False)
        self.submitted.emit(values)

    def show_error(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.error_label.setText(text)
        self.error_label.show()

    def secret(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(256)
        return edit

    def twice(self, first: str, second: str, what: str) -> str:
        return "" if first == second else fill(
            translate("UserDialog", "The two %1 entries differ."), what)


def role_combo(roles: tuple[str, ...] = ROLE_ORDER, current: str = "") -> QComboBox:
    combo = QComboBox()
    for role in roles:
        combo.addItem(role_title(role), role)
    if current in roles:
        combo.setCurrentIndex(roles.index(current))
    return combo


class AddUserDialog(UserDialog):
    def __init__(self, roles: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add a user"), parent)
        self.username_edit = QLineEdit()
        self.username_edit.setMaxLength(64)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.role_box = role_combo(roles, "cashier")
        self.password_edit, self.repeat_edit = self.secret(), self.secret()
        self.pin_edit = self.secret()
        self.pin_edit.setMaxLength(6)
        self.pin_edit.setPlaceholderText(self.tr("optional, 4-6 digits"))
        for label, field in ((self.tr("&User name:"), self.username_edit),
                             (self.tr("&Name:"), self.name_edit),
                             (self.tr("&Role:"), self.role_box),
                             (self.tr("&Password:"), self.password_edit),
                             (self.tr("Password &again:"), self.repeat_edit),
                             (self.tr("P&IN:"), self.pin_edit)):
            self.form.addRow(label, field)

    def values(self) -> dict:
        return {"username": self.username_edit.text().strip(),
                "display_name": self.name_edit.text().strip(),
                "role": self.role_box.currentData(), "password": self.password_edit.text(),
                "repeat": self.repeat_edit.text(), "pin": self.pin_edit.text() or None}

    def check(self, values: dict) -> str:
        return self.twice(values["password"], values["repeat"], self.tr("password"))


class RoleDialog(UserDialog):
    def __init__(self, username: str, roles: tuple[str, ...], current: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(fill(self.tr("Role of %1"), username), parent)
        self.role_box = role_combo(roles, current)
        self.form.addRow(self.tr("&Role:"), self.role_box)

    def values(self) -> dict:
        return {"role": self.role_box.currentData()}


class ResetPasswordDialog(UserDialog):
    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(fill(self.tr("Reset the password of %1"), username), parent)
        note = QLabel(self.tr("A temporary password: the user must set their own at the "
                              "next sign-in. This also ends a lockout."))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.password_edit, self.repeat_edit = self.secret(), self.secret()
        self.form.addRow(self.tr("&Temporary password:"), self.password_edit)
        self.form.addRow(self.tr("Password &again:"), self.repeat_edit)

    def values(self) -> dict:
        return {"password": self.password_edit.text(), "repeat": self.repeat_edit.text()}

    def check(self, values: dict) -> str:
        return self.twice(values["password"], values["repeat"], self.tr("password"))


class PinDialog(UserDialog):
    """A new PIN (typed twice) or none; one's own needs the password as well."""

    def __init__(self, username: str, own: bool, parent: QWidget | None = None) -> None:
        super().__init__(fill(self.tr("PIN of %1"), username), parent)
        self.clear_box = QCheckBox(self.tr("&No PIN (clear it)"))
        self.pin_edit, self.repeat_edit = self.secret(), self.secret()
        for edit in (self.pin_edit, self.repeat_edit):
            edit.setMaxLength(6)
        self.clear_box.toggled.connect(lambda on: [e.setEnabled(not on) for e in
                                                   (self.pin_edit, self.repeat_edit)])
        self.form.addRow(self.tr("&PIN (4-6 digits):"), self.pin_edit)
        self.form.addRow(self.tr("PIN &again:"), self.repeat_edit)
        self.form.addRow(self.clear_box)
        self.password_edit = self.secret() if own else None
        if self.password_edit is not None:
            self.form.addRow(self.tr("Your pass&word:"), self.password_edit)

    def values(self) -> dict:
        clear = self.clear_box.isChecked()
        return {"pin": None if clear else self.pin_edit.text(),
                "repeat": None if clear else self.repeat_edit.text(),
                "password": self.password_edit.text() if self.password_edit else None}

    def check(self, values: dict) -> str:
        return self.twice(values["pin"], values["repeat"], self.tr("PIN"))
