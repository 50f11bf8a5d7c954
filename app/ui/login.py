"""The sign-in dialog: who is at the keyboard, checked on the database worker."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QProgressBar, QPushButton, QVBoxLayout, QWidget)

from app.domain.errors import AuthError, JxcError
from app.persistence.store import LocalStore
from app.services.auth import PasswordChangeRequired, SignedInUser, sign_in
from app.services.users import change_password
from app.ui.errors import error_text, show_error
from app.ui.ops import OpsRunner
from app.ui.translations import fill

DEFAULT_USERNAME = "admin"


class LoginDialog(QDialog):
    """Accepts once `sign_in` succeeds; `user` then holds who signed in."""

    signed_in = Signal(object)  # SignedInUser

    def __init__(self, store: LocalStore, ops: OpsRunner, username: str = DEFAULT_USERNAME,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self.user: SignedInUser | None = None
        self._busy = False
        self._changing = False  # the password was reset: a new one is asked for first
        self.setWindowTitle(self.tr("Sign in - JXC"))
        self.setMinimumWidth(420)
        self._build(username)

    # -- building -------------------------------------------------------------------------
    def _build(self, username: str) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(self._store_header())
        layout.addLayout(self._form(username))
        layout.addWidget(self._error_label())
        layout.addWidget(self._busy_bar())
        layout.addWidget(self._buttons())
        self.setTabOrder(self.username_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.sign_in_button)
        self.setTabOrder(self.sign_in_button, self.quit_button)
        (self.password_edit if username else self.username_edit).setFocus()

    def _store_header(self) -> QWidget:
        identity = self._store.identity
        name = QLabel(identity.store_name)
        font = QFont(name.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        name.setFont(font)
        name.setWordWrap(True)
        code = QLabel(fill(self.tr("Store code: %1"), identity.store_code))
        code.setStyleSheet("color: palette(placeholder-text);")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 8)
        column.addWidget(name)
        column.addWidget(code)
        return box

    def _form(self, username: str) -> QFormLayout:
        self.username_edit = QLineEdit(username)
        self.username_edit.setMaxLength(64)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(256)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&User name:"), self.username_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        self.new_password_edit = self._secret_edit()
        self.repeat_edit = self._secret_edit()
        form.addRow(self.tr("&New password:"), self.new_password_edit)
        form.addRow(self.tr("&Repeat new password:"), self.repeat_edit)
        for edit in (self.new_password_edit, self.repeat_edit):
            form.setRowVisible(edit, False)
        self._form_layout = form
        return form

    @staticmethod
    def _secret_edit() -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(256)
        return edit

    def _error_label(self) -> QLabel:
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setAccessibleName(self.tr("Sign-in error"))
        self.error_label.hide()
        return self.error_label

    def _busy_bar(self) -> QProgressBar:
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(6)
        policy = self.busy_bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # no jumping layout while signing in
        self.busy_bar.setSizePolicy(policy)
        self.busy_bar.hide()
        return self.busy_bar

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox()
        self.sign_in_button = QPushButton(self.tr("&Sign in"))
        self.sign_in_button.setDefault(True)  # Enter in either field signs in
        self.quit_button = QPushButton(self.tr("&Quit"))
        self.quit_button.setAutoDefault(False)
        box.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.submit)
        box.rejected.connect(self.reject)
        return box

    # -- behaviour ------------------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._busy

    def submit(self) -> None:
        if self.is_busy():
            return
        username = self.username_edit.text().strip()
        if not username:
            self._show_problem(self.tr("Enter your user name."), self.username_edit)
            return
        password = self.password_edit.text()
        if self._changing:
            self._submit_change(username, password)
            return
        store = self._store
        self._set_busy(True)
        self._ops.run(lambda: sign_in(store, username, password),
                      self._on_signed_in, self._on_failed, context=self)

    def _submit_change(self, username: str, password: str) -> None:
        """Set the new password (proved by the one the administrator gave), then sign in."""
        new, repeat = self.new_password_edit.text(), self.repeat_edit.text()
        if new != repeat:
            self.repeat_edit.clear()
            self._show_problem(self.tr("The two new passwords differ. Type them again."),
                               self.repeat_edit)
            return
        store = self._store

        def change_then_sign_in():
            change_password(store, username, password, new)
            return sign_in(store, username, new)
        self._set_busy(True)
        self._ops.run(change_then_sign_in, self._on_signed_in, self._on_failed, context=self)

    def ask_new_password(self) -> None:
        """Show the new-password rows: the account's password was reset."""
        self._changing = True
        for edit in (self.new_password_edit, self.repeat_edit):
            self._form_layout.setRowVisible(edit, True)
        self.sign_in_button.setText(self.tr("&Set password and sign in"))

    def _on_signed_in(self, user: SignedInUser) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        self.user = user
        self.signed_in.emit(user)
        self.accept()

    def _on_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if not isinstance(exc, JxcError):
            show_error(self, exc)  # a bug: the box says so, the log has the details
            return
        if isinstance(exc, PasswordChangeRequired) and not self._changing:
            self.ask_new_password()
            self._show_problem(error_text(exc), self.new_password_edit)
            return
        if self._changing and not isinstance(exc, AuthError):
            self.new_password_edit.clear()  # a weak or reused new password: the old stays
            self.repeat_edit.clear()
            self._show_problem(error_text(exc), self.new_password_edit)
            return
        self.password_edit.clear()
        self._show_problem(error_text(exc), self.password_edit)

    def _show_problem(self, text: str, focus: QLineEdit) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        focus.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self.sign_in_button.setEnabled(not busy)
        for edit in (self.username_edit, self.password_edit):
            edit.setReadOnly(busy)  # read-only, not disabled: the focus stays put
        if busy:
            self.error_label.hide()
