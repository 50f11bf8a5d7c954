"""A list's custom fields: a filter (a field list and the value it must have) and the
header's menu that hides or shows each custom column, kept across reloads. The product list
(a table over `ProductListModel`) and the supplier and member lists (a tree over
`RecordColumns`) share it: `columns` is anything with `set_custom_fields`, `columns`,
`fixed`, `titles` and `columnCount`."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QTreeView

from app.ui.products.list_model import CUSTOM


class CustomListControls(QObject):
    def __init__(self, table: QAbstractItemView, model, parent: QObject) -> None:
        super().__init__(parent)
        self.table, self.model = table, model
        self.hidden: set[str] = set()  # custom columns hidden from the header's menu
        self.field = QComboBox()
        self.field.setObjectName("custom_filter_field")
        self.field.addItem(self.tr("Any custom field"), "")
        self.value = QLineEdit()
        self.value.setObjectName("custom_filter_value")
        self.value.setPlaceholderText(self.tr("equals…"))
        for widget in (self.field, self.value):
            widget.setVisible(False)  # shown once the store has fields for the list

    def fill(self, defs: list) -> None:
        """Columns and filter choices for the active fields `defs` of the list's records."""
        self.model.set_custom_fields(defs)
        chosen = self.field.currentData()
        self.field.blockSignals(True)
        self.field.clear()
        self.field.addItem(self.tr("Any custom field"), "")
        for fd in defs:
            self.field.addItem(self.model.titles[CUSTOM + fd.key], fd.key)
        self.field.setCurrentIndex(max(self.field.findData(chosen), 0))
        self.field.blockSignals(False)
        for widget in (self.field, self.value):
            widget.setVisible(bool(defs))
        self._column_actions()

    def filter_args(self) -> dict:
        """The list's filter arguments: a field and a value, or no custom filter."""
        key, value = self.field.currentData() or "", self.value.text().strip()
        return {"custom_key": key if value else "", "custom_value": value if key else ""}

    def _column_actions(self) -> None:
        header = self._header()
        for action in header.actions():
            header.removeAction(action)
        for column in range(self.model.fixed, self.model.columnCount()):
            key = self.model.columns[column]
            action = QAction(self.model.titles[key], header)
            action.setCheckable(True)
            action.setChecked(key not in self.hidden)
            self.table.setColumnHidden(column, key in self.hidden)
            action.toggled.connect(lambda on, c=column: self._show_column(c, on))
            header.addAction(action)

    def _show_column(self, column: int, shown: bool) -> None:
        key = self.model.columns[column]
        (self.hidden.discard if shown else self.hidden.add)(key)
        self.table.setColumnHidden(column, not shown)

    def _header(self):
        if isinstance(self.table, QTreeView):
            return self.table.header()
        return self.table.horizontalHeader()
