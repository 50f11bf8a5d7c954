"""Admin → Custom fields (自定义字段, issue 11 item 1): an administrator defines the fields
of products, members, suppliers and documents without a programmer.

Everything goes through app/services/custom_fields.py (which checks the definition and the
role); the buttons that change a field are shown only to the roles the permission table
allows. A field head office published (origin "hq") is shown read-only: head office
manages it, and a local change would be overwritten by its next publication.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.domain.custom_fields import FieldDef
from app.domain.permissions import is_allowed
from app.services import custom_fields
from app.services.auth import SignedInUser
from app.ui.admin.field_dialog import FieldDialog, kind_title
from app.ui.admin.texts import Message
from app.ui.errors import error_text
from app.ui.translations import fill

HEAD_OFFICE = custom_fields.HEAD_OFFICE
RULES = 5  # the column that takes the room left


def origin_of(fd: FieldDef) -> str:
    return fd.extra.get("origin", "local")


class FieldsTab(QWidget):
    def __init__(self, store, ops, user: SignedInUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, user.actor
        self.may_define = is_allowed(user.role, "custom_fields.define")
        self.may_hide = is_allowed(user.role, "custom_fields.set_active")
        self.fields: list[FieldDef] = []
        self.dialog: FieldDialog | None = None
        self._wanted = ""  # the key to select once the list is back
        self.entity_box = QComboBox()
        for entity, title in (("product", self.tr("Products")),
                              ("customer", self.tr("Customers / members")),
                              ("supplier", self.tr("Suppliers")),
                              ("document", self.tr("Documents"))):
            self.entity_box.addItem(title, entity)
        self.entity_box.currentIndexChanged.connect(self.refresh)
        self.table = self._table()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.message = Message()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(self._buttons())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.message)

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, 8)
        table.setHorizontalHeaderLabels([
            self.tr("Key"), self.tr("Chinese label"), self.tr("English label"),
            self.tr("Kind"), self.tr("Required"), self.tr("Rules"), self.tr("Shown"),
            self.tr("From")])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RULES, QHeaderView.ResizeMode.Stretch)
        table.itemSelectionChanged.connect(self._selection_changed)
        table.activated.connect(lambda _index: self.edit())  # Enter or double-click
        return table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        kind_label = QLabel(self.tr("Fields &of:"))
        kind_label.setBuddy(self.entity_box)
        row.addWidget(kind_label)
        row.addWidget(self.entity_box)
        specs = [("add", self.tr("Add &new..."), "Ctrl+N", self.add, self.may_define),
                 ("edit", self.tr("&Edit..."), "", self.edit, True),
                 ("toggle", self.tr("Hi&de"), "", self.toggle_active, self.may_hide),
                 ("refresh", self.tr("Refresh (F5)"), "F5", self.refresh, True)]
        self.buttons: dict[str, QPushButton] = {}
        for key, title, keys, slot, shown in specs:
            button = QPushButton(title)
            if keys:
                button.setShortcut(QKeySequence(keys))
            button.clicked.connect(slot)
            button.setVisible(shown)
            self.buttons[key] = button
            if key == "refresh":
                row.addStretch(1)
            row.addWidget(button)
        self._selection_changed()
        return row

    # -- reading --------------------------------------------------------------------------
    def entity(self) -> str:
        return self.entity_box.currentData()

    def refresh(self) -> None:
        store, actor, entity = self._store, self._actor, self.entity()
        self._ops.run(lambda: custom_fields.definitions(store, entity, actor=actor,
                                                        include_inactive=True),
                      lambda found: self._show(entity, found), self._refused, context=self)

    def _show(self, entity: str, found: list[FieldDef]) -> None:
        if entity != self.entity():
            return  # the kind changed while reading: its own answer follows
        selected = self.selected()
        wanted = self._wanted or (selected.key if selected else "")
        self.fields, self._wanted = found, ""
        self.table.setRowCount(len(found))
        yes, no = self.tr("yes"), self.tr("no")
        for row, fd in enumerate(found):
            hq = origin_of(fd) == HEAD_OFFICE
            cells = [fd.key, fd.label_zh, fd.label_en, kind_title(fd.kind),
                     yes if fd.required else no, self.rules_text(fd),
                     yes if fd.active else self.tr("hidden"),
                     self.tr("head office") if hq else self.tr("this store")]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not fd.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
            if fd.key == wanted:
                self.table.selectRow(row)
        self._selection_changed()

    def rules_text(self, fd: FieldDef) -> str:
        parts = []
        if fd.kind == "choice":
            parts.append(", ".join(fd.choices))
        if fd.minimum is not None:
            parts.append(fill(self.tr("at least %1"), fd.minimum))
        if fd.maximum is not None:
            parts.append(fill(self.tr("at most %1"), fd.maximum))
        if fd.kind == "text":
            parts.append(fill(self.tr("up to %1 characters"), fd.max_length))
        return "; ".join(parts)

    def selected(self) -> FieldDef | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        return self.fields[rows[0].row()] if rows and rows[0].row() < len(self.fields) \
            else None

    def select(self, key: str) -> None:
        for row, fd in enumerate(self.fields):
            if fd.key == key:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        fd = self.selected()
        hq = fd is not None and origin_of(fd) == HEAD_OFFICE
        self.buttons["edit"].setEnabled(fd is not None)
        self.buttons["edit"].setText(self.tr("&Edit...") if self.may_define and not hq
                                     else self.tr("&View..."))
        self.buttons["toggle"].setEnabled(fd is not None and not hq)
        if fd is not None:
            self.buttons["toggle"].setText(self.tr("Hi&de") if fd.active else self.tr("Sho&w"))
        self.note.setText(self.tr("Head office manages this field: it can only be changed "
                                  "there.") if hq else "")

    # -- changing -------------------------------------------------------------------------
    def add(self) -> None:
        if self.may_define:
            self._open(FieldDialog(self.entity(), parent=self), adding=True)

    def edit(self) -> None:
        fd = self.selected()
        if fd is None:
            return
        read_only = origin_of(fd) == HEAD_OFFICE or not self.may_define
        dialog = FieldDialog(fd.entity, fd, read_only=read_only, parent=self)
        if read_only:
            self.dialog = dialog
            dialog.open()
            return
        self._open(dialog, adding=False)

    def _open(self, dialog: FieldDialog, *, adding: bool) -> None:
        self.dialog = dialog
        store, actor = self._store, self._actor

        def submitted(values: dict) -> None:
            fd = dialog.definition(values)
            refusal = self.refusal(fd, adding)
            if refusal:
                dialog.show_error(refusal)
                return
            self._ops.run(lambda: custom_fields.define(store, actor, fd),
                          lambda saved: self._dialog_done(dialog, saved),
                          lambda exc: dialog.show_error(error_text(exc)), context=dialog)
        dialog.submitted.connect(submitted)
        dialog.open()

    def refusal(self, fd: FieldDef, adding: bool) -> str:
        """Why the screen will not send this definition ("" if it will): adding a key that
        exists would silently change that field, and head office's fields are its own."""
        existing = next((f for f in self.fields if f.key == fd.key), None)
        if existing is not None and origin_of(existing) == HEAD_OFFICE:
            return fill(self.tr("The field %1 comes from head office, which manages it: it "
                                "cannot be changed in this store."), fd.key)
        if adding and existing is not None:
            return fill(self.tr("A field with the key %1 already exists: choose it in the "
                                "list and use Edit."), fd.key)
        return ""

    def _dialog_done(self, dialog: FieldDialog, saved: FieldDef) -> None:
        dialog.accept()
        self.dialog = None
        self._changed(saved.key, fill(self.tr("Field %1 saved."), saved.key))

    def toggle_active(self) -> None:
        fd = self.selected()
        if fd is None or not self.may_hide:
            return
        if origin_of(fd) == HEAD_OFFICE:
            self.message.error(fill(self.tr("The field %1 comes from head office, which "
                                            "manages it: it cannot be changed in this "
                                            "store."), fd.key))
            return
        store, actor, show = self._store, self._actor, not fd.active
        done = self.tr("Field %1 is shown again.") if show else \
            self.tr("Field %1 is hidden; its values are kept.")
        self._ops.run(lambda: custom_fields.set_active(store, actor, fd.entity, fd.key, show),
                      lambda _none: self._changed(fd.key, fill(done, fd.key)),
                      self._refused, context=self)

    def _changed(self, key: str, done: str) -> None:
        self.message.ok(done)
        self._wanted = key
        self.refresh()

    def _refused(self, exc: Exception) -> None:
        self.message.error(error_text(exc))
