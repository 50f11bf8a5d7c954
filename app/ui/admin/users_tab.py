"""Users and roles: the accounts, and what the signed-in user may do to them.

Every change goes through app/services/users.py, which decides who may do what (an
administrator: every account; a store manager: cashiers and shift leads). A refusal is
shown in the tab's message line in the user's language; nothing is hidden or guessed here.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.domain.permissions import MANAGER_MANAGES, ROLE_ORDER
from app.services import users
from app.services.auth import SignedInUser
from app.ui.admin.texts import Message, local_time
from app.ui.admin.user_dialogs import (AddUserDialog, PinDialog, ResetPasswordDialog,
                                       RoleDialog, UserDialog)
from app.ui.errors import error_text
from app.ui.roles import role_title
from app.ui.translations import fill


class UsersTab(QWidget):
    def __init__(self, store, ops, user: SignedInUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._user = store, ops, user
        self.accounts: list[users.UserInfo] = []
        self.dialog: UserDialog | None = None
        self._wanted = ""  # the account to select once the list is back
        self.message = Message()
        self.table = self._table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(self._buttons())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, 7)
        table.setHorizontalHeaderLabels([
            self.tr("User name"), self.tr("Name"), self.tr("Role"), self.tr("Active"),
            self.tr("PIN"), self.tr("Locked until"), self.tr("Must change password")])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.itemSelectionChanged.connect(self._selection_changed)
        return table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        specs = [("add", self.tr("&Add..."), "Ctrl+N", self.add),
                 ("role", self.tr("Change &role..."), "", self.change_role),
                 ("toggle", self.tr("&Disable"), "", self.toggle_active),
                 ("unlock", self.tr("&Unlock"), "", self.unlock),
                 ("reset", self.tr("Reset pass&word..."), "", self.reset_password),
                 ("pin", self.tr("Set P&IN..."), "", self.set_pin),
                 ("refresh", self.tr("Refresh (F5)"), "F5", self.refresh)]
        self.buttons: dict[str, QPushButton] = {}
        for key, title, keys, slot in specs:
            button = QPushButton(title)
            if keys:
                button.setShortcut(QKeySequence(keys))
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
            if key == "pin":
                row.addStretch(1)
        self._selection_changed()
        return row

    # -- reading --------------------------------------------------------------------------
    def refresh(self) -> None:
        self._ops.run(lambda: users.list_users(self._store, self._user.actor), self._show,
                      self._refused, context=self)

    def _show(self, accounts: list) -> None:
        selected = self.selected()
        wanted = self._wanted or (selected.username if selected else "")
        self.accounts, self._wanted = accounts, ""
        self.table.setRowCount(len(accounts))
        yes, no = self.tr("yes"), self.tr("no")
        for row, a in enumerate(accounts):
            cells = [a.username, a.display_name, role_title(a.role), yes if a.active else no,
                     yes if a.has_pin else no,
                     local_time(a.locked_until) if a.locked_until else "",
                     yes if a.must_change_password else ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not a.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
            if a.username == wanted:
                self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> users.UserInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.accounts[rows[0].row()] if rows and rows[0].row() < len(self.accounts) \
            else None

    def select(self, username: str) -> None:
        for row, a in enumerate(self.accounts):
            if a.username == username:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        account = self.selected()
        for key in ("role", "toggle", "unlock", "reset", "pin"):
            self.buttons[key].setEnabled(account is not None)
        if account is not None:
            self.buttons["toggle"].setText(self.tr("&Disable") if account.active
                                           else self.tr("&Enable"))

    # -- changing -------------------------------------------------------------------------
    def assignable_roles(self) -> tuple[str, ...]:
        if self._user.role == "store_manager":
            return tuple(r for r in ROLE_ORDER if r in MANAGER_MANAGES)
        return ROLE_ORDER

    def add(self) -> None:
        dialog = AddUserDialog(self.assignable_roles(), self)
        self._open(dialog, lambda v: users.add_user(
            self._store, self._user.actor, v["username"], v["display_name"], v["role"],
            v["password"], pin=v["pin"]), self.tr("User %1 added."))

    def change_role(self) -> None:
        account = self.selected()
        if account is not None:
            dialog = RoleDialog(account.username, self.assignable_roles(), account.role, self)
            self._open(dialog, lambda v: users.change_role(
                self._store, self._user.actor, account.username, v["role"]),
                self.tr("The role of %1 was changed."))

    def reset_password(self) -> None:
        account = self.selected()
        if account is not None:
            self._open(ResetPasswordDialog(account.username, self), lambda v: users.reset_password(
                self._store, self._user.actor, account.username, v["password"]),
                self.tr("%1 has a temporary password and must set a new one."))

    def set_pin(self) -> None:
        account = self.selected()
        if account is None:
            return
        own = account.username == self._user.username
        self._open(PinDialog(account.username, own, self), lambda v: users.set_pin(
            self._store, self._user.actor, account.username, v["pin"], password=v["password"]),
            self.tr("The PIN of %1 was changed."))

    def toggle_active(self) -> None:
        account = self.selected()
        if account is None:
            return
        change = users.disable_user if account.active else users.enable_user
        done = self.tr("%1 was disabled.") if account.active else self.tr("%1 was enabled.")
        self._run(lambda: change(self._store, self._user.actor, account.username), done)

    def unlock(self) -> None:
        account = self.selected()
        if account is not None:
            self._run(lambda: users.unlock_user(self._store, self._user.actor,
                                                account.username), self.tr("%1 was unlocked."))

    def _run(self, fn, done: str) -> None:
        self._ops.run(fn, lambda info: self._changed(info, done), self._refused, context=self)

    def _open(self, dialog: UserDialog, fn, done: str) -> None:
        self.dialog = dialog

        def submitted(values: dict) -> None:
            self._ops.run(lambda: fn(values), lambda info: self._dialog_done(dialog, info, done),
                          lambda exc: dialog.show_error(error_text(exc)), context=dialog)
        dialog.submitted.connect(submitted)
        dialog.open()

    def _dialog_done(self, dialog: UserDialog, info, done: str) -> None:
        dialog.accept()
        self.dialog = None
        self._changed(info, done)

    def _changed(self, info, done: str) -> None:
        self.message.ok(fill(done, info.username))
        self._wanted = info.username
        self.refresh()

    def _refused(self, exc: Exception) -> None:
        self.message.error(error_text(exc))
